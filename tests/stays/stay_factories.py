"""Persons and crossings for the stays tests, written straight to the tables."""

from datetime import UTC, date, datetime, time

from umis.people.models import Person
from umis.stays.models import Crossing

_counter = iter(range(1, 10**9))


def person() -> Person:
    return Person.objects.create(number=f"P{next(_counter):09d}", sex="X")


def crossing(
    who: Person, direction: str, day: date, nationality: str = "RUS", hour: int = 10
) -> Crossing:
    n = next(_counter)
    return Crossing.objects.create(
        person=who,
        direction=direction,
        at=datetime.combine(day, time(hour), tzinfo=UTC),
        day=day,
        nationality=nationality,
        document_kind="passport",
        source="SBS",
        source_ref=f"T{n}",
    )
