"""Crossings in bulk from the border service: good records kept, each bad one answered.

A record names its traveller by person number, or describes the traveller
(document and name); an unknown traveller is registered through the person
registry, idempotently on the document. Records are idempotent on
(agency, source_ref): sending a batch again changes nothing.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.audit.services import record
from umis.core.errors import UmisError, ValidationFailed
from umis.core.partial_dates import InvalidPartialDate, PartialDate
from umis.core.permissions import Actor, require
from umis.people import services as people_services
from umis.people.indexing import normalise_document_number
from umis.people.inputs import DocumentInput, NameInput, PersonInput
from umis.people.models import Person, TravelDocument
from umis.stays import events
from umis.stays.models import BorderPoint, Crossing
from umis.stays.refresh import refresh_on_commit
from umis.stays.services import RECORD_PERMISSION, local_day

MAX_BATCH = 10_000
DIRECTIONS = frozenset(Crossing.Direction.values)
DOCUMENT_KINDS = frozenset(TravelDocument.Kind.values)


@dataclass(frozen=True)
class CrossingIn:
    index: int
    source_ref: str
    direction: str
    at: datetime
    person_number: str
    point: str | None
    document_kind: str
    document_number: str
    nationality: str
    purpose: str
    traveller: Mapping[str, Any]


@dataclass
class IngestResult:
    received: int = 0
    accepted: int = 0
    duplicates: int = 0
    persons_registered: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def reject(self, index: int, source_ref: str, reason: str) -> None:
        self.rejected.append({"index": index, "source_ref": source_ref, "reason": reason})


class BadRecord(Exception):
    pass


def _text(raw: Mapping[str, Any], key: str, limit: int) -> str:
    value = raw.get(key) or ""
    if not isinstance(value, str) or len(value) > limit:
        raise BadRecord(
            _("%(field)s must be text of at most %(max)d characters.")
            % {"field": key, "max": limit}
        )
    return value.strip()


def _time(raw: Mapping[str, Any]) -> datetime:
    value = raw.get("at")
    try:
        at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        raise BadRecord(_("at must be a date and time (ISO 8601) with a time zone.")) from None
    if timezone.is_naive(at):
        raise BadRecord(_("at must be a date and time (ISO 8601) with a time zone."))
    return at


def parse_record(index: int, raw: Mapping[str, Any], points: frozenset[str]) -> CrossingIn:
    """One record of a batch, checked; raises ``BadRecord`` with the reason."""
    source_ref = _text(raw, "source_ref", 100)
    if not source_ref:
        raise BadRecord(_("source_ref is required."))
    direction = _text(raw, "direction", 10)
    if direction not in DIRECTIONS:
        raise BadRecord(_("direction must be entry, exit or refusal."))
    point = _text(raw, "point", 12).upper() or None
    if point is not None and point not in points:
        raise BadRecord(_("Unknown border crossing point: %(point)s.") % {"point": point})
    document_kind = _text(raw, "document_kind", 10) or "passport"
    if document_kind not in DOCUMENT_KINDS:
        raise BadRecord(_("Unknown document type: %(kind)s.") % {"kind": document_kind})
    person_number = _text(raw, "person", 12).upper()
    traveller = raw.get("traveller") or {}
    if not isinstance(traveller, Mapping):
        raise BadRecord(_("traveller must be an object."))
    if not person_number and not (traveller and raw.get("document_number")):
        raise BadRecord(_("Give the person number or describe the traveller."))
    return CrossingIn(
        index=index,
        source_ref=source_ref,
        direction=direction,
        at=_time(raw),
        person_number=person_number,
        point=point,
        document_kind=document_kind,
        document_number=_text(raw, "document_number", 30),
        nationality=_text(raw, "nationality", 3).upper(),
        purpose=_text(raw, "purpose", 60),
        traveller=traveller,
    )


def _traveller_input(item: CrossingIn) -> PersonInput:
    t = item.traveller
    try:
        birth = PartialDate.parse(str(t["birth_date"])) if t.get("birth_date") else None
    except InvalidPartialDate as error:
        raise ValidationFailed.single("traveller.birth_date", error.message) from None
    return PersonInput(
        sex=str(t.get("sex") or "X"),
        names=[
            NameInput(
                surname=str(t.get("surname") or ""), given_names=str(t.get("given_names") or "")
            )
        ],
        birth_date=birth,
        citizenships=[item.nationality] if item.nationality else [],
        documents=[
            DocumentInput(
                kind=item.document_kind,
                number=item.document_number,
                issuing_state=item.nationality,
            )
        ],
    )


def _document_key(item: CrossingIn) -> tuple[str, str, str]:
    return (item.nationality, item.document_kind, normalise_document_number(item.document_number))


def _known_travellers(items: Sequence[CrossingIn]) -> dict[tuple[str, str, str], int]:
    numbers = {_document_key(i)[2] for i in items if not i.person_number}
    rows = TravelDocument.objects.filter(number_normalised__in=numbers).values_list(
        "issuing_state_id", "kind", "number_normalised", "person_id"
    )
    return {(state, kind, number): person for state, kind, number, person in rows}


def _resolve_persons(actor: Actor, items: list[CrossingIn], result: IngestResult) -> dict[int, int]:
    """Person id for each record index; unresolved records are rejected."""
    numbers = {i.person_number for i in items if i.person_number}
    by_number = dict(Person.objects.filter(number__in=numbers).values_list("number", "pk"))
    by_document = _known_travellers(items)
    resolved: dict[int, int] = {}
    for item in items:
        if item.person_number:
            if item.person_number in by_number:
                resolved[item.index] = by_number[item.person_number]
            else:
                result.reject(
                    item.index,
                    item.source_ref,
                    _("No person with number %(number)s.") % {"number": item.person_number},
                )
            continue
        key = _document_key(item)
        if key not in by_document:
            try:
                with transaction.atomic():
                    person = people_services.person_register(
                        actor=actor,
                        data=_traveller_input(item),
                        source=f"border:{actor.agency_code}",
                        source_ref=":".join(key),
                    )
            except UmisError as refused:
                result.reject(item.index, item.source_ref, refused.message)
                continue
            by_document[key] = person.pk
            result.persons_registered += 1
        resolved[item.index] = by_document[key]
    return resolved


def _new_items(actor: Actor, items: list[CrossingIn], result: IngestResult) -> list[CrossingIn]:
    """Drop records already stored, or repeated within the batch (idempotency)."""
    refs = [i.source_ref for i in items]
    stored = set(
        Crossing.objects.filter(source=actor.agency_code, source_ref__in=refs).values_list(
            "source_ref", flat=True
        )
    )
    fresh: list[CrossingIn] = []
    for item in items:
        if item.source_ref in stored:
            result.duplicates += 1
        else:
            stored.add(item.source_ref)
            fresh.append(item)
    return fresh


@transaction.atomic
def crossings_ingest(*, actor: Actor, records: Sequence[Mapping[str, Any]]) -> IngestResult:
    """Store a batch of crossings; every refused record is reported with its reason."""
    require(actor, RECORD_PERMISSION)
    if len(records) > MAX_BATCH:
        raise UmisError(
            _("At most %(max)d records per batch.") % {"max": MAX_BATCH}, code="batch_too_large"
        )
    result = IngestResult(received=len(records))
    points = frozenset(BorderPoint.objects.values_list("code", flat=True))
    items: list[CrossingIn] = []
    for index, raw in enumerate(records):
        try:
            items.append(parse_record(index, raw, points))
        except BadRecord as bad:
            ref = raw.get("source_ref") if isinstance(raw, Mapping) else ""
            result.reject(index, str(ref or "")[:100], str(bad))
    items = _new_items(actor, items, result)
    persons = _resolve_persons(actor, items, result)
    rows = [
        Crossing(
            person_id=persons[i.index],
            direction=i.direction,
            at=i.at,
            day=local_day(i.at),
            point_id=i.point,
            document_kind=i.document_kind,
            document_number=i.document_number,
            nationality=i.nationality,
            purpose=i.purpose,
            source=actor.agency_code,
            source_ref=i.source_ref,
        )
        for i in items
        if i.index in persons
    ]
    Crossing.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    result.accepted = len(rows)
    result.rejected.sort(key=lambda r: r["index"])
    record(
        actor=actor,
        event=events.CROSSINGS_INGESTED,
        extra={
            "received": result.received,
            "accepted": result.accepted,
            "duplicates": result.duplicates,
            "rejected": len(result.rejected),
        },
    )
    refresh_on_commit({row.person_id for row in rows})
    return result
