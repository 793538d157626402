"""Rules across the fields of one registration, checked before anything is written."""

from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _

from umis.core.errors import ValidationFailed
from umis.core.models import Country
from umis.people.indexing import normalise_document_number
from umis.people.inputs import AddressInput, DocumentInput, IdentifierInput, PersonInput
from umis.people.models import (
    Address,
    CitizenshipStatus,
    Identifier,
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


def validate_person(data: PersonInput) -> None:
    problems = Problems()
    if data.sex not in Sex.values:
        problems.add("sex", _("Choose M, F or X."))
    if not data.names:
        problems.add("names", _("Give at least one name."))
    for index, name in enumerate(data.names):
        if not (name.surname.strip() or name.given_names.strip()):
            problems.add(f"names.{index}", _("A name needs a surname or given names."))
        if name.kind not in PersonName.Kind.values:
            problems.add(f"names.{index}.kind", _("Unknown kind of name."))
    today = timezone.localdate()
    if data.birth_date and data.birth_date.low > today:
        problems.add("birth_date", _("The date of birth is in the future."))
    _check_citizenship(data, problems)
    _check_countries(data, problems)
    for index, document in enumerate(data.documents):
        check_document(document, problems, f"documents.{index}")
    for index, identifier in enumerate(data.identifiers):
        check_identifier(identifier, problems, f"identifiers.{index}")
    problems.raise_if_any()


def _check_citizenship(data: PersonInput, problems: Problems) -> None:
    if data.citizenship_status not in CitizenshipStatus.values:
        problems.add("citizenship_status", _("Unknown citizenship status."))
    elif data.citizenship_status == CitizenshipStatus.CITIZEN and not data.citizenships:
        problems.add(
            "citizenships",
            _(
                "Give at least one citizenship, or mark the person "
                "stateless or of undetermined citizenship."
            ),
        )
    elif data.citizenship_status != CitizenshipStatus.CITIZEN and data.citizenships:
        problems.add(
            "citizenships",
            _("A stateless person or one of undetermined citizenship has no citizenship to list."),
        )


def _check_countries(data: PersonInput, problems: Problems) -> None:
    codes = {d.issuing_state for d in data.documents} | set(data.citizenships)
    codes |= {a.country for a in data.addresses} | {data.country_of_birth} - {""}
    for code in sorted(codes - _known_countries(codes)):
        problems.add("countries", _("Unknown country code %(code)s.") % {"code": code})


def check_identifier(identifier: IdentifierInput, problems: Problems, field: str) -> None:
    if identifier.kind not in Identifier.Kind.values:
        problems.add(f"{field}.kind", _("Unknown kind of identifier."))
    elif not identifier.value.strip():
        problems.add(f"{field}.value", _("Give the identifier."))
    elif Identifier.objects.filter(kind=identifier.kind, value=identifier.value.strip().upper()):
        problems.add(f"{field}.value", _("This identifier already belongs to another person."))


def check_address(address: AddressInput, problems: Problems, field: str) -> None:
    if address.kind not in Address.Kind.values:
        problems.add(f"{field}.kind", _("Unknown kind of address."))
    if not address.line.strip():
        problems.add(f"{field}.line", _("Give the address."))
    if not _known_countries({address.country}):
        problems.add(
            f"{field}.country", _("Unknown country code %(code)s.") % {"code": address.country}
        )
    if address.valid_from and address.valid_to and address.valid_from > address.valid_to:
        problems.add(f"{field}.valid_to", _("The period ends before it starts."))


def check_document(document: DocumentInput, problems: Problems, field: str) -> None:
    if not _known_countries({document.issuing_state}):
        problems.add(
            f"{field}.issuing_state",
            _("Unknown country code %(code)s.") % {"code": document.issuing_state},
        )
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
    problems = Problems()
    check(item, problems, field)
    problems.raise_if_any()
