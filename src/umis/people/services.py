"""Every write to the registry: atomic, audited, through these functions only."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from umis.audit.services import record
from umis.core.errors import ValidationFailed
from umis.core.permissions import Actor, require
from umis.core.services import number_issue
from umis.people import events
from umis.people.indexing import (
    keys_for_names,
    latin_form,
    name_forms_join,
    normalise_document_number,
)
from umis.people.inputs import AddressInput, DocumentInput, IdentifierInput, NameInput, PersonInput
from umis.people.models import (
    PERSON_NUMBERS,
    Address,
    Citizenship,
    Identifier,
    NameKey,
    Person,
    PersonName,
    SourceRecord,
    TravelDocument,
)
from umis.people.names.keys import comparable_form
from umis.people.names.transliterate import script_of
from umis.people.postings import postings_change
from umis.people.validation import (
    check_address,
    check_document,
    check_identifier,
    check_name,
    refuse_unstorable,
    validate_changes,
    validate_citizenship,
    validate_item,
    validate_person,
)

REGISTER_PERMISSION = "people.register"
EDIT_PERMISSION = "people.edit"
PERSON_SERIES = "person"


def _name_row(person: Person, name: NameInput) -> PersonName:
    surname, given, patronymic = (
        v.strip() for v in (name.surname, name.given_names, name.patronymic)
    )
    return PersonName(
        person=person,
        kind=name.kind,
        surname=surname,
        given_names=given,
        patronymic=patronymic,
        script=name.script or script_of(f"{surname} {given} {patronymic}"),
        latin=latin_form(surname, given, patronymic),
        comparable=comparable_form(surname, given, patronymic),
        source=name.source,
    )


def _document_row(person: Person, document: DocumentInput) -> TravelDocument:
    return TravelDocument(
        person=person,
        kind=document.kind,
        number=document.number.strip(),
        number_normalised=normalise_document_number(document.number),
        issuing_state_id=document.issuing_state,
        issued_on=document.issued_on,
        expires_on=document.expires_on,
        mrz=document.mrz.strip(),
        source=document.source,
    )


def _identifier_row(person: Person, identifier: IdentifierInput) -> Identifier:
    return Identifier(
        person=person,
        kind=identifier.kind,
        value=identifier.value.strip().upper(),
        issued_by=identifier.issued_by,
    )


def _address_row(person: Person, address: AddressInput) -> Address:
    return Address(
        person=person,
        kind=address.kind,
        line=address.line.strip(),
        city=address.city.strip(),
        country_id=address.country,
        valid_from=address.valid_from,
        valid_to=address.valid_to,
    )


def person_keys_refresh(person: Person) -> None:
    """Rebuild what search reads of ``person`` from its names and year of birth: the
    blocking keys (rows and postings) and the name forms it scores."""
    names = list(person.names.values_list("surname", "given_names", "patronymic", "comparable"))
    keys = keys_for_names((name[:3] for name in names), person.birth_year)
    held = person_keys_held(person)
    NameKey.objects.filter(person=person, key__in=held - keys).delete()
    NameKey.objects.bulk_create([NameKey(person=person, key=key) for key in sorted(keys - held)])
    postings_change(person.pk, held - keys, keys - held)
    _name_forms_write(person, (name[3] for name in names))


def person_keys_held(person: Person) -> set[str]:
    """The blocking keys the person's ``NameKey`` rows hold."""
    return set(NameKey.objects.filter(person=person).values_list("key", flat=True))


@contextmanager
def rows_moving(*persons: Person) -> Iterator[None]:
    """Rows of ``persons`` move between them inside the block (a merge, or its undoing):
    afterwards, what search reads of each follows, the postings its ``NameKey`` rows as
    they are then, its name forms its names."""
    held = [(person, person_keys_held(person)) for person in persons]
    yield
    for person, before in held:
        now = person_keys_held(person)
        postings_change(person.pk, before - now, now - before)
        _name_forms_write(person, person.names.values_list("comparable", flat=True))


def _name_forms_write(person: Person, forms: Iterable[str]) -> None:
    person.name_forms = name_forms_join(forms)
    Person.objects.filter(pk=person.pk).update(name_forms=person.name_forms)


@transaction.atomic
def person_register(
    *, actor: Actor, data: PersonInput, source: str = "", source_ref: str = ""
) -> Person:
    """Create a person with names, documents, identifiers and addresses.

    With ``source_ref`` the call is idempotent: the same reference from the same
    source returns the person it created the first time.
    """
    require(actor, REGISTER_PERMISSION)
    known = source_record_person(source, source_ref)
    if known is not None:
        return known
    validate_person(data)
    person = Person(
        number=number_issue(scheme=PERSON_NUMBERS, series=PERSON_SERIES),
        sex=data.sex,
        place_of_birth=data.place_of_birth.strip(),
        country_of_birth_id=data.country_of_birth or None,
        citizenship_status=data.citizenship_status,
    )
    person.birth_date = data.birth_date
    person.save()
    Citizenship.objects.bulk_create(
        [Citizenship(person=person, country_id=code, source=source) for code in data.citizenships]
    )
    PersonName.objects.bulk_create([_name_row(person, n) for n in data.names])
    TravelDocument.objects.bulk_create([_document_row(person, d) for d in data.documents])
    Identifier.objects.bulk_create([_identifier_row(person, i) for i in data.identifiers])
    Address.objects.bulk_create([_address_row(person, a) for a in data.addresses])
    person_keys_refresh(person)
    if source_ref:
        SourceRecord.objects.create(source=source, reference=source_ref, person=person)
    record(
        actor=actor,
        event=events.PERSON_REGISTERED,
        subject=person,
        purpose="registration",
        extra={"number": person.number, "source": source},
    )
    return person


def source_record_person(source: str, source_ref: str) -> Person | None:
    """The person the record ``source_ref`` of ``source`` was registered as or linked to."""
    if not source_ref:
        return None
    refuse_unstorable({"source": source, "source_ref": source_ref})
    known = SourceRecord.objects.filter(source=source, reference=source_ref).first()
    return None if known is None else Person.objects.get(pk=known.person_id)


def source_record_keep(*, person: Person, source: str, source_ref: str) -> Person:
    """Keep that the record ``source_ref`` of ``source`` is ``person`` (the person it was
    kept for before, if any, is answered instead): a later registration or resolution with
    the same reference answers with them, as for a record :func:`person_register` made.
    The caller checks the permission and audits its decision in the same transaction."""
    refuse_unstorable({"source": source, "source_ref": source_ref})
    kept, _created = SourceRecord.objects.get_or_create(
        source=source, reference=source_ref, defaults={"person": person}
    )
    return person if kept.person_id == person.pk else Person.objects.get(pk=kept.person_id)


EDITABLE_FIELDS = ("sex", "place_of_birth", "country_of_birth_id", "citizenship_status", "photo")


@transaction.atomic
def person_update(*, actor: Actor, person: Person, changes: dict[str, Any], reason: str) -> Person:
    """Change identity details; the reason and the old and new values go to the audit trail."""
    require(actor, EDIT_PERMISSION)
    refuse_unstorable({"reason": reason})
    if not reason.strip():
        raise ValidationFailed.single("reason", _("Say why the record is being changed."))
    validate_changes(person, changes)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for field, value in changes.items():
        if field == "birth_date":
            old = person.birth_date
            person.birth_date = value
            before[field], after[field] = str(old or ""), str(value or "")
        elif field in EDITABLE_FIELDS:
            before[field], after[field] = getattr(person, field), value
            setattr(person, field, value)
    changed = [f for f in before if before[f] != after[f]]
    if not changed:
        return person
    person.save()
    if "birth_date" in changed:
        person_keys_refresh(person)
    record(
        actor=actor,
        event=events.PERSON_UPDATED,
        subject=person,
        purpose="registration",
        extra={
            "reason": reason.strip(),
            "before": {f: before[f] for f in changed},
            "after": {f: after[f] for f in changed},
        },
    )
    return person


@transaction.atomic
def person_name_add(*, actor: Actor, person: Person, name: NameInput) -> PersonName:
    require(actor, EDIT_PERMISSION)
    validate_item(check_name, name, "name")
    row = _name_row(person, name)
    row.save()
    person_keys_refresh(person)
    record(
        actor=actor,
        event=events.NAME_ADDED,
        subject=person,
        purpose="registration",
        extra={"name": str(row), "kind": row.kind},
    )
    return row


@transaction.atomic
def person_document_add(*, actor: Actor, person: Person, document: DocumentInput) -> TravelDocument:
    require(actor, EDIT_PERMISSION)
    validate_item(check_document, document, "document")
    row = _document_row(person, document)
    row.save()
    record(
        actor=actor,
        event=events.DOCUMENT_ADDED,
        subject=person,
        purpose="registration",
        extra={"document": row.number_normalised, "state": row.issuing_state_id},
    )
    return row


@transaction.atomic
def person_identifier_add(
    *, actor: Actor, person: Person, identifier: IdentifierInput
) -> Identifier:
    require(actor, EDIT_PERMISSION)
    validate_item(check_identifier, identifier, "identifier")
    row = _identifier_row(person, identifier)
    row.save()
    record(
        actor=actor,
        event=events.IDENTIFIER_ADDED,
        subject=person,
        purpose="registration",
        extra={"kind": row.kind},
    )
    return row


@transaction.atomic
def person_address_add(*, actor: Actor, person: Person, address: AddressInput) -> Address:
    require(actor, EDIT_PERMISSION)
    validate_item(check_address, address, "address")
    row = _address_row(person, address)
    row.save()
    record(
        actor=actor,
        event=events.ADDRESS_ADDED,
        subject=person,
        purpose="registration",
        extra={"kind": row.kind},
    )
    return row


@transaction.atomic
def person_citizenship_determine(
    *,
    actor: Actor,
    person: Person,
    status: str,
    countries: list[str],
    summary: str,
    reason: str,
    source: str = "",
) -> Person:
    """Record what an authority determined: stateless, or a citizen of ``countries``
    (which replace the citizenships held so far), and the person's current status.
    The old and new values go to the audit trail."""
    require(actor, EDIT_PERMISSION)
    refuse_unstorable({"summary": summary, "reason": reason, "citizenships": countries})
    if not reason.strip():
        raise ValidationFailed.single("reason", _("Say why the record is being changed."))
    validate_citizenship(status, countries)
    before = _citizenship_facts(person)
    person.citizenships.exclude(country_id__in=countries).delete()
    held = set(person.citizenships.values_list("country_id", flat=True))
    Citizenship.objects.bulk_create(
        [
            Citizenship(person=person, country_id=c, source=source)
            for c in countries
            if c not in held
        ]
    )
    person.citizenship_status, person.status_summary = status, summary.strip()[:200]
    person.save(update_fields=["citizenship_status", "status_summary", "updated_at"])
    record(
        actor=actor,
        event=events.PERSON_UPDATED,
        subject=person,
        purpose="registration",
        extra={"reason": reason.strip(), "before": before, "after": _citizenship_facts(person)},
    )
    return person


def _citizenship_facts(person: Person) -> dict[str, Any]:
    return {
        "citizenship_status": person.citizenship_status,
        "citizenships": sorted(person.citizenships.values_list("country_id", flat=True)),
        "status_summary": person.status_summary,
    }
