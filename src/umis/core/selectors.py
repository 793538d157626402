"""Reads of reference data."""

from datetime import date

from umis.core.calendar import WorkingCalendar
from umis.core.models import CalendarDay, Country

# Deadlines can run into next year; load one year either side of the dates asked.
_MARGIN_YEARS = 1


def working_calendar(first_year: int, last_year: int) -> WorkingCalendar:
    days = CalendarDay.objects.filter(
        date__year__gte=first_year, date__year__lte=last_year
    ).values_list("date", "kind")
    rest = frozenset(day for day, kind in days if kind != CalendarDay.Kind.WORKING)
    working = frozenset(day for day, kind in days if kind == CalendarDay.Kind.WORKING)
    return WorkingCalendar(rest_days=rest, working_weekend_days=working)


def _calendar_around(*days: date, span_days: int = 0) -> WorkingCalendar:
    years_needed = max(1, span_days // 200 + _MARGIN_YEARS)
    return working_calendar(
        min(d.year for d in days) - years_needed, max(d.year for d in days) + years_needed
    )


def add_working_days(start: date, count: int) -> date:
    """``count`` working days after ``start``, from the holiday calendar."""
    return _calendar_around(start, span_days=abs(count) * 2).add_working_days(start, count)


def working_days_between(start: date, end: date) -> int:
    return _calendar_around(start, end).working_days_between(start, end)


def holidays_between(start: date, end: date) -> list[CalendarDay]:
    return list(CalendarDay.objects.filter(date__gte=start, date__lte=end).exclude(kind="working"))


def countries() -> list[Country]:
    return list(Country.objects.all())
