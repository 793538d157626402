"""A brute-force, day-by-day reading of the stay rules, to check the fast engine against.

It walks every day one at a time with sets; slow and obviously right. It reads
complete stays only (the latest may be open), as the property tests generate.
"""

from datetime import date, timedelta

from umis.stays.engine import Period, RuleKind, Stay, StayRule

DAY = timedelta(days=1)


def _days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


def present_days(stays: list[Stay], on: date) -> set[date]:
    known = [s for s in stays if s.entry is not None and s.entry <= on]
    return set().union(*(_days(s.entry, min(s.exit or on, on)) for s in known if s.entry))


def exempt_days(periods: list[Period]) -> set[date]:
    return set().union(*(_days(p.valid_from, p.valid_to) for p in periods))


def current_entry(stays: list[Stay], on: date) -> date | None:
    entries = [s.entry for s in stays if s.entry and s.entry <= on <= (s.exit or on)]
    return max(entries, default=None)


def _used(rule: StayRule, counted: set[date], entry: date, day: date) -> int:
    first = day - (rule.window_days - 1) * DAY if rule.kind == RuleKind.ROLLING else entry
    return sum(1 for d in counted if first <= d <= day)


def reference(
    rule: StayRule, stays: list[Stay], periods: list[Period], on: date
) -> tuple[bool, int, int, date | None]:
    """(present, days used, overstay days, lawful until) by walking the days."""
    exempt = exempt_days(periods)
    counted = present_days(stays, on) - exempt
    entry = current_entry(stays, on)
    if entry is None:
        return False, _used(rule, counted, on, on) if rule.kind == RuleKind.ROLLING else 0, 0, None
    used = _used(rule, counted, entry, on)
    overstay = 0 if on in exempt else max(0, used - rule.max_days)
    # Far enough that a continuous stay must have broken the rule if it ever does.
    horizon = on + (2 * rule.window_days + rule.max_days + len(exempt) + 2) * DAY
    future = counted | (_days(on + DAY, horizon) - exempt)
    for day in sorted(_days(entry, horizon) - exempt):
        if _used(rule, future, entry, day) > rule.max_days:
            return True, used, overstay, day - DAY
    return True, used, overstay, None
