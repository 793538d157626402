from typing import ClassVar

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TranslatedNameMixin(models.Model):
    """Reference data named in the three languages of the service."""

    name_az = models.CharField(_("name (Azerbaijani)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "az")[:2]
        return str(getattr(self, f"name_{language}", "") or self.name_en)


class Country(TranslatedNameMixin):
    """ISO 3166-1 countries plus the ICAO codes for stateless persons and refugees."""

    code = models.CharField(_("alpha-3 code"), max_length=3, primary_key=True)
    alpha2 = models.CharField(_("alpha-2 code"), max_length=2, blank=True)
    numeric = models.CharField(_("numeric code"), max_length=3, blank=True)
    is_special = models.BooleanField(
        _("special status code"),
        default=False,
        help_text=_("ICAO codes that are not states: stateless, refugee, unspecified."),
    )

    class Meta:
        ordering: ClassVar = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class CalendarDay(TranslatedNameMixin):
    """A day that departs from the usual Monday–Friday working week."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("public holiday")
        TRANSFERRED_REST = "rest", _("rest day (transferred)")
        WORKING = "working", _("working day (weekend day worked)")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    source = models.CharField(
        _("legal source"), max_length=300, blank=True, help_text=_("Law or decision that sets it.")
    )

    class Meta:
        ordering: ClassVar = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"


class NumberSequence(models.Model):
    """The last number handed out in one series (person numbers, receipts …)."""

    name = models.CharField(max_length=40, primary_key=True)
    last_value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("number sequence")

    def __str__(self) -> str:
        return f"{self.name}: {self.last_value}"


class AttemptCount(models.Model):
    """Attempts of one subject in one rate-limit window (``umis.core.throttle``).

    A row in the database rather than in a process's memory, so that every server
    process counts into the same number.
    """

    key = models.CharField(max_length=100, primary_key=True)
    attempts = models.PositiveIntegerField(default=0)
    ends_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.attempts}"
