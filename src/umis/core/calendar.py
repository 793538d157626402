"""Working-day arithmetic over the holiday calendar.

Statutory deadlines count working days: days that are neither a weekend day
(Saturday, Sunday) nor a rest day in the calendar, unless the calendar marks a
weekend day as a working day (days the Cabinet of Ministers swaps). The
calendar is data (``core.CalendarDay``) so that movable holidays and yearly
transfers are kept without code changes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WEEKEND = frozenset({5, 6})


@dataclass(frozen=True)
class WorkingCalendar:
    """A pure, in-memory view of the calendar for date arithmetic."""

    rest_days: frozenset[date]
    working_weekend_days: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        if day in self.working_weekend_days:
            return True
        return day.weekday() not in WEEKEND and day not in self.rest_days

    def add_working_days(self, start: date, count: int) -> date:
        """The date ``count`` working days after ``start`` (before it when negative).

        ``start`` itself is never counted, as in "within 5 working days after".
        """
        step = timedelta(days=1 if count >= 0 else -1)
        remaining = abs(count)
        day = start
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if reversed)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(1 for day in _days(start + timedelta(days=1), end) if self.is_working_day(day))

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, otherwise the next one."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


def _days(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)
