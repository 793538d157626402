"""Permits: what a granted application becomes, with a number anyone can verify."""

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from umis.core.identifiers import NumberScheme
from umis.people.models import Person
from umis.permits.models.cases import Application


class PermitKind(models.TextChoices):
    TRP = "TRP", _("temporary residence permit")
    PRP = "PRP", _("permanent residence permit")
    WORK = "WP", _("work permit")
    EXTENSION = "EXT", _("extension of temporary stay")


PERMIT_NUMBERS = {kind: NumberScheme(prefix=kind.value, digits=8) for kind in PermitKind}


class Permit(models.Model):
    number = models.CharField(_("number"), max_length=14, unique=True)
    kind = models.CharField(_("kind"), max_length=3, choices=PermitKind.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="permit")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"))
    conditions = models.JSONField(_("conditions"), default=dict, blank=True)
    fin = models.CharField(_("FIN"), max_length=7, blank=True)
    card_mrz = models.TextField(_("card MRZ"), blank=True)
    quota_year = models.PositiveSmallIntegerField(null=True, blank=True)
    quota_exemption = models.CharField(max_length=40, blank=True)
    issued_at = models.DateTimeField(_("issued"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-issued_at"]
        verbose_name = _("permit")
        verbose_name_plural = _("permits")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(valid_from__lte=F("valid_to")), name="permit_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number_display(self) -> str:
        return PERMIT_NUMBERS[PermitKind(self.kind)].display(self.number)
