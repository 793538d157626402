"""Reads: the engine's inputs for one person or many, from the stored records."""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date

from umis.core.selectors import working_calendar
from umis.stays import engine
from umis.stays.engine import Basis, Period, Registration, Stay, StayRule
from umis.stays.models import (
    Crossing,
    PlaceOfStayRegistration,
    StayExtension,
    StayRuleVersion,
    Visa,
)
from umis.stays.providers import residence_periods


@dataclass
class EngineInputs:
    stays: list[Stay] = field(default_factory=list)
    visas: list[engine.Visa] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)


def pair_crossings(rows: Iterable[tuple[str, date, str, str]]) -> list[Stay]:
    """Entries and exits (in time order) as stays; a refusal is no stay.

    An exit closes the open entry; an exit with none open is a stay with no
    entry; an entry while one is open leaves the earlier one without an exit.
    """
    stays: list[Stay] = []
    open_entry: tuple[date, str, str] | None = None
    for direction, day, nationality, document_kind in rows:
        if direction == Crossing.Direction.ENTRY:
            if open_entry:
                stays.append(Stay(open_entry[0], None, open_entry[1], open_entry[2]))
            open_entry = (day, nationality, document_kind)
        elif direction == Crossing.Direction.EXIT:
            if open_entry:
                stays.append(Stay(open_entry[0], day, open_entry[1], open_entry[2]))
                open_entry = None
            else:
                stays.append(Stay(None, day))
    if open_entry:
        stays.append(Stay(open_entry[0], None, open_entry[1], open_entry[2]))
    return stays


def stay_rules() -> list[StayRule]:
    return [row.as_rule() for row in StayRuleVersion.objects.all()]


def engine_inputs(person_ids: Collection[int]) -> dict[int, EngineInputs]:
    """Everything the engine needs about ``person_ids``, in a handful of queries."""
    inputs: dict[int, EngineInputs] = defaultdict(EngineInputs)
    crossings: dict[int, list[tuple[str, date, str, str]]] = defaultdict(list)
    rows = (
        Crossing.objects.filter(person_id__in=person_ids)
        .exclude(direction=Crossing.Direction.REFUSAL)
        .order_by("person_id", "at", "pk")
        .values_list("person_id", "direction", "day", "nationality", "document_kind")
    )
    for person_id, direction, day, nationality, document_kind in rows:
        crossings[person_id].append((direction, day, nationality, document_kind))
    for person_id, person_rows in crossings.items():
        inputs[person_id].stays = pair_crossings(person_rows)
    for visa in Visa.objects.filter(person_id__in=person_ids):
        inputs[visa.person_id].visas.append(
            engine.Visa(visa.number, visa.valid_from, visa.valid_to, visa.stay_days, visa.entries)
        )
    for ext in StayExtension.objects.filter(person_id__in=person_ids):
        inputs[ext.person_id].periods.append(Period(Basis.EXTENSION, ext.valid_from, ext.valid_to))
    for period in residence_periods(person_ids):
        inputs[period.person_id].periods.append(
            Period(Basis(period.kind), period.valid_from, period.valid_to)
        )
    registrations = PlaceOfStayRegistration.objects.filter(person_id__in=person_ids)
    for reg in registrations.values_list("person_id", "valid_from", "valid_to"):
        inputs[reg[0]].registrations.append(Registration(reg[1], reg[2]))
    return inputs


def status_for(person_id: int, on: date) -> engine.StayStatus:
    """The engine's full answer for one person on ``on``."""
    data = engine_inputs([person_id]).get(person_id, EngineInputs())
    return engine.stay_status(
        on=on,
        stays=data.stays,
        rules=stay_rules(),
        visas=data.visas,
        periods=data.periods,
        registrations=data.registrations,
        calendar=working_calendar(on.year - 1, on.year + 1),
    )
