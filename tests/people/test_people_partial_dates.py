"""Dates of birth known in part: parsing, the day range they stand for, storage, queries."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st
from people_factories import registered

from umis.core.partial_dates import InvalidPartialDate, PartialDate
from umis.people.inputs import NameInput
from umis.people.models import Person
from umis.people.search import BirthMode, SearchCriteria, person_search

# Parsing


@pytest.mark.parametrize(
    ("text", "parts", "precision"),
    [
        ("1980", (1980, None, None), "year"),
        ("1980-05", (1980, 5, None), "month"),
        ("1980-05-12", (1980, 5, 12), "day"),
        (" 1980-05-12 ", (1980, 5, 12), "day"),
        ("1980-00-00", (1980, None, None), "year"),
        ("1980-05-00", (1980, 5, None), "month"),
        # a day without its month says nothing more than the year
        ("1980-00-12", (1980, None, None), "year"),
    ],
)
def test_parse_keeps_the_known_parts_and_their_precision(
    text: str, parts: tuple[int, int | None, int | None], precision: str
) -> None:
    parsed = PartialDate.parse(text)

    assert (parsed.year, parsed.month, parsed.day) == parts
    assert parsed.precision == precision


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write the date as YYYY-MM-DD, YYYY-MM or YYYY (00 for an unknown part)."),
        ("12.05.1980", "Write the date as YYYY-MM-DD, YYYY-MM or YYYY (00 for an unknown part)."),
        ("80-05-12", "Write the date as YYYY-MM-DD, YYYY-MM or YYYY (00 for an unknown part)."),
        ("1980-5-12", "Write the date as YYYY-MM-DD, YYYY-MM or YYYY (00 for an unknown part)."),
        ("1980-13", "The month must be between 01 and 12."),
        ("1981-02-29", "This month has days 01 to 28."),
        ("1980-04-31", "This month has days 01 to 30."),
        ("1799", "The year 1799 is not plausible."),
    ],
)
def test_parse_refuses_what_is_not_a_date_and_says_why(
    text: str, message: str, in_english: None
) -> None:
    with pytest.raises(InvalidPartialDate) as refused:
        PartialDate.parse(text)

    assert refused.value.message == message


def test_a_day_needs_a_month() -> None:
    with pytest.raises(InvalidPartialDate):
        PartialDate(1980, None, 12)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("1980", date(1980, 1, 1), date(1980, 12, 31)),
        ("1980-02", date(1980, 2, 1), date(1980, 2, 29)),
        ("1981-02", date(1981, 2, 1), date(1981, 2, 28)),
        ("1980-05-12", date(1980, 5, 12), date(1980, 5, 12)),
    ],
)
def test_a_partial_date_stands_for_every_day_it_can_mean(text: str, low: date, high: date) -> None:
    parsed = PartialDate.parse(text)

    assert (parsed.low, parsed.high) == (low, high)
    assert parsed.to_date() == (low if parsed.precision == "day" else None)


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)))
def test_every_precision_written_and_read_back_is_the_same_date(day: date) -> None:
    for value in (
        PartialDate(day.year),
        PartialDate(day.year, day.month),
        PartialDate.from_date(day),
    ):
        assert PartialDate.parse(value.isoformat()) == value
        assert value.low <= day <= value.high


# Comparisons


def test_dates_of_different_precision_are_different_dates() -> None:
    assert PartialDate(1980) != PartialDate(1980, 1, 1)
    assert PartialDate(1980, 1) != PartialDate(1980, 1, 1)
    assert PartialDate.parse("1980-00-00") == PartialDate(1980)


def test_dates_of_any_precision_sort_by_their_first_possible_day_then_the_narrower_first() -> None:
    dates = [
        PartialDate(1980, 5),
        PartialDate(1980),
        PartialDate(1981),
        PartialDate(1979, 12, 31),
        PartialDate(1980, 1, 1),
        PartialDate(1980, 1),
    ]

    assert [str(d) for d in sorted(dates)] == [
        "1979-12-31",
        "1980-01-01",
        "1980-01",
        "1980",
        "1980-05",
        "1981",
    ]
    assert PartialDate(1979, 12, 31) < PartialDate(1980) <= PartialDate(1980) < PartialDate(1981)


# Storage


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "parts", "low", "high"),
    [
        ("1980", (1980, None, None), date(1980, 1, 1), date(1980, 12, 31)),
        ("1980-02", (1980, 2, None), date(1980, 2, 1), date(1980, 2, 29)),
        ("1980-02-03", (1980, 2, 3), date(1980, 2, 3), date(1980, 2, 3)),
    ],
)
def test_a_person_keeps_the_known_parts_and_the_range_of_days(
    text: str, parts: tuple[int, int | None, int | None], low: date, high: date
) -> None:
    person = Person.objects.get(pk=registered(born=text).pk)

    assert (person.birth_year, person.birth_month, person.birth_day) == parts
    assert (person.birth_date_low, person.birth_date_high) == (low, high)
    assert person.birth_date == PartialDate.parse(text)


@pytest.mark.django_db
def test_a_person_without_a_date_of_birth_has_none() -> None:
    person = Person.objects.get(pk=registered(born=None).pk)

    assert person.birth_date is None
    assert (person.birth_year, person.birth_date_low, person.birth_date_high) == (None, None, None)


@pytest.mark.django_db
def test_the_database_refuses_a_range_that_ends_before_it_starts() -> None:
    person = registered(born="1980")

    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(birth_date_low=date(1981, 1, 1))


@pytest.mark.django_db
def test_a_range_query_finds_each_person_whose_date_can_be_the_day() -> None:
    # given persons born in 1980, in May 1980, on 12 May 1980 and on 13 May 1980
    year, month, day, other_day = (
        registered(born=text).pk for text in ("1980", "1980-05", "1980-05-12", "1980-05-13")
    )
    day_asked = date(1980, 5, 12)

    could_be = Person.objects.filter(birth_date_low__lte=day_asked, birth_date_high__gte=day_asked)

    assert set(could_be.values_list("pk", flat=True)) == {year, month, day}
    assert other_day not in could_be.values_list("pk", flat=True)


# Search filters respect the precision of both sides


def found(birth_date: str, mode: BirthMode) -> set[str]:
    criteria = SearchCriteria(
        "IVANOV IVAN", birth_date=PartialDate.parse(birth_date), birth_mode=mode
    )
    return {str(hit.person.birth_date) for hit in person_search(criteria).hits}


@pytest.fixture
def ivanovs() -> None:
    """Ivan Ivanov born in 1980, in May 1980, on 12 May 1980, in 1982, and unknown."""
    for born in ("1980", "1980-05", "1980-05-12", "1982"):
        registered(NameInput("IVANOV", "IVAN"), born=born)
    registered(NameInput("IVANOV", "IVAN"), born=None)


@pytest.mark.django_db
@pytest.mark.usefixtures("ivanovs")
@pytest.mark.parametrize(
    ("birth_date", "mode", "expected"),
    [
        # an exact day matches the persons whose date can be that day
        ("1980-05-12", "exact", {"1980", "1980-05", "1980-05-12", "None"}),
        # a day outside the year matches none of the 1980 persons
        ("1981-01-01", "exact", {"None"}),
        # a day in another month of 1980 matches the year-only person alone
        ("1980-06-01", "exact", {"1980", "None"}),
        # a month matches the month, the year, and a day inside it
        ("1980-05", "exact", {"1980", "1980-05", "1980-05-12", "None"}),
        # a year filter takes the year of whatever was typed
        ("1980-11-30", "year", {"1980", "1980-05", "1980-05-12", "None"}),
        ("1982", "year", {"1982", "None"}),
        # plus or minus one year around 1981 takes in 1980 and 1982
        ("1981", "around", {"1980", "1980-05", "1980-05-12", "1982", "None"}),
        ("1979", "around", {"1980", "1980-05", "1980-05-12", "None"}),
        ("1984", "around", {"None"}),
    ],
)
def test_birth_filters_respect_the_precision_of_the_record(
    birth_date: str, mode: BirthMode, expected: set[str]
) -> None:
    assert found(birth_date, mode) == expected
