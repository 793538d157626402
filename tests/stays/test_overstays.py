"""The set-based overstay list equals the engine's per-person answers."""

import random
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from stay_factories import crossing, person

from umis.core.permissions import Actor
from umis.stays import providers
from umis.stays.engine import Basis
from umis.stays.models import StayRuleVersion, Visa
from umis.stays.overstays import overstayers_on, present_on
from umis.stays.providers import ResidencePeriod
from umis.stays.selectors import status_for
from umis.stays.services import stay_extension_grant

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 1)
NATIONALITIES = ["RUS", "KAZ", "TUR", "IRN", "CHN", "DEU", ""]


@pytest.fixture
def trp_holders() -> Iterator[set[int]]:
    holders: set[int] = set()

    def provider(person_ids: object) -> list[ResidencePeriod]:
        return [ResidencePeriod(p, "TRP", date(2026, 4, 1), date(2026, 5, 20)) for p in holders]

    providers.register_residence_provider(provider)
    yield holders
    providers._providers.remove(provider)


def _population(rng: random.Random, size: int, trp_holders: set[int]) -> list[int]:
    StayRuleVersion.objects.create(
        code="TEST-ROLLING", nationality_id="DEU", kind="rolling", max_days=90, window_days=180,
        effective_from=date(2014, 1, 1),
    )  # fmt: skip
    ids = []
    for n in range(size):
        who = person()
        ids.append(who.pk)
        day = ON - timedelta(days=rng.randint(0, 400))
        nationality = rng.choice(NATIONALITIES)
        for _ in range(rng.randint(0, 5)):
            direction = rng.choices(["entry", "exit"], weights=[3, 2])[0]
            crossing(who, direction, day, nationality, hour=rng.randint(0, 23))
            day += timedelta(days=rng.randint(0, 120))
        if n % 7 == 0:
            trp_holders.add(who.pk)
        if n % 11 == 0:
            Visa.objects.create(
                person=who, number=f"V{n}", kind="evisa", valid_from=ON - timedelta(days=60),
                valid_to=ON + timedelta(days=30), stay_days=30, entries=rng.choice([1, None]),
            )  # fmt: skip
        if n % 13 == 0:
            stay_extension_grant(
                actor=Actor.system("tests"), person=who, valid_from=ON - timedelta(days=20),
                valid_to=ON + timedelta(days=10), source_ref=f"EXT-{n}",
            )  # fmt: skip
    return ids


def test_overstay_list_equals_the_engine_person_by_person(trp_holders: set[int]) -> None:
    ids = _population(random.Random(4), 300, trp_holders)
    table = {row["person_id"]: row for row in present_on(ON).to_pylist()}
    expected_present = set()
    for person_id in ids:
        status = status_for(person_id, ON)
        if not status.present:
            continue
        expected_present.add(person_id)
        row = table[person_id]
        assert (row["days_used"], row["max_days"], row["overstay_days"]) == (
            status.days_used,
            status.max_days,
            status.overstay_days,
        ), person_id
        assert row["stay_entry"] == status.stay_entry
    assert set(table) == expected_present
    listed = overstayers_on(ON)
    assert {r.person_id for r in listed} == {
        p for p in expected_present if table[p]["overstay_days"]
    }
    assert listed, "the generated population must contain overstayers"
    assert any(status_for(p, ON).basis in (Basis.TRP, Basis.EXTENSION) for p in expected_present)


def test_overstayers_are_ordered_and_filtered() -> None:
    a, b = person(), person()
    crossing(a, "entry", ON - timedelta(days=120), "RUS")  # 121 days, 31 over
    crossing(b, "entry", ON - timedelta(days=100), "KAZ")  # 101 days, 11 over
    rows = overstayers_on(ON)
    assert [(r.number, r.overstay_days) for r in rows] == [(a.number, 31), (b.number, 11)]
    assert [r.number for r in overstayers_on(ON, nationality="KAZ")] == [b.number]
    assert [r.number for r in overstayers_on(ON, min_days=20)] == [a.number]


def test_no_crossings_means_no_overstayers() -> None:
    assert overstayers_on(ON) == []
    assert present_on(ON).num_rows == 0
