"""What happened at the border and since: crossings, visas, registrations, extensions."""

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from umis.core.models import TranslatedNameMixin
from umis.people.models import Person


class BorderPoint(TranslatedNameMixin):
    """A border crossing point of the country: airport, land, sea or rail crossing."""

    class Kind(models.TextChoices):
        AIR = "air", _("airport")
        LAND = "land", _("land crossing")
        SEA = "sea", _("sea port")
        RAIL = "rail", _("railway crossing")

    code = models.CharField(_("code"), max_length=12, primary_key=True)
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    neighbour = models.CharField(_("neighbouring country"), max_length=3, blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering: ClassVar = ["code"]
        verbose_name = _("border crossing point")
        verbose_name_plural = _("border crossing points")


class Crossing(models.Model):
    class Direction(models.TextChoices):
        ENTRY = "entry", _("entry")
        EXIT = "exit", _("exit")
        REFUSAL = "refusal", _("refusal of entry")

    # No index of its own: ``crossing_person_day`` starts with the person and serves every
    # lookup by person; a second index would cost each bulk insert a random write more.
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", db_index=False)
    direction = models.CharField(_("direction"), max_length=7, choices=Direction.choices)
    at = models.DateTimeField(_("time"))
    # The local (Baku) calendar day of ``at``: what the stay rules count.
    day = models.DateField(_("day"))
    # No index: nothing looks crossings up by their point, and its two (Django's
    # and the LIKE twin) were two of the five indexes written for every crossing.
    point = models.ForeignKey(
        BorderPoint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    document_kind = models.CharField(_("document type"), max_length=10, blank=True)
    document_number = models.CharField(_("document number"), max_length=30, blank=True)
    nationality = models.CharField(_("nationality of the document"), max_length=3, blank=True)
    purpose = models.CharField(_("declared purpose"), max_length=60, blank=True)
    source = models.CharField(_("source agency"), max_length=20)
    source_ref = models.CharField(_("source reference"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("border crossing")
        verbose_name_plural = _("border crossings")
        indexes: ClassVar = [models.Index(fields=["person", "day"], name="crossing_person_day")]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["source", "source_ref"], name="crossing_source_once"),
        ]

    def __str__(self) -> str:
        return f"{self.direction} {self.day}"


class Visa(models.Model):
    class Kind(models.TextChoices):
        VISA = "visa", _("visa")
        EVISA = "evisa", _("e-visa (ASAN Visa)")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("visa number"), max_length=30, unique=True)
    kind = models.CharField(_("type"), max_length=5, choices=Kind.choices)
    entries = models.PositiveSmallIntegerField(
        _("entries allowed"), null=True, blank=True, help_text=_("Empty: multiple entries.")
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    stay_days = models.PositiveSmallIntegerField(_("duration of stay (days)"))
    issuing_post = models.CharField(_("issuing post"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("visa")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(valid_from__lte=F("valid_to")), name="visa_validity_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class PlaceOfStayRegistration(models.Model):
    class HostKind(models.TextChoices):
        ORGANISATION = "organisation", _("organisation (hotel, employer)")
        PERSON = "person", _("private person (landlord)")

    class Source(models.TextChoices):
        PERSON = "person", _("the foreigner")
        HOST = "host", _("the host")
        OFFICER = "officer", _("an officer")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("address"), max_length=300)
    city = models.CharField(_("city or district"), max_length=100, blank=True)
    host_kind = models.CharField(_("host"), max_length=12, choices=HostKind.choices)
    host_name = models.CharField(_("host name"), max_length=200)
    host_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)
    source = models.CharField(_("registered by"), max_length=8, choices=Source.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("place-of-stay registration")
        verbose_name_plural = _("place-of-stay registrations")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__lte=F("valid_to")),
                name="registration_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.address


class StayExtension(models.Model):
    """An extension of temporary stay granted (by the permits workflow or an officer)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"))
    source_ref = models.CharField(_("source reference"), max_length=100, unique=True)
    granted_by = models.CharField(_("granted by"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("extension of temporary stay")
        verbose_name_plural = _("extensions of temporary stay")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(valid_from__lte=F("valid_to")), name="extension_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.valid_from}–{self.valid_to}"
