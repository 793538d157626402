"""Rules across the fields of one registration, checked before anything is written."""

from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import fields, is_dataclass
from typing import Any

from django.utils.translation import gettext as _

from umis.core import clock
from umis.core.errors import ValidationFailed
from umis.core.models import Country
from umis.core.partial_dates import PartialDate
from umis.people.indexing import normalise_document_number
from umis.people.inputs import (
    AddressInput,
    DocumentInput,
    IdentifierInput,
    NameInput,
    PersonInput,
)
from umis.people.models import (
    Address,
    CitizenshipStatus,
    Identifier,
    Person,
    PersonName,
    Sex,
    TravelDocument,
)


class Problems:
    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)


def _known_countries(codes: set[str]) -> set[str]:
    return set(Country.objects.filter(code__in=codes).values_list("code", flat=True))


def _join(field: str, part: str) -> str:
    return f"{field}.{part}" if field else part


def _unstorable(value: object, field: str) -> Iterator[str]:
    """The fields whose text holds a NUL character, which PostgreSQL cannot store."""
    if isinstance(value, str):
        if "\x00" in value:
            yield field
    elif is_dataclass(value) and not isinstance(value, type):
        for part in fields(value):
            yield from _unstorable(getattr(value, part.name), _join(field, part.name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _unstorable(item, _join(field, str(index)))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _unstorable(item, _join(field, str(key)))


def refuse_unstorable(value: object, field: str = "") -> None:
    """Refuse text that no database column can hold, before it reaches any query."""
    bad = list(_unstorable(value, field))
    if bad:
        message = _("Remove the NUL control character from this text.")
        raise ValidationFailed({name: [message] for name in bad})


def validate_person(data: PersonInput) -> None:
    refuse_unstorable(data)
    problems = Problems()
    if data.sex not in Sex.values:
        problems.add("sex", _("Choose M, F or X."))
    if not data.names:
        problems.add("names", _("Give at least one name."))
    for index, name in enumerate(data.names):
        check_name(name, problems, f"names.{index}")
    _check_birth_date(data.birth_date, problems)
    _check_citizenship(data.citizenship_status, bool(data.citizenships), problems)
    _check_countries(data, problems)
    for index, document in enumerate(data.documents):
        check_document(document, problems, f"documents.{index}")
    for index, identifier in enumerate(data.identifiers):
        check_identifier(identifier, problems, f"identifiers.{index}")
    _check_repeats(data, problems)
    problems.raise_if_any()


def _repeated(items: Sequence[Hashable]) -> list[int]:
    """The positions of the items that already came earlier in ``items``."""
    seen: set[Hashable] = set()
    repeats = []
    for index, item in enumerate(items):
        if item in seen:
            repeats.append(index)
        seen.add(item)
    return repeats


def _check_repeats(data: PersonInput, problems: Problems) -> None:
    """Name an item given twice in one registration, which the database would refuse."""
    for index in _repeated(data.citizenships):
        problems.add(f"citizenships.{index}", _("This citizenship is given twice."))
    documents = [
        (d.issuing_state, d.kind, normalise_document_number(d.number)) for d in data.documents
    ]
    for index in _repeated(documents):
        problems.add(f"documents.{index}.number", _("This document is given twice."))
    identifiers = [(i.kind, _identifier_value(i)) for i in data.identifiers]
    for index in _repeated(identifiers):
        problems.add(f"identifiers.{index}.value", _("This identifier is given twice."))


def _identifier_value(identifier: IdentifierInput) -> str:
    return identifier.value.strip().upper()


def validate_changes(person: Person, changes: dict[str, Any]) -> None:
    """Refuse identity changes that would leave ``person`` inconsistent."""
    refuse_unstorable(changes)
    problems = Problems()
    if "sex" in changes and changes["sex"] not in Sex.values:
        problems.add("sex", _("Choose M, F or X."))
    if "birth_date" in changes:
        _check_birth_date(changes["birth_date"], problems)
    if "citizenship_status" in changes:
        _check_citizenship(changes["citizenship_status"], person.citizenships.exists(), problems)
    country = changes.get("country_of_birth_id")
    if country and not _known_countries({country}):
        problems.add("country_of_birth", _unknown_country(country))
    problems.raise_if_any()


def check_name(name: NameInput, problems: Problems, field: str) -> None:
    if not (name.surname.strip() or name.given_names.strip()):
        problems.add(field, _("A name needs a surname or given names."))
    if name.kind not in PersonName.Kind.values:
        problems.add(f"{field}.kind", _("Unknown kind of name."))


def _unknown_country(code: str) -> str:
    return _("Unknown country code %(code)s.") % {"code": code}


def _check_birth_date(birth_date: PartialDate | None, problems: Problems) -> None:
    if birth_date and birth_date.low > clock.today():
        problems.add("birth_date", _("The date of birth is in the future."))


def validate_citizenship(status: str, countries: list[str]) -> None:
    """Refuse a citizenship status that does not fit the countries given with it."""
    problems = Problems()
    _check_citizenship(status, bool(countries), problems)
    known = _known_countries(set(countries))
    for index, code in enumerate(countries):
        if code not in known:
            problems.add(f"citizenships.{index}", _unknown_country(code))
    problems.raise_if_any()


def _check_citizenship(status: str, has_citizenships: bool, problems: Problems) -> None:
    if status not in CitizenshipStatus.values:
        problems.add("citizenship_status", _("Unknown citizenship status."))
    elif status == CitizenshipStatus.CITIZEN and not has_citizenships:
        problems.add(
            "citizenships",
            _(
                "Give at least one citizenship, or mark the person "
                "stateless or of undetermined citizenship."
            ),
        )
    elif status != CitizenshipStatus.CITIZEN and has_citizenships:
        problems.add(
            "citizenships",
            _("A stateless person or one of undetermined citizenship has no citizenship to list."),
        )


def _check_countries(data: PersonInput, problems: Problems) -> None:
    """Name the field of every unknown country code (documents are checked on their own)."""
    fields: dict[str, str] = {f"citizenships.{i}": c for i, c in enumerate(data.citizenships)}
    fields |= {f"addresses.{i}.country": a.country for i, a in enumerate(data.addresses)}
    if data.country_of_birth:
        fields["country_of_birth"] = data.country_of_birth
    known = _known_countries(set(fields.values()))
    for field, code in fields.items():
        if code not in known:
            problems.add(field, _unknown_country(code))


def check_identifier(identifier: IdentifierInput, problems: Problems, field: str) -> None:
    if identifier.kind not in Identifier.Kind.values:
        problems.add(f"{field}.kind", _("Unknown kind of identifier."))
    elif not identifier.value.strip():
        problems.add(f"{field}.value", _("Give the identifier."))
    elif Identifier.objects.filter(
        kind=identifier.kind, value=_identifier_value(identifier)
    ).exists():
        problems.add(f"{field}.value", _("This identifier already belongs to another person."))


def check_address(address: AddressInput, problems: Problems, field: str) -> None:
    if address.kind not in Address.Kind.values:
        problems.add(f"{field}.kind", _("Unknown kind of address."))
    if not address.line.strip():
        problems.add(f"{field}.line", _("Give the address."))
    if not _known_countries({address.country}):
        problems.add(f"{field}.country", _unknown_country(address.country))
    if address.valid_from and address.valid_to and address.valid_from > address.valid_to:
        problems.add(f"{field}.valid_to", _("The period ends before it starts."))


def check_document(document: DocumentInput, problems: Problems, field: str) -> None:
    if not _known_countries({document.issuing_state}):
        problems.add(f"{field}.issuing_state", _unknown_country(document.issuing_state))
    if document.kind not in TravelDocument.Kind.values:
        problems.add(f"{field}.kind", _("Unknown document type."))
    number = normalise_document_number(document.number)
    if not number:
        problems.add(f"{field}.number", _("Give the document number."))
    if document.issued_on and document.expires_on and document.issued_on > document.expires_on:
        problems.add(f"{field}.expires_on", _("The document expires before it was issued."))
    duplicate = TravelDocument.objects.filter(
        issuing_state_id=document.issuing_state, kind=document.kind, number_normalised=number
    )
    if number and duplicate.exists():
        problems.add(f"{field}.number", _("This document is already registered to another person."))


def validate_item[T](check: Callable[[T, Problems, str], None], item: T, field: str) -> None:
    """Run one item check on its own and refuse with its problems."""
    refuse_unstorable(item, field)
    problems = Problems()
    check(item, problems, field)
    problems.raise_if_any()
