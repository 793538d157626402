"""The stored stay status of a person, refreshed on every crossing and daily.

It keeps the figures that lists and panels need; the explanation is the engine's,
given afresh wherever a person's status is shown.
"""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from umis.people.models import Person
from umis.stays.engine import Basis


class StayStatus(models.Model):
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    on = models.DateField(_("as of"))
    present = models.BooleanField(_("present"))
    basis = models.CharField(
        _("basis of stay"), max_length=10, choices=[(b.value, b.value) for b in Basis]
    )
    nationality = models.CharField(_("nationality"), max_length=3, blank=True)
    stay_entry = models.DateField(_("entered on"), null=True, blank=True)
    days_used = models.PositiveIntegerField(_("days used"), default=0)
    max_days = models.PositiveIntegerField(_("days allowed"), null=True, blank=True)
    overstay_days = models.PositiveIntegerField(_("days overstayed"), default=0)
    rule = models.CharField(_("stay rule"), max_length=60, blank=True)
    lawful_until = models.DateField(_("lawful until"), null=True, blank=True)
    registration_due_on = models.DateField(_("registration due on"), null=True, blank=True)
    registration_met = models.BooleanField(_("registration made in time"), null=True, blank=True)
    refreshed_at = models.DateTimeField(_("refreshed"))

    class Meta:
        verbose_name = _("stay status")
        verbose_name_plural = _("stay statuses")
        indexes: ClassVar = [
            models.Index(fields=["overstay_days"], name="staystatus_overstay"),
            models.Index(fields=["nationality", "overstay_days"], name="staystatus_nat_overstay"),
            models.Index(fields=["registration_due_on"], name="staystatus_registration_due"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.on}"
