"""Crossings in bulk from the border service: good records kept, each bad one answered.

A record names its traveller by person number, or describes the traveller
(document and name); a traveller whose document is not on record goes through
the registry's matcher (:mod:`umis.stays.travellers`). Records are idempotent on
(agency, source_ref): sending a batch again changes nothing.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.audit.services import record
from umis.core.errors import UmisError
from umis.core.partial_dates import InvalidPartialDate, PartialDate
from umis.core.permissions import Actor, require
from umis.people.models import TravelDocument
from umis.stays import events
from umis.stays.ingest_store import CrossingRow, crossings_store, persons_by_number
from umis.stays.models import BorderPoint, Crossing
from umis.stays.refresh import refresh_on_commit
from umis.stays.services import RECORD_PERMISSION, crossing_in_future, local_day
from umis.stays.travellers import Outcome, Traveller, document_holders, traveller_identify

MAX_BATCH = 10_000
DIRECTIONS = frozenset(Crossing.Direction.values)
DOCUMENT_KINDS = frozenset(TravelDocument.Kind.values)


class CrossingIn(NamedTuple):  # a tuple: ten thousand are made per batch
    position: int  # in the batch
    source_ref: str
    direction: str
    at: datetime
    day: date
    person_number: str
    point: str | None
    document_kind: str
    document_number: str
    nationality: str
    purpose: str
    traveller: Traveller | None


@dataclass
class IngestResult:
    received: int = 0
    accepted: int = 0
    duplicates: int = 0
    persons_registered: int = 0  # new persons, including those queued for review
    persons_linked: int = 0  # travellers the matcher linked to a registered person
    persons_for_review: int = 0  # new persons with look-alikes queued for an officer
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def count(self, outcome: Outcome) -> None:
        if outcome in (Outcome.REGISTERED, Outcome.REVIEW):
            self.persons_registered += 1
        if outcome == Outcome.REVIEW:
            self.persons_for_review += 1
        if outcome == Outcome.LINKED:
            self.persons_linked += 1

    def reject(self, index: int, source_ref: str, reason: str) -> None:
        self.rejected.append({"index": index, "source_ref": source_ref, "reason": reason})


class BadRecord(Exception):
    pass


def _text(raw: Mapping[str, Any], key: str, limit: int) -> str:
    value = raw.get(key)
    if not value:  # absent, null or empty
        return ""
    # A lone surrogate (JSON allows "\ud800") is not text: no column can hold it either.
    if not isinstance(value, str) or len(value) > limit or not _is_unicode(value):
        raise BadRecord(
            _("%(field)s must be text of at most %(max)d characters.")
            % {"field": key, "max": limit}
        )
    if "\x00" in value:  # no column can hold it: the whole batch would fail
        raise BadRecord(
            _("%(field)s: remove the NUL control character from this text.") % {"field": key}
        )
    return value.strip()


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _time(raw: Mapping[str, Any]) -> tuple[datetime, date]:
    """The time of the crossing and its Baku day."""
    value = raw.get("at")
    try:
        at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        raise BadRecord(_("at must be a date and time (ISO 8601) with a time zone.")) from None
    if timezone.is_naive(at):
        raise BadRecord(_("at must be a date and time (ISO 8601) with a time zone."))
    if crossing_in_future(at):
        raise BadRecord(_("A crossing cannot be recorded in the future."))
    try:
        return at, local_day(at)
    except OverflowError:  # before year 1 in Baku: no calendar holds it
        raise BadRecord(_("The year %(year)s is not plausible.") % {"year": at.year}) from None


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
    described = raw.get("traveller") or {}
    if not isinstance(described, Mapping):
        raise BadRecord(_("traveller must be an object."))
    document_number = _text(raw, "document_number", 30)
    nationality = _text(raw, "nationality", 3).upper()
    if not person_number and not (described and document_number):
        raise BadRecord(_("Give the person number or describe the traveller."))
    traveller = None
    if not person_number:
        traveller = _traveller(described, document_kind, document_number, nationality)
    at, day = _time(raw)
    return CrossingIn(
        position=index,
        source_ref=source_ref,
        direction=direction,
        at=at,
        day=day,
        person_number=person_number,
        point=point,
        document_kind=document_kind,
        document_number=document_number,
        nationality=nationality,
        purpose=_text(raw, "purpose", 60),
        traveller=traveller,
    )


def _traveller(
    described: Mapping[str, Any], document_kind: str, document_number: str, nationality: str
) -> Traveller:
    birth_text = _text(described, "birth_date", 10)
    try:
        birth = PartialDate.parse(birth_text) if birth_text else None
    except InvalidPartialDate as error:
        raise BadRecord(f"traveller.birth_date: {error.message}") from None
    return Traveller(
        document_kind=document_kind,
        document_number=document_number,
        nationality=nationality,
        surname=_text(described, "surname", 150),
        given_names=_text(described, "given_names", 200),
        sex=_text(described, "sex", 1).upper() or "X",
        birth_date=birth,
    )


def _travellers(actor: Actor, items: list[CrossingIn], result: IngestResult) -> dict[int, int]:
    """Person id for each record describing a traveller; refused ones are answered."""
    described = [i for i in items if i.traveller is not None]
    holders = document_holders({i.traveller.document_key for i in described if i.traveller})
    resolved: dict[int, int] = {}
    for item in described:
        assert item.traveller is not None
        key = item.traveller.document_key
        if key not in holders:
            try:
                with transaction.atomic():
                    holders[key], outcome = traveller_identify(
                        actor=actor, traveller=item.traveller, source=f"border:{actor.agency_code}"
                    )
            except UmisError as refused:
                result.reject(item.position, item.source_ref, refused.message)
                continue
            result.count(outcome)
        resolved[item.position] = holders[key]
    return resolved


def _resolve_persons(actor: Actor, items: list[CrossingIn], result: IngestResult) -> dict[int, int]:
    """Person id for each record index; unresolved records are refused."""
    by_number = persons_by_number({i.person_number for i in items if i.person_number})
    resolved: dict[int, int] = {}
    for item in items:
        if not item.person_number:
            continue
        if item.person_number in by_number:
            resolved[item.position] = by_number[item.person_number]
        else:
            result.reject(
                item.position,
                item.source_ref,
                _("No person with number %(number)s.") % {"number": item.person_number},
            )
    return resolved | _travellers(actor, items, result)


def _once_in_batch(items: list[CrossingIn], result: IngestResult) -> list[CrossingIn]:
    """A source reference repeated within the batch counts once."""
    seen: set[str] = set()
    fresh: list[CrossingIn] = []
    for item in items:
        if item.source_ref in seen:
            result.duplicates += 1
        else:
            seen.add(item.source_ref)
            fresh.append(item)
    return fresh


def _parse_all(records: Sequence[Mapping[str, Any]], result: IngestResult) -> list[CrossingIn]:
    points = frozenset(BorderPoint.objects.values_list("code", flat=True))
    items: list[CrossingIn] = []
    for index, raw in enumerate(records):
        try:
            if not isinstance(raw, Mapping):
                raise BadRecord(_("Each record must be an object."))
            items.append(parse_record(index, raw, points))
        except BadRecord as bad:
            ref = raw.get("source_ref") if isinstance(raw, Mapping) else ""
            result.reject(index, str(ref or "")[:100], str(bad))
    return _once_in_batch(items, result)


@transaction.atomic
def crossings_ingest(*, actor: Actor, records: Sequence[Mapping[str, Any]]) -> IngestResult:
    """Store a batch of crossings; every refused record is reported with its reason.

    Records already stored (same agency and source reference) are counted as
    duplicates and left as they were. One audit event covers the batch; the
    stay status of every person with a new crossing is refreshed on commit.
    """
    require(actor, RECORD_PERMISSION)
    if len(records) > MAX_BATCH:
        raise UmisError(
            _("At most %(max)d records per batch.") % {"max": MAX_BATCH}, code="batch_too_large"
        )
    result = IngestResult(received=len(records))
    items = _parse_all(records, result)
    persons = _resolve_persons(actor, items, result)
    rows = [
        CrossingRow(
            person_id=persons[i.position],
            direction=i.direction,
            at=i.at,
            day=i.day,
            point_id=i.point,
            document_kind=i.document_kind,
            document_number=i.document_number,
            nationality=i.nationality,
            purpose=i.purpose,
            source_ref=i.source_ref,
        )
        for i in items
        if i.position in persons
    ]
    stored = crossings_store(source=actor.agency_code, rows=rows)
    if connection.vendor == "postgresql":
        # The stored rows' foreign keys are checked now rather than at commit: the audit
        # event below locks the chain head to the end of the transaction, and concurrent
        # batches would queue behind ten thousand checks. (SQLite's check would read the
        # whole table; its writers queue for the database anyway.)
        connection.check_constraints()
    written_about = {c.person_id for c in stored}
    result.accepted = len(stored)
    result.duplicates += len(rows) - len(stored)
    result.rejected.sort(key=lambda r: r["index"])
    record(
        actor=actor,
        event=events.CROSSINGS_INGESTED,
        extra={
            "received": result.received,
            "accepted": result.accepted,
            "duplicates": result.duplicates,
            "rejected": len(result.rejected),
            "persons_registered": result.persons_registered,
            "persons_linked": result.persons_linked,
            "persons_for_review": result.persons_for_review,
            # What was written, and about whom: the rows this batch inserted, no others.
            "crossings": sorted(c.id for c in stored),
            "persons": sorted(written_about),
        },
    )
    refresh_on_commit(written_about)
    return result
