"""Decision deadlines worked by hand across weekends, holidays, swapped days and pauses.

March 2026: the 2nd is a Monday. The test calendar rests on Friday 20, Monday 23
and Tuesday 24 March (a Novruz-like break) and works Saturday 7 March.
"""

from datetime import date

import pytest
from permit_factories import actor, extension_answers, officer, submitted

from factories import MovableClock
from umis.core.calendar import WorkingCalendar
from umis.core.models import CalendarDay
from umis.permits.deadlines import deadline_after_pause, decision_deadline
from umis.permits.services import cases

PLAIN = WorkingCalendar(rest_days=frozenset())
NOVRUZ = WorkingCalendar(
    rest_days=frozenset({date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24)})
)
SWAPPED = WorkingCalendar(rest_days=frozenset(), working_weekend_days=frozenset({date(2026, 3, 7)}))


@pytest.mark.parametrize(
    ("calendar", "submitted", "days", "expected"),
    [
        # Thu 5: Fri 6 (1), Mon 9 (2), Tue 10 (3).
        (PLAIN, date(2026, 3, 5), 3, date(2026, 3, 10)),
        # Wed 18: Thu 19 (1), Fri 20 rest, weekend, Mon 23 and Tue 24 rest, Wed 25 (2), Thu 26 (3).
        (NOVRUZ, date(2026, 3, 18), 3, date(2026, 3, 26)),
        # Thu 5: Fri 6 (1), Sat 7 worked (2), Mon 9 (3).
        (SWAPPED, date(2026, 3, 5), 3, date(2026, 3, 9)),
        # Submitted on a Saturday: Mon 9 is the first day counted.
        (PLAIN, date(2026, 3, 7), 1, date(2026, 3, 9)),
        # Mon 2: 3-6 (4), 9-13 (9), 16-19 (13), then rest to Tue 24, Wed 25 (14), Thu 26 (15).
        (NOVRUZ, date(2026, 3, 2), 15, date(2026, 3, 26)),
    ],
)
def test_deadline_counts_working_days_only(
    calendar: WorkingCalendar, submitted: date, days: int, expected: date
) -> None:
    assert decision_deadline(calendar, submitted, days) == expected


def test_pause_gives_back_exactly_the_days_waited() -> None:
    # Mon 2 + 3 = Thu 5. Asked Tue 3 (day 1 used), answered Mon 9: Wed 4, Thu 5,
    # Fri 6 and Mon 9 are given back, so the two days left are Tue 10 and Wed 11.
    deadline = decision_deadline(PLAIN, date(2026, 3, 2), 3)
    assert deadline == date(2026, 3, 5)
    assert deadline_after_pause(PLAIN, deadline, date(2026, 3, 3), date(2026, 3, 9)) == date(
        2026, 3, 11
    )


def test_pause_over_holidays_gives_back_only_working_days() -> None:
    # Wed 18 + 3 = Thu 26. Asked Thu 19, answered Wed 25: only Wed 25 was a working
    # day of the pause, so the deadline moves one working day, to Fri 27.
    deadline = decision_deadline(NOVRUZ, date(2026, 3, 18), 3)
    assert deadline_after_pause(NOVRUZ, deadline, date(2026, 3, 19), date(2026, 3, 25)) == date(
        2026, 3, 27
    )


def test_answer_on_the_day_asked_moves_nothing() -> None:
    assert deadline_after_pause(
        PLAIN, date(2026, 3, 5), date(2026, 3, 3), date(2026, 3, 3)
    ) == date(2026, 3, 5)


def test_pause_spanning_a_weekend_only() -> None:
    # Asked Fri 6, answered Sun 8: no working day passed, the deadline stays.
    assert deadline_after_pause(
        PLAIN, date(2026, 3, 10), date(2026, 3, 6), date(2026, 3, 8)
    ) == date(2026, 3, 10)


@pytest.mark.django_db
def test_a_case_counts_the_kept_calendar_through_submission_and_pause(
    plain_march: MovableClock,
) -> None:
    # given the holiday calendar an administrator keeps: rest on Fri 20, Mon 23, Tue 24
    for day in (20, 23, 24):
        CalendarDay.objects.create(
            date=date(2026, 3, day), kind=CalendarDay.Kind.HOLIDAY, name_en="Novruz"
        )
    # when an extension (3 working days) is submitted on Wed 18 March
    plain_march.advance(days=16)
    case = submitted("stay_extension", extension_answers(stay_ends_on="2026-04-20"))
    # then it is due Thu 26: Thu 19 (1), rest to Tue 24, Wed 25 (2), Thu 26 (3)
    assert case.deadline == date(2026, 3, 26)
    # when the officer asks the applicant on Thu 19, who answers on Wed 25
    plain_march.advance(days=1)
    cases.information_request(actor=actor(officer()), application=case, note="Ticket?")
    plain_march.advance(days=6)
    cases.information_answer(actor=actor(case.applicant), application=case, note="Attached")
    # then only Wed 25 was a working day of the pause: the deadline moves to Fri 27
    case.refresh_from_db()
    assert (case.deadline, case.paused_on) == (date(2026, 3, 27), None)
