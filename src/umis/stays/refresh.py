"""Keeping the stored stay status current: a few persons on commit, everyone daily.

The stored status holds the figures lists and panels need (present, days used
and allowed, overstay, lawful until, registration due); the profile asks the
engine itself, with its explanation, on every view.
"""

from collections.abc import Collection, Sequence
from datetime import date

from django.db import connection, transaction

from umis.core import clock
from umis.core.sql import fetch_prepared
from umis.people.models import Person
from umis.stays import engine
from umis.stays.models import StayStatus
from umis.stays.selectors import EngineInputs, engine_facts, status_of

STATUS_FIELDS = [
    "on",
    "present",
    "basis",
    "nationality",
    "stay_entry",
    "days_used",
    "max_days",
    "overstay_days",
    "rule",
    "lawful_until",
    "registration_due_on",
    "registration_met",
    "refreshed_at",
]
BATCH = 2000


def status_row(person_id: int, status: engine.StayStatus, nationality: str) -> StayStatus:
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
        rule=status.rule.code if status.rule and status.present else "",
        lawful_until=status.lawful_until,
        registration_due_on=status.registration_due_on,
        registration_met=status.registration_met,
        refreshed_at=clock.now(),
    )


def _nationality(data: EngineInputs, on: date) -> str:
    """The nationality of the document used at the latest entry up to ``on``."""
    entries = [s for s in data.stays if s.entry is not None and s.entry <= on]
    return max(entries, key=lambda s: s.entry or date.min).nationality if entries else ""


def statuses_refresh(person_ids: Sequence[int], on: date | None = None) -> int:
    """Recompute and store the stay status of ``person_ids`` with the engine, a batch at a
    time. A person merged into another keeps no status of their own."""
    on = on or clock.today()
    return sum(
        _refresh_batch(person_ids[start : start + BATCH], on)
        for start in range(0, len(person_ids), BATCH)
    )


def _refresh_batch(person_ids: Sequence[int], on: date) -> int:
    """Three statements (facts, residence periods, one upsert); no transaction of its own:
    each statement stands on its own, and every round trip counts here."""
    facts = engine_facts(person_ids, on)
    rows = [
        status_row(p, status_of(facts, p, on), _nationality(facts.of(p), on))
        for p in person_ids
        if p not in facts.merged
    ]
    if facts.merged:
        StayStatus.objects.filter(person_id__in=facts.merged).delete()
    _store(rows)
    return len(rows)


def _store(rows: Sequence[StayStatus]) -> None:
    """One ``INSERT … ON CONFLICT (person) DO UPDATE`` for ``rows``: the ORM's bulk_create
    took longer than reading the facts and running the engine together."""
    if not rows:
        return
    q = connection.ops.quote_name
    by_name = {f.name: f for f in StayStatus._meta.concrete_fields}
    fields = [by_name[name] for name in ("person", *STATUS_FIELDS)]
    columns = [q(str(f.column)) for f in fields]
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    fetch_prepared(  # prepared: the statement for one person is the same every time
        f"INSERT INTO {q(StayStatus._meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
        f"VALUES {', '.join([row] * len(rows))} "
        f"ON CONFLICT ({columns[0]}) DO UPDATE SET {updates}",
        [f.get_db_prep_save(getattr(r, f.attname), connection) for r in rows for f in fields],
    )


def refresh_on_commit(person_ids: Collection[int]) -> None:
    """Refresh these persons' statuses once the current transaction has committed."""
    from umis.stays.tasks import stay_statuses_refresh

    ids = sorted(set(person_ids))
    if ids:
        transaction.on_commit(lambda: stay_statuses_refresh.enqueue(person_ids=ids))


def statuses_after_merge(survivor: Person, absorbed: Person) -> None:
    """Identity's merge listener: after a merge or an unmerge, in its transaction, both
    persons' statuses are computed again from the facts each now holds."""
    statuses_refresh([survivor.pk, absorbed.pk])
