"""Working-day arithmetic over weekends and the Azerbaijani holiday calendar.

Each case is worked by hand from the calendar loaded as reference data; the
comments list the days skipped. Weekends are Saturday and Sunday.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from umis.core.calendar import WorkingCalendar
from umis.core.models import CalendarDay
from umis.core.reference.holidays import calendar_rows, load_calendar, rest_days
from umis.core.selectors import add_working_days, holidays_between, working_days_between

CARRY_OVER = CalendarDay.Kind.TRANSFERRED_REST
LOADED = WorkingCalendar(rest_days=frozenset(rest_days(range(2024, 2028))))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        # Mon 3 Feb 2025, no holidays: Tue 4 … Fri 7 are 4, Sat 8–Sun 9 skipped, Mon 10 is 5.
        (date(2025, 2, 3), 5, date(2025, 2, 10)),
        # Fri 7 Feb 2025 + 1: the weekend is skipped.
        (date(2025, 2, 7), 1, date(2025, 2, 10)),
        # Zero days: the start itself, even on a Sunday.
        (date(2025, 2, 9), 0, date(2025, 2, 9)),
        # Wed 19 Mar 2025 + 1: Novruz Thu 20 – Mon 24 (Sat 22, Sun 23 inside it), carried
        # over to Tue 25 and Wed 26; Thu 27 is the first working day.
        (date(2025, 3, 19), 1, date(2025, 3, 27)),
        # Fri 28 Mar 2025 + 1: Sat 29; Ramazan Sun 30 – Mon 31; Sun 30 carried to Tue 1 Apr.
        (date(2025, 3, 28), 1, date(2025, 4, 2)),
        # Thu 5 Jun 2025 + 2: Qurban Fri 6 – Sat 7, Sun 8, carry-over Mon 9 → Tue 10, Wed 11.
        (date(2025, 6, 5), 2, date(2025, 6, 11)),
        # Fri 7 Nov 2025 + 1: Victory Day Sat 8 and Flag Day Sun 9 → rest Mon 10 and Tue 11.
        (date(2025, 11, 7), 1, date(2025, 11, 12)),
        # Tue 30 Dec 2025 + 1, across the year: Solidarity Day Wed 31, New Year Thu 1 – Fri 2
        # Jan 2026, weekend 3–4 → Mon 5 Jan 2026.
        (date(2025, 12, 30), 1, date(2026, 1, 5)),
        # Thu 19 Mar 2026 + 1: Novruz Fri 20 – Tue 24 coincides with Ramazan Fri 20 – Sat 21.
        # Owed: Fri 20 (two holidays), Sat 21 twice (both holidays on a Saturday), Sun 22.
        # Carried over to Wed 25, Thu 26, Fri 27 and, after the weekend, Mon 30 → Tue 31.
        (date(2026, 3, 19), 1, date(2026, 3, 31)),
        # … + 5: Tue 31, Wed 1 Apr, Thu 2, Fri 3, (weekend) Mon 6 Apr 2026.
        (date(2026, 3, 19), 5, date(2026, 4, 6)),
        # Starting inside the holiday: Sat 21 Mar 2026 + 1 → Tue 31.
        (date(2026, 3, 21), 1, date(2026, 3, 31)),
        # Tue 26 May 2026 + 1: Qurban Wed 27 – Thu 28; Thu 28 is also Independence Day, so
        # Fri 29 is rest; weekend 30–31 → Mon 1 Jun.
        (date(2026, 5, 26), 1, date(2026, 6, 1)),
        # Backwards: Tue 31 Mar 2026 − 1 → Thu 19 Mar (20–30 are all rest or weekend).
        (date(2026, 3, 31), -1, date(2026, 3, 19)),
        # Wed 2 Apr 2025 − 2: Tue 1 carried, Mon 31 and Sun 30 Ramazan, Sat 29 → Fri 28 is
        # one, Thu 27 is two.
        (date(2025, 4, 2), -2, date(2025, 3, 27)),
        # Mon 10 Feb 2025 − 5: Fri 7, Thu 6, Wed 5, Tue 4, Mon 3.
        (date(2025, 2, 10), -5, date(2025, 2, 3)),
    ],
)
def test_add_working_days(start: date, count: int, expected: date) -> None:
    assert add_working_days(start, count) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # The same day: none.
        (date(2026, 3, 2), date(2026, 3, 2), 0),
        # Thu 19 → Tue 31 Mar 2026: only Tue 31 works.
        (date(2026, 3, 19), date(2026, 3, 31), 1),
        # Sun 1 → Tue 31 Mar 2026: 2–6 (5), Mon 9 is rest for Women's Day on Sun 8,
        # 10–13 (4), 16–19 (4), 20–30 rest or weekend, 31 (1) → 14.
        (date(2026, 3, 1), date(2026, 3, 31), 14),
        # Fri 27 Dec 2024 → Mon 6 Jan 2025: Mon 30 Dec (1); Solidarity Day Tue 31 Dec and
        # New Year Wed 1 – Thu 2 Jan are rest; Fri 3 Jan (2); weekend; Mon 6 Jan (3).
        (date(2024, 12, 27), date(2025, 1, 6), 3),
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected
    assert working_days_between(end, start) == -expected


@pytest.mark.django_db
def test_a_weekend_day_declared_working_counts() -> None:
    # given the Cabinet makes Saturday 27 Jun 2026 a working day
    CalendarDay.objects.create(
        date=date(2026, 6, 27),
        kind=CalendarDay.Kind.WORKING,
        name_az="İş günü",
        name_en="Working day",
        name_ru="Рабочий день",
    )

    # then Fri 26 Jun (Armed Forces Day) + 1 is that Saturday
    assert add_working_days(date(2026, 6, 25), 1) == date(2026, 6, 27)
    assert working_days_between(date(2026, 6, 25), date(2026, 6, 29)) == 2


@pytest.mark.django_db
def test_loaded_carry_over_days_2025_and_2026() -> None:
    # the carry-over rule of Labour Code art. 105.5, applied to the loaded holidays
    carried = CalendarDay.objects.filter(kind=CARRY_OVER, date__year__in=[2025, 2026])

    assert list(carried.values_list("date", flat=True)) == [
        date(2025, 3, 10),  # Women's Day, Sat 8 Mar
        date(2025, 3, 25),  # Novruz, Sat 22 Mar
        date(2025, 3, 26),  # Novruz, Sun 23 Mar
        date(2025, 4, 1),  # Ramazan, Sun 30 Mar
        date(2025, 6, 9),  # Qurban, Sat 7 Jun
        date(2025, 6, 16),  # National Salvation Day, Sun 15 Jun
        date(2025, 11, 10),  # Victory Day, Sat 8 Nov
        date(2025, 11, 11),  # State Flag Day, Sun 9 Nov
        date(2026, 3, 9),  # Women's Day, Sun 8 Mar
        date(2026, 3, 25),  # Novruz and Ramazan both on Fri 20 Mar
        date(2026, 3, 26),  # Novruz, Sat 21 Mar
        date(2026, 3, 27),  # Ramazan, Sat 21 Mar
        date(2026, 3, 30),  # Novruz, Sun 22 Mar
        date(2026, 5, 11),  # Victory over Fascism, Sat 9 May
        date(2026, 5, 29),  # Qurban and Independence Day both on Thu 28 May
        date(2026, 11, 10),  # Victory Day, Sun 8 Nov
    ]


@pytest.mark.django_db
def test_mourning_day_on_a_weekend_is_not_carried_over() -> None:
    # 20 Jan 2024 is a Saturday; Monday 22 Jan stays a working day
    assert CalendarDay.objects.get(date=date(2024, 1, 20)).name_en == "National Mourning Day"
    assert not CalendarDay.objects.filter(date=date(2024, 1, 22)).exists()


@pytest.mark.django_db
def test_loaded_holidays_of_2026_name_each_day() -> None:
    days = holidays_between(date(2026, 3, 18), date(2026, 3, 31))

    assert [(day.date.day, day.name_en) for day in days] == [
        (20, "Novruz"),
        (21, "Novruz"),
        (22, "Novruz"),
        (23, "Novruz"),
        (24, "Novruz"),
        (25, "Rest day (carried over)"),
        (26, "Rest day (carried over)"),
        (27, "Rest day (carried over)"),
        (30, "Rest day (carried over)"),
    ]
    assert days[5].source == "Labour Code art. 105 (105.5)"


@pytest.mark.django_db
def test_loading_again_keeps_an_administrators_correction() -> None:
    # given an administrator moved the name of a day in the admin screen
    CalendarDay.objects.filter(date=date(2026, 5, 27)).update(name_en="Eid al-Adha")
    count = CalendarDay.objects.count()

    # when the reference data is loaded again (every migrate does it)
    load_calendar()

    # then nothing is duplicated or overwritten
    assert CalendarDay.objects.count() == count == len(calendar_rows())
    assert CalendarDay.objects.get(date=date(2026, 5, 27)).name_en == "Eid al-Adha"


DATES = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 6, 30))


@given(start=DATES, count=st.integers(min_value=0, max_value=120))
def test_property_adding_then_counting_gives_the_count_back(start: date, count: int) -> None:
    end = LOADED.add_working_days(start, count)

    assert LOADED.working_days_between(start, end) == count
    assert count == 0 or LOADED.is_working_day(end)


@given(day=DATES, count=st.integers(min_value=0, max_value=120))
def test_property_going_back_from_a_working_day_is_counted_back(day: date, count: int) -> None:
    # Backwards, ``start`` is excluded and the day reached is included, so the count
    # returns only when ``start`` itself is a working day (as a deadline's start is).
    start = LOADED.next_working_day(day)

    earlier = LOADED.add_working_days(start, -count)

    assert LOADED.working_days_between(earlier, start) == count
    assert LOADED.working_days_between(start, earlier) == -count


@given(first=DATES, second=DATES)
def test_property_working_days_between_is_antisymmetric(first: date, second: date) -> None:
    assert LOADED.working_days_between(first, second) == -LOADED.working_days_between(second, first)


@given(day=DATES)
def test_property_next_working_day_is_the_first_working_day_from_day(day: date) -> None:
    found = LOADED.next_working_day(day)

    assert LOADED.is_working_day(found)
    assert all(not LOADED.is_working_day(day + timedelta(n)) for n in range((found - day).days))
