"""Azerbaijani public holidays, 2024–2027.

Fixed holidays: Labour Code of the Republic of Azerbaijan, art. 105.1. The two
Islamic holidays (Ramazan and Qurban Bayramı) move with the lunar calendar; their
dates are announced each year and are listed here as published or, for years not
yet announced, as astronomically expected (check them against the Cabinet's
decision and correct them in the admin screen).

Carry-over (art. 105.5): when a holiday falls on a Saturday or Sunday, or on
another holiday, the next working day is a rest day. The national day of mourning
(20 January) is not carried over. Transfers that the Cabinet of Ministers makes
on top of this rule each year are entered through the admin screen.
"""

from datetime import date, timedelta

from umis.core.calendar import WEEKEND
from umis.core.models import CalendarDay

NAMES = {
    "new_year": ("Yeni il", "New Year", "Новый год"),
    "mourning": ("Ümumxalq hüzn günü", "National Mourning Day", "День всенародной скорби"),
    "women": ("Qadınlar günü", "International Women's Day", "Международный женский день"),
    "novruz": ("Novruz bayramı", "Novruz", "Новруз байрамы"),
    "victory_fascism": (
        "Faşizm üzərində qələbə günü",
        "Victory over Fascism Day",
        "День победы над фашизмом",
    ),
    "independence": ("Müstəqillik günü", "Independence Day", "День независимости"),
    "salvation": ("Milli qurtuluş günü", "National Salvation Day", "День национального спасения"),
    "armed_forces": ("Silahlı Qüvvələr günü", "Armed Forces Day", "День Вооружённых сил"),
    "victory": ("Zəfər günü", "Victory Day", "День Победы"),
    "flag": ("Dövlət bayrağı günü", "State Flag Day", "День государственного флага"),
    "solidarity": (
        "Dünya azərbaycanlılarının həmrəyliyi günü",
        "Solidarity Day of World Azerbaijanis",
        "День солидарности азербайджанцев мира",
    ),
    "ramazan": ("Ramazan bayramı", "Ramazan Bayram (Eid al-Fitr)", "Рамазан байрамы"),
    "qurban": ("Qurban bayramı", "Qurban Bayram (Eid al-Adha)", "Гурбан байрамы"),
    "carry_over": (
        "İstirahət günü (keçirilmiş)",
        "Rest day (carried over)",
        "Перенесённый выходной",
    ),
}

FIXED = [
    ((1, 1), "new_year"),
    ((1, 2), "new_year"),
    ((1, 20), "mourning"),
    ((3, 8), "women"),
    ((3, 20), "novruz"),
    ((3, 21), "novruz"),
    ((3, 22), "novruz"),
    ((3, 23), "novruz"),
    ((3, 24), "novruz"),
    ((5, 9), "victory_fascism"),
    ((5, 28), "independence"),
    ((6, 15), "salvation"),
    ((6, 26), "armed_forces"),
    ((11, 8), "victory"),
    ((11, 9), "flag"),
    ((12, 31), "solidarity"),
]

# First day of each two-day Islamic holiday.
MOVABLE = {
    2024: {"ramazan": date(2024, 4, 10), "qurban": date(2024, 6, 16)},
    2025: {"ramazan": date(2025, 3, 30), "qurban": date(2025, 6, 6)},
    2026: {"ramazan": date(2026, 3, 20), "qurban": date(2026, 5, 27)},
    2027: {"ramazan": date(2027, 3, 9), "qurban": date(2027, 5, 16)},
}

NOT_CARRIED_OVER = {"mourning"}
LEGAL_SOURCE = "Labour Code art. 105"


def holidays_of(year: int) -> list[tuple[date, str]]:
    """Every holiday of ``year`` as (date, key), in date order; a date may repeat."""
    days = [(date(year, month, day), key) for (month, day), key in FIXED]
    for key, first in MOVABLE.get(year, {}).items():
        days += [(first, key), (first + timedelta(days=1), key)]
    return sorted(days)


def rest_days(years: range) -> dict[date, tuple[str, str]]:
    """Rest days of ``years``: date → (name key, calendar kind), carry-overs included."""
    rest: dict[date, tuple[str, str]] = {}
    owed: list[date] = []
    for year in years:
        for day, key in holidays_of(year):
            if key not in NOT_CARRIED_OVER and (day.weekday() in WEEKEND or day in rest):
                owed.append(day)
            rest.setdefault(day, (key, CalendarDay.Kind.HOLIDAY))
    for day in owed:
        candidate = day + timedelta(days=1)
        while candidate.weekday() in WEEKEND or candidate in rest:
            candidate += timedelta(days=1)
        rest[candidate] = ("carry_over", CalendarDay.Kind.TRANSFERRED_REST)
    return rest


def calendar_rows(years: range = range(2024, 2028)) -> list[CalendarDay]:
    rows = []
    for day, (key, kind) in sorted(rest_days(years).items()):
        name_az, name_en, name_ru = NAMES[key]
        rows.append(
            CalendarDay(
                date=day,
                kind=kind,
                name_az=name_az,
                name_en=name_en,
                name_ru=name_ru,
                source=LEGAL_SOURCE + (" (105.5)" if kind != CalendarDay.Kind.HOLIDAY else ""),
            )
        )
    return rows


def load_calendar() -> int:
    return len(CalendarDay.objects.bulk_create(calendar_rows(), ignore_conflicts=True))
