"""Deadline arithmetic against a day-by-day reference, over generated calendars and pauses."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from umis.core.calendar import WorkingCalendar
from umis.permits.deadlines import deadline_after_pause, decision_deadline

START = date(2026, 1, 1)
days = st.integers(min_value=0, max_value=200).map(lambda n: START + timedelta(days=n))
calendars = st.builds(
    WorkingCalendar,
    rest_days=st.frozensets(days, max_size=30),
    working_weekend_days=st.frozensets(days, max_size=5),
)


def reference_deadline(
    calendar: WorkingCalendar, start: date, count: int, pause: tuple[date, date] | None
) -> date:
    """Walk day by day; a working day counts unless it falls inside the pause
    (after the request, up to and including the answer)."""
    day, counted = start, 0
    while counted < count:
        day += timedelta(days=1)
        paused = pause is not None and pause[0] < day <= pause[1]
        if calendar.is_working_day(day) and not paused:
            counted += 1
    return day


@given(calendars, days, st.integers(min_value=1, max_value=40))
def test_deadline_matches_the_day_by_day_count(
    calendar: WorkingCalendar, submitted: date, count: int
) -> None:
    assert decision_deadline(calendar, submitted, count) == reference_deadline(
        calendar, submitted, count, None
    )


@given(
    calendars,
    days,
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=60),
)
def test_a_pause_within_the_term_gives_back_exactly_its_working_days(
    calendar: WorkingCalendar, submitted: date, count: int, asked_after: int, waited: int
) -> None:
    deadline = decision_deadline(calendar, submitted, count)
    asked = min(submitted + timedelta(days=asked_after), deadline - timedelta(days=1))
    asked = max(asked, submitted)
    answered = asked + timedelta(days=waited)
    expected = reference_deadline(calendar, submitted, count, (asked, answered))
    assert deadline_after_pause(calendar, deadline, asked, answered) == expected
