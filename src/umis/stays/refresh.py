"""Keeping the stored stay status current: one person on commit, everyone daily."""

from collections.abc import Collection, Iterator, Sequence
from datetime import date
from itertools import islice

from django.db import transaction
from django.db.models import Exists, OuterRef

from umis.core import clock
from umis.core.selectors import working_calendar
from umis.people.models import Person
from umis.stays import engine
from umis.stays.models import Crossing, StayStatus
from umis.stays.selectors import EngineInputs, engine_inputs, stay_rules

STATUS_FIELDS = [
    "on",
    "present",
    "basis",
    "nationality",
    "stay_entry",
    "days_used",
    "max_days",
    "overstay_days",
    "lawful_until",
    "registration_due_on",
    "registration_met",
    "explanation",
    "refreshed_at",
]
BATCH = 2000


def _row(person_id: int, status: engine.StayStatus, nationality: str) -> StayStatus:
    return StayStatus(
        person_id=person_id,
        on=status.on,
        present=status.present,
        basis=status.basis.value,
        nationality=nationality,
        stay_entry=status.stay_entry,
        days_used=status.days_used,
        max_days=status.max_days,
        overstay_days=status.overstay_days,
        lawful_until=status.lawful_until,
        registration_due_on=status.registration_due_on,
        registration_met=status.registration_met,
        explanation=[{"message": e.message, "params": e.params} for e in status.explanation],
        refreshed_at=clock.now(),
    )


def _nationality(data: EngineInputs) -> str:
    entries = [s for s in data.stays if s.entry is not None]
    return max(entries, key=lambda s: s.entry or date.min).nationality if entries else ""


def statuses_refresh(person_ids: Sequence[int], on: date | None = None) -> int:
    """Recompute and store the stay status of ``person_ids`` with the engine."""
    on = on or clock.today()
    rules = stay_rules()
    calendar = working_calendar(on.year - 1, on.year + 1)
    inputs = engine_inputs(person_ids)
    rows = []
    for person_id in person_ids:
        data = inputs.get(person_id, EngineInputs())
        status = engine.stay_status(
            on=on,
            stays=data.stays,
            rules=rules,
            visas=data.visas,
            periods=data.periods,
            registrations=data.registrations,
            calendar=calendar,
        )
        rows.append(_row(person_id, status, _nationality(data)))
    StayStatus.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["person"], update_fields=STATUS_FIELDS
    )
    return len(rows)


def refresh_on_commit(person_ids: Collection[int]) -> None:
    """Refresh these persons' statuses once the current transaction has committed."""
    from umis.stays.tasks import stay_statuses_refresh

    ids = sorted(set(person_ids))
    transaction.on_commit(lambda: stay_statuses_refresh.enqueue(person_ids=ids))


def _chunks(ids: Iterator[int], size: int) -> Iterator[list[int]]:
    while chunk := list(islice(ids, size)):
        yield chunk


def all_statuses_refresh(on: date | None = None) -> int:
    """The daily refresh: every person with a crossing or a stored status, in batches."""
    ids = Person.objects.filter(
        Exists(Crossing.objects.filter(person=OuterRef("pk")))
        | Exists(StayStatus.objects.filter(person=OuterRef("pk")))
    )
    count = 0
    for chunk in _chunks(ids.order_by("pk").values_list("pk", flat=True).iterator(), BATCH):
        count += statuses_refresh(chunk, on)
    return count
