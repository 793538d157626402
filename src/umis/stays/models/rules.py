"""Stay rules as dated, versioned data, chosen per nationality and document type."""

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from umis.core.models import Country
from umis.stays.engine import RuleKind, StayRule


class StayRuleVersion(models.Model):
    class Kind(models.TextChoices):
        PER_ENTRY = RuleKind.PER_ENTRY.value, _("maximum per entry")
        ROLLING = RuleKind.ROLLING.value, _("N days in any M-day period")

    code = models.CharField(_("rule"), max_length=40)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    nationality = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nationality"),
        help_text=_("Empty: every nationality without a rule of its own."),
    )
    document_kind = models.CharField(
        _("document type"), max_length=10, blank=True, help_text=_("Empty: any document.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    max_days = models.PositiveSmallIntegerField(_("maximum days"))
    window_days = models.PositiveSmallIntegerField(_("window (days)"), default=0)
    requires_visa = models.BooleanField(_("visa required"), default=False)
    registration_after_days = models.PositiveSmallIntegerField(
        _("registration needed after (days)"), default=15
    )
    registration_within_days = models.PositiveSmallIntegerField(
        _("registration due within (days of arrival)"), default=15
    )
    address_change_working_days = models.PositiveSmallIntegerField(
        _("after a change of address (working days)"), default=5
    )
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(
        _("in force until (exclusive)"),
        null=True,
        blank=True,
        help_text=_("Empty: still in force."),
    )
    legal_source = models.CharField(_("legal source"), max_length=300, blank=True)
    assumption = models.TextField(_("assumption made"), blank=True)

    class Meta:
        ordering: ClassVar = ["code", "version"]
        verbose_name = _("stay rule")
        verbose_name_plural = _("stay rules")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["code", "version"], name="stay_rule_version_once"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_from__lt=F("effective_to")),
                name="stay_rule_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(kind="per_entry") | Q(window_days__gte=F("max_days")),
                name="stay_rule_window_holds_maximum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    def as_rule(self) -> StayRule:
        return StayRule(
            kind=RuleKind(self.kind),
            max_days=self.max_days,
            window_days=self.window_days,
            requires_visa=self.requires_visa,
            nationality=self.nationality_id or "",
            document_kind=self.document_kind,
            effective_from=self.effective_from,
            effective_to=self.effective_to,
            registration_after_days=self.registration_after_days,
            registration_within_days=self.registration_within_days,
            address_change_working_days=self.address_change_working_days,
            code=f"{self.code} v{self.version}",
        )
