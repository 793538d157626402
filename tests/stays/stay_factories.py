"""Persons and crossings for the stays tests, written straight to the tables."""

import random
from datetime import UTC, date, datetime, time, timedelta

from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.people.inputs import DocumentInput, NameInput, PersonInput
from umis.people.models import Person
from umis.people.services import person_register
from umis.stays.models import Crossing, PlaceOfStayRegistration, StayRuleVersion, Visa
from umis.stays.services import stay_extension_grant

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


def registered(
    surname: str,
    given: str,
    *,
    born: str = "1980-05-12",
    sex: str = "M",
    document: str = "",
    nationality: str = "RUS",
) -> Person:
    """A person registered through the registry's service (names, citizenship, document)."""
    data = PersonInput(
        sex=sex,
        names=[NameInput(surname, given)],
        birth_date=PartialDate.parse(born),
        citizenships=[nationality],
        documents=[DocumentInput("passport", document, nationality)] if document else [],
    )
    return person_register(actor=Actor.system("tests"), data=data, source="tests")


NATIONALITIES = ["RUS", "KAZ", "TUR", "IRN", "CHN", "DEU", ""]


def population(rng: random.Random, size: int, trp_holders: set[int], on: date) -> list[int]:
    """Persons with random crossings around ``on``, some with visas, extensions, TRPs
    (through ``trp_holders``) and registrations at a place of stay."""
    StayRuleVersion.objects.create(
        code="TEST-ROLLING", nationality_id="DEU", kind="rolling", max_days=90, window_days=180,
        effective_from=date(2014, 1, 1),
    )  # fmt: skip
    ids = []
    for n in range(size):
        who = person()
        ids.append(who.pk)
        day = on - timedelta(days=rng.randint(0, 400))
        nationality = rng.choice(NATIONALITIES)
        for _ in range(rng.randint(0, 5)):
            direction = rng.choices(["entry", "exit"], weights=[3, 2])[0]
            crossing(who, direction, day, nationality, hour=rng.randint(0, 23))
            day += timedelta(days=rng.randint(0, 120))
        if n % 7 == 0:
            trp_holders.add(who.pk)
        if n % 11 == 0:
            Visa.objects.create(
                person=who, number=f"V{n}", kind="evisa", valid_from=on - timedelta(days=60),
                valid_to=on + timedelta(days=30), stay_days=30, entries=rng.choice([1, None]),
            )  # fmt: skip
        if n % 13 == 0:
            stay_extension_grant(
                actor=Actor.system("tests"), person=who, valid_from=on - timedelta(days=20),
                valid_to=on + timedelta(days=10), source_ref=f"EXT-{n}",
            )  # fmt: skip
        if n % 5 == 0:
            start = on - timedelta(days=rng.randint(0, 60))
            end = start + timedelta(days=rng.randint(5, 50)) if rng.random() < 0.6 else None
            PlaceOfStayRegistration.objects.create(
                person=who, address="Nizami 5", host_kind="organisation", host_name="Hotel",
                valid_from=start, valid_to=end, source="host",
            )  # fmt: skip
    return ids
