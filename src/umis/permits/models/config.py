"""Dated configuration: fees, decision terms, document checklists, legal grounds, quota.

Every row is in force from ``valid_from`` up to and including ``valid_to``
(empty: still in force) and says where its figure comes from, so a change in
the law is a new row, never a code change.
"""

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from umis.core.models import TranslatedNameMixin
from umis.permits.catalogue import Service, Track


class Dated(models.Model):
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(
        _("in force until (inclusive)"),
        null=True,
        blank=True,
        help_text=_("Empty: still in force."),
    )
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Law, decision or stated assumption.")
    )

    class Meta:
        abstract = True
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__lte=F("valid_to")),
                name="%(class)s_period_ordered",
            ),
        ]


class Fee(Dated):
    """The fee of one service, speed track and validity (Migration Code; see seed data)."""

    class Category(models.TextChoices):
        ANY = "", _("any applicant")
        STUDENT = "student", _("student")
        MINOR = "minor", _("minor")

    service = models.CharField(_("service"), max_length=30, choices=Service.choices)
    track = models.CharField(_("speed track"), max_length=10, choices=Track.choices)
    max_months = models.PositiveSmallIntegerField(
        _("validity up to (months)"), help_text=_("The fee for a validity up to this long.")
    )
    category = models.CharField(
        _("applicant category"), max_length=10, choices=Category.choices, blank=True
    )
    amount = models.DecimalField(_("amount (AZN)"), max_digits=9, decimal_places=2)

    class Meta(Dated.Meta):
        ordering: ClassVar = ["service", "track", "category", "max_months"]
        verbose_name = _("fee")
        verbose_name_plural = _("fees")

    def __str__(self) -> str:
        return f"{self.service} {self.track} ≤{self.max_months} {self.category} {self.amount}"


class DecisionTerm(Dated):
    """How many working days the service has to decide, by track."""

    service = models.CharField(_("service"), max_length=30, choices=Service.choices)
    track = models.CharField(_("speed track"), max_length=10, choices=Track.choices)
    working_days = models.PositiveSmallIntegerField(_("working days to decide"))
    pauses_for_applicant = models.BooleanField(
        _("pauses while waiting for the applicant"), default=True
    )

    class Meta(Dated.Meta):
        ordering: ClassVar = ["service", "track"]
        verbose_name = _("decision term")
        verbose_name_plural = _("decision terms")

    def __str__(self) -> str:
        return f"{self.service} {self.track}: {self.working_days}"


class RequiredDocument(TranslatedNameMixin, Dated):
    """One item of a service's checklist, needed always or only for some answers."""

    service = models.CharField(_("service"), max_length=30, choices=Service.choices)
    code = models.SlugField(_("code"), max_length=40)
    when_answer = models.CharField(
        _("only when the answer"), max_length=40, blank=True, help_text=_("Empty: always needed.")
    )
    when_values = models.JSONField(
        _("is one of"), default=list, blank=True, help_text=_('For example ["family", "work"].')
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(Dated.Meta):
        ordering: ClassVar = ["service", "order", "code"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return f"{self.service}: {self.code}"

    def applies_to(self, answers: dict[str, object]) -> bool:
        if not self.when_answer:
            return True
        return str(answers.get(self.when_answer, "")) in {str(v) for v in self.when_values}


class LegalGround(TranslatedNameMixin, Dated):
    """A legal reason a decision may cite."""

    class Outcome(models.TextChoices):
        GRANT = "grant", _("grant")
        REFUSE = "refuse", _("refusal")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    outcome = models.CharField(_("used for"), max_length=6, choices=Outcome.choices)
    services = models.JSONField(
        _("services"), default=list, blank=True, help_text=_("Empty: every service.")
    )
    article = models.CharField(_("article"), max_length=100, blank=True)

    class Meta(Dated.Meta):
        ordering: ClassVar = ["outcome", "code"]
        verbose_name = _("legal ground")
        verbose_name_plural = _("legal grounds")

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"


class LabourQuota(models.Model):
    """The yearly labour-migration quota (Migration Code art. 51.5)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    total = models.PositiveIntegerField(_("work permits in the quota"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering: ClassVar = ["-year"]
        verbose_name = _("labour-migration quota")
        verbose_name_plural = _("labour-migration quotas")

    def __str__(self) -> str:
        return f"{self.year}: {self.total}"


class QuotaExemption(TranslatedNameMixin, Dated):
    """A category of work permit not counted against the quota (by region or period)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta(Dated.Meta):
        ordering: ClassVar = ["code"]
        verbose_name = _("quota exemption")
        verbose_name_plural = _("quota exemptions")

    def __str__(self) -> str:
        return self.code
