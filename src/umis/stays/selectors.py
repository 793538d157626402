"""Reads: the engine's inputs for one person or many, in one round trip; stored statuses."""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models import F, Min, QuerySet

from umis.core.calendar import WorkingCalendar
from umis.core.models import CalendarDay
from umis.core.rows import as_date
from umis.core.sql import fetch_prepared, in_list, list_param
from umis.people.models import Person
from umis.stays import engine
from umis.stays.engine import Basis, Period, Registration, RuleKind, Stay, StayRule
from umis.stays.models import (
    Crossing,
    PlaceOfStayRegistration,
    StayExtension,
    StayRuleVersion,
    StayStatus,
    Visa,
)
from umis.stays.providers import residence_periods


@dataclass
class EngineInputs:
    stays: list[Stay] = field(default_factory=list)
    visas: list[engine.Visa] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)


@dataclass
class Facts:
    """What the engine needs about some persons, with the rules and the calendar."""

    rules: list[StayRule]
    calendar: WorkingCalendar
    inputs: dict[int, EngineInputs]
    merged: set[int]  # persons merged into another: they have no status of their own

    def of(self, person_id: int) -> EngineInputs:
        return self.inputs.get(person_id, EngineInputs())


def pair_crossings(rows: Iterable[tuple[str, date, str, str]]) -> list[Stay]:
    """Entries and exits (in time order) as stays; a refusal is no stay.

    An exit closes the open entry; an exit with none open is a stay with no
    entry; an entry while one is open leaves the earlier one without an exit.
    Each stay keeps the place of its first crossing in that order, so the engine
    tells apart two stays begun on the same day.
    """
    stays: list[Stay] = []
    open_entry: tuple[date, str, str, int] | None = None
    for order, (direction, day, nationality, document_kind) in enumerate(rows):
        if direction == Crossing.Direction.ENTRY:
            if open_entry:
                entry, entry_nationality, kind, entered = open_entry
                stays.append(Stay(entry, None, entry_nationality, kind, order=entered))
            open_entry = (day, nationality, document_kind, order)
        elif direction == Crossing.Direction.EXIT:
            if open_entry:
                entry, entry_nationality, kind, entered = open_entry
                stays.append(Stay(entry, day, entry_nationality, kind, order=entered))
                open_entry = None
            else:
                stays.append(Stay(None, day, order=order))
    if open_entry:
        entry, entry_nationality, kind, entered = open_entry
        stays.append(Stay(entry, None, entry_nationality, kind, order=entered))
    return stays


# One statement reads every kind of fact; each part fills the columns it needs:
# kind, person, t1..t4 (text), d1, d2 (dates), n1..n6 (integers), at, id (for order).
_COLUMNS = (
    ("t1", "varchar(100)"), ("t2", "varchar(40)"), ("t3", "varchar(10)"), ("t4", "varchar(10)"),
    ("d1", "date"), ("d2", "date"),
    ("n1", "integer"), ("n2", "integer"), ("n3", "integer"), ("n4", "integer"),
    ("n5", "integer"), ("n6", "integer"), ("at", "timestamp with time zone"), ("id", "bigint"),
)  # fmt: skip


def _part(kind: str, person: str, table: str, where: str, **values: str) -> str:
    filled = [values.get(name, f"CAST(NULL AS {sql_type})") for name, sql_type in _COLUMNS]
    columns = ", ".join(filled)
    return f"SELECT '{kind}' AS kind, {person} AS person, {columns} FROM {table} {where}"  # noqa: S608


def _facts_sql() -> str:
    """The statement's text is the same for any number of persons (their ids are one
    parameter), so PostgreSQL keeps it prepared."""
    q = connection.ops.quote_name
    by_person = f"WHERE {in_list('person_id')}"
    parts = [
        _part("c", "person_id", q(Crossing._meta.db_table),
              f"{by_person} AND direction <> 'refusal'",
              t1="direction", t2="nationality", t3="document_kind", d1="day", at="at", id="id"),
        _part("v", "person_id", q(Visa._meta.db_table), by_person,
              t1="number", d1="valid_from", d2="valid_to", n1="stay_days", n2="entries"),
        _part("x", "person_id", q(StayExtension._meta.db_table), by_person,
              d1="valid_from", d2="valid_to"),
        _part("g", "person_id", q(PlaceOfStayRegistration._meta.db_table), by_person,
              d1="valid_from", d2="valid_to"),
        _part("m", "id", q(Person._meta.db_table),
              f"WHERE {in_list('id')} AND merged_into_id IS NOT NULL"),
        _part("r", "0", q(StayRuleVersion._meta.db_table), "",
              t1="code", t2="nationality_id", t3="document_kind", t4="kind",
              d1="effective_from", d2="effective_to", n1="max_days", n2="window_days",
              n3="CASE WHEN requires_visa THEN 1 ELSE 0 END", n4="registration_after_days",
              n5="registration_within_days", n6="address_change_working_days", id="version"),
        _part("d", "0", q(CalendarDay._meta.db_table), "WHERE date BETWEEN %s AND %s",
              t1="kind", d1="date"),
    ]  # fmt: skip
    return " UNION ALL ".join(parts) + " ORDER BY kind, person, at, id"


# Rules and the calendar come with every person's facts, so a change applies at once in
# every process; reading the same rows into the same (frozen) objects again is skipped.
@lru_cache(maxsize=512)
def _rule(row: tuple[Any, ...]) -> StayRule:
    (_, _, code, nationality, document_kind, kind, start, end, *numbers, _at, version) = row
    max_days, window_days, requires_visa, after, within, moved = numbers
    return StayRule(
        kind=RuleKind(kind),
        max_days=max_days,
        window_days=window_days,
        requires_visa=bool(requires_visa),
        nationality=nationality or "",
        document_kind=document_kind,
        effective_from=as_date(start) or date.min,
        effective_to=as_date(end),
        registration_after_days=after,
        registration_within_days=within,
        address_change_working_days=moved,
        code=f"{code} v{version}",
    )


@lru_cache(maxsize=8)
def _calendar(rows: tuple[tuple[date, str], ...]) -> WorkingCalendar:
    working = CalendarDay.Kind.WORKING
    return WorkingCalendar(
        rest_days=frozenset(day for day, kind in rows if kind != working),
        working_weekend_days=frozenset(day for day, kind in rows if kind == working),
    )


def engine_facts(person_ids: Collection[int], on: date) -> Facts:
    """Everything the engine needs about ``person_ids`` on ``on``: one statement, plus one
    per registered residence-permit provider."""
    ids = list(person_ids)
    calendar_span = [
        connection.ops.adapt_datefield_value(d)
        for d in (date(on.year - 1, 1, 1), date(on.year + 1, 12, 31))
    ]
    rows = fetch_prepared(_facts_sql(), [*[list_param(ids)] * 5, *calendar_span])
    inputs: dict[int, EngineInputs] = defaultdict(EngineInputs)
    crossings: dict[int, list[tuple[str, date, str, str]]] = defaultdict(list)
    rules, days, merged = [], [], set()
    for row in rows:
        kind, person = row[0], row[1]
        if kind == "c":
            crossings[person].append((row[2], as_date(row[6]), row[3], row[4]))
        elif kind == "v":
            inputs[person].visas.append(
                engine.Visa(row[2], as_date(row[6]), as_date(row[7]), row[8], row[9])
            )
        elif kind == "x":
            inputs[person].periods.append(Period(Basis.EXTENSION, as_date(row[6]), as_date(row[7])))
        elif kind == "g":
            inputs[person].registrations.append(Registration(as_date(row[6]), as_date(row[7])))
        elif kind == "m":
            merged.add(person)
        elif kind == "r":
            rules.append(_rule(tuple(row)))
        else:
            days.append((as_date(row[6]), row[2]))
    for person, person_rows in crossings.items():
        inputs[person].stays = pair_crossings(person_rows)
    for period in residence_periods(ids):
        inputs[period.person_id].periods.append(
            Period(Basis(period.kind), period.valid_from, period.valid_to)
        )
    return Facts(rules, _calendar(tuple(days)), dict(inputs), merged)


def stay_rules() -> list[StayRule]:
    return [row.as_rule() for row in StayRuleVersion.objects.all()]


def status_of(facts: Facts, person_id: int, on: date) -> engine.StayStatus:
    data = facts.of(person_id)
    return engine.stay_status(
        on=on,
        stays=data.stays,
        rules=facts.rules,
        visas=data.visas,
        periods=data.periods,
        registrations=data.registrations,
        calendar=facts.calendar,
    )


def status_for(person_id: int, on: date) -> engine.StayStatus:
    """The engine's full answer for one person on ``on``."""
    return status_of(engine_facts([person_id], on), person_id, on)


def overstayers_stored(*, nationality: str = "", min_days: int = 1) -> QuerySet[StayStatus]:
    """Everyone overstaying by the stored statuses (most days over first), with numbers."""
    rows = StayStatus.objects.filter(present=True, overstay_days__gte=max(1, min_days))
    if nationality:
        rows = rows.filter(nationality=nationality)
    return rows.annotate(number=F("person__number")).order_by("-overstay_days", "person_id")


def stored_as_of(rows: QuerySet[StayStatus]) -> date | None:
    """The oldest date the listed statuses were computed for (None: nothing listed)."""
    oldest: date | None = rows.aggregate(oldest=Min("on"))["oldest"]
    return oldest
