"""Statutory decision deadlines in working days, with pauses for the applicant.

The day a case starts (submission) is not counted, as in "within 15 working
days after". While the office waits for the applicant the clock stops: the
working days after the request up to and including the day of the answer are
added to the deadline, so the office keeps exactly the days it had left.
"""

from datetime import date

from umis.core.calendar import WorkingCalendar


def decision_deadline(calendar: WorkingCalendar, submitted_on: date, working_days: int) -> date:
    return calendar.add_working_days(submitted_on, working_days)


def deadline_after_pause(
    calendar: WorkingCalendar, deadline: date, paused_on: date, resumed_on: date
) -> date:
    paused_days = max(0, calendar.working_days_between(paused_on, resumed_on))
    return calendar.add_working_days(deadline, paused_days)
