"""The person registry: one record for every foreigner and stateless person."""

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from umis.core.identifiers import NumberScheme
from umis.core.models import Country
from umis.core.partial_dates import PartialDate

PERSON_NUMBERS = NumberScheme(prefix="P", digits=9)


class Sex(models.TextChoices):
    MALE = "M", _("male")
    FEMALE = "F", _("female")
    UNSPECIFIED = "X", _("unspecified")


def written_name(*parts: str) -> str:
    """A name's parts (surname, given names, patronymic) as one line, empty ones left out."""
    return " ".join(part for part in parts if part)


class CitizenshipStatus(models.TextChoices):
    CITIZEN = "citizen", _("citizen of one or more states")
    STATELESS = "stateless", _("stateless")
    UNDETERMINED = "undetermined", _("citizenship undetermined")


class DatePrecision(models.TextChoices):
    DAY = "day", _("exact date")
    MONTH = "month", _("year and month")
    YEAR = "year", _("year only")


class Person(models.Model):
    number = models.CharField(_("person number"), max_length=12, unique=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("month of birth"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("day of birth"), null=True, blank=True)
    # First and last day the (possibly partial) date of birth can mean.
    birth_date_low = models.DateField(null=True, blank=True, db_index=True)
    birth_date_high = models.DateField(null=True, blank=True)
    place_of_birth = models.CharField(_("place of birth"), max_length=200, blank=True)
    country_of_birth = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of birth"),
    )
    citizenship_status = models.CharField(
        _("citizenship"),
        max_length=15,
        choices=CitizenshipStatus.choices,
        default=CitizenshipStatus.CITIZEN,
    )
    status_summary = models.CharField(_("current status"), max_length=200, blank=True)
    photo = models.CharField(_("photo reference"), max_length=300, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    # What search scores of the person's names: each distinct comparable form, kept
    # with the blocking keys (umis.people.indexing.name_forms_join).
    name_forms = models.TextField(_("name forms for search"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(birth_date_low__lte=F("birth_date_high")),
                name="person_birth_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(birth_month__isnull=True) | Q(birth_year__isnull=False),
                name="person_birth_month_needs_year",
            ),
            models.CheckConstraint(
                condition=Q(birth_day__isnull=True) | Q(birth_month__isnull=False),
                name="person_birth_day_needs_month",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def birth_date(self) -> PartialDate | None:
        if self.birth_year is None:
            return None
        return PartialDate(self.birth_year, self.birth_month, self.birth_day)

    @birth_date.setter
    def birth_date(self, value: PartialDate | None) -> None:
        if value is None:
            self.birth_year = self.birth_month = self.birth_day = None
            self.birth_date_low = self.birth_date_high = None
            return
        self.birth_year, self.birth_month, self.birth_day = value.year, value.month, value.day
        self.birth_date_low, self.birth_date_high = value.low, value.high

    @property
    def number_display(self) -> str:
        return PERSON_NUMBERS.display(self.number)

    @property
    def primary_name(self) -> "PersonName | None":
        names = sorted(self.names.all(), key=attrgetter("pk"))
        return primary(names, attrgetter("kind"))


def primary[Name](names: Sequence[Name], kind: Callable[[Name], str]) -> Name | None:
    """The name a person is shown by: the first (in the order recorded) that is as in
    the travel document, else the first; ``kind`` tells a name's kind."""
    return min(names, key=lambda name: kind(name) != PersonName.Kind.DOCUMENT, default=None)


class Citizenship(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="citizenships")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("citizenship")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "country"], name="citizenship_once"),
        ]

    def __str__(self) -> str:
        return str(self.country_id)


class PersonName(models.Model):
    """One way a person's name is written: on a document, in the original script, an alias."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("as in the travel document")
        ORIGINAL = "original", _("in the original script")
        ALIAS = "alias", _("other known spelling or alias")
        PREVIOUS = "previous", _("previous name")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    script = models.CharField(_("script"), max_length=4, default="Latn")
    surname = models.CharField(_("surname"), max_length=150, blank=True)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    latin = models.CharField(_("comparable Latin form"), max_length=500, blank=True)
    # The tokens search compares (umis.people.names.keys.comparable_form).
    comparable = models.TextField(_("comparable tokens"), blank=True, editable=False)
    source = models.CharField(_("source"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("name")
        verbose_name_plural = _("names")
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(surname="", given_names=""), name="name_not_empty"),
        ]

    def __str__(self) -> str:
        return written_name(self.surname, self.given_names, self.patronymic)


class NameKey(models.Model):
    """A blocking key of one of a person's names, for fast candidate lookup."""

    key = models.CharField(max_length=40)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes: ClassVar = [models.Index(fields=["key", "person"], name="namekey_key_person")]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "key"], name="namekey_once"),
        ]

    def __str__(self) -> str:
        return self.key


class KeyPostings(models.Model):
    """The persons holding one search key (a blocking key qualified by year of birth).

    The same facts as that key's :class:`NameKey` rows, kept together: ``persons``
    holds the persons' ids in ascending order, packed (``people.postings``). A
    search reads a row per key it looks up, not a row per person and key.
    """

    key = models.CharField(max_length=40, primary_key=True)
    persons = models.BinaryField(default=b"")

    class Meta:
        verbose_name = _("search key postings")
        verbose_name_plural = _("search key postings")

    def __str__(self) -> str:
        return self.key


class TravelDocument(models.Model):
    class Kind(models.TextChoices):
        PASSPORT = "passport", _("passport")
        ID_CARD = "id_card", _("identity card")
        STATELESS = "stateless", _("travel document for a stateless person")
        REFUGEE = "refugee", _("refugee travel document")
        RESIDENCE = "residence", _("residence permit card")
        OTHER = "other", _("other document")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document type"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("document number"), max_length=30)
    # Upper-case, no separators: what a search or a border scan compares.
    number_normalised = models.CharField(max_length=30, db_index=True)
    issuing_state = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("issuing state")
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    mrz = models.TextField(_("machine-readable zone"), blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("travel document")
        verbose_name_plural = _("travel documents")
        ordering: ClassVar = ["-issued_on", "-pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["issuing_state", "kind", "number_normalised"], name="document_unique"
            ),
            models.CheckConstraint(
                condition=Q(issued_on__isnull=True)
                | Q(expires_on__isnull=True)
                | Q(issued_on__lte=F("expires_on")),
                name="document_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuing_state_id} {self.number}"


class Identifier(models.Model):
    class Kind(models.TextChoices):
        FIN = "fin", _("personal identification number (FIN)")
        TAX = "tax", _("tax identification number")
        BORDER = "border", _("border service traveller id")
        POLICE = "police", _("police record number")
        OTHER = "other", _("other agency identifier")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=40)
    issued_by = models.CharField(_("issued by"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("identifier")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["kind", "value"], name="identifier_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class Address(models.Model):
    class Kind(models.TextChoices):
        STAY = "stay", _("place of stay")
        RESIDENCE = "residence", _("place of residence")
        ABROAD = "abroad", _("address abroad")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    line = models.CharField(_("address"), max_length=300)
    city = models.CharField(_("city or district"), max_length=100, blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering: ClassVar = ["-valid_from", "-pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=F("valid_to")),
                name="address_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.line


class ImportBatch(models.Model):
    """One bulk import: its counts and the per-row report officers download."""

    source = models.CharField(max_length=100)
    filename = models.CharField(max_length=300)
    started_by = models.CharField(max_length=150)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    created_rows = models.PositiveIntegerField(default=0)
    unchanged_rows = models.PositiveIntegerField(default=0)
    failed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"{self.source} {self.filename}"


class SourceRecord(models.Model):
    """Which person a record of an outside source became: makes imports idempotent."""

    source = models.CharField(max_length=100)
    reference = models.CharField(max_length=100)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["source", "reference"], name="source_record_once"),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.reference}"
