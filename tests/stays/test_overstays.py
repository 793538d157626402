"""The set-based overstay list equals the engine's per-person answers."""

import random
from datetime import date, timedelta

import pytest
from stay_factories import crossing, person, population

from umis.stays.engine import Basis
from umis.stays.overstays import overstayers_on, present_on
from umis.stays.selectors import status_for

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 1)


def test_overstay_list_equals_the_engine_person_by_person(trp_holders: set[int]) -> None:
    ids = population(random.Random(4), 300, trp_holders, ON)
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
        assert row["basis"] == status.basis.value
    assert set(table) == expected_present
    listed = overstayers_on(ON)
    assert {r.person_id for r in listed} == {
        p for p in expected_present if table[p]["overstay_days"]
    }
    assert listed, "the generated population must contain overstayers"
    assert any(status_for(p, ON).basis in (Basis.TRP, Basis.EXTENSION) for p in expected_present)


@pytest.mark.parametrize(
    ("crossed", "present"),
    [
        # entered, entered again, left: the person left (the first entry lost its exit)
        ((("entry", 4), ("entry", 8), ("exit", 12)), False),
        # entered, left, entered again: the person is here
        ((("entry", 4), ("exit", 8), ("entry", 12)), True),
    ],
)
def test_two_entries_on_one_day_are_read_in_the_order_crossed(
    crossed: tuple[tuple[str, int], ...], present: bool
) -> None:
    # given a person whose crossings, all on one day 100 days ago, are recorded out of order
    who = person()
    day = ON - timedelta(days=100)
    for direction, hour in reversed(crossed):
        crossing(who, direction, day, hour=hour)

    # then the engine and the set-based list read them alike, in the order crossed
    status = status_for(who.pk, ON)
    listed = {row["person_id"] for row in present_on(ON).to_pylist()}
    assert status.present is present
    assert (who.pk in listed) is present
    assert (who.pk in {r.person_id for r in overstayers_on(ON)}) is present


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


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_entries_and_exits_come_over_their_own_connections() -> None:
    a, b, gone = person(), person(), person()
    crossing(a, "entry", ON - timedelta(days=120), "RUS")  # 121 days, 31 over
    crossing(b, "entry", ON - timedelta(days=10), "KAZ")
    crossing(gone, "entry", ON - timedelta(days=200), "TUR")
    crossing(gone, "exit", ON - timedelta(days=100))

    rows = {r["person_id"]: r for r in present_on(ON).to_pylist()}

    assert set(rows) == {a.pk, b.pk}
    assert (rows[a.pk]["nationality"], rows[a.pk]["overstay_days"]) == ("RUS", 31)
    assert (rows[b.pk]["nationality"], rows[b.pk]["days_used"]) == ("KAZ", 11)
