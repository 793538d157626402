"""How many days a stay may last, and the last lawful day when it goes on."""

from dataclasses import dataclass
from datetime import date, timedelta

from umis.stays.engine import days
from umis.stays.engine.days import ONE_DAY, Interval
from umis.stays.engine.model import RuleKind, StayRule


@dataclass(frozen=True)
class Counting:
    """The days that count against the limits, and the days that never do."""

    counted: list[Interval]  # recorded presence minus exempt periods, merged
    exempt: list[Interval]  # TRP, PRP and extension periods, merged

    def is_exempt(self, day: date) -> bool:
        return days.covering(self.exempt, day) is not None

    def window_used(self, rule: StayRule, on: date) -> int:
        return days.count_between(self.counted, on - timedelta(days=rule.window_days - 1), on)


def per_entry_last_day(counting: Counting, start: date, limit: int) -> date | None:
    """Day before the ``limit + 1``-th counted day of a continuous stay from ``start``."""
    first_unlawful = days.nth_free_day(start, limit + 1, counting.exempt)
    return None if first_unlawful is None else first_unlawful - ONE_DAY


def _used_if_continuing(counting: Counting, rule: StayRule, day: date, present_from: date) -> int:
    """Days counted in the window ending ``day`` when present every day from ``present_from``."""
    first = day - timedelta(days=rule.window_days - 1)
    recorded = days.count_between(counting.counted, first, min(day, present_from - ONE_DAY))
    future_first = max(first, present_from)
    if future_first > day:
        return recorded
    span = (day - future_first).days + 1
    return recorded + span - days.count_between(counting.exempt, future_first, day)


def rolling_last_day(
    counting: Counting, rule: StayRule, limit: int, start: date, present_from: date
) -> date | None:
    """The day before the first day from ``start`` whose window holds too many days.

    Presence is as recorded before ``present_from`` and continuous from then on.
    None when staying on can never break the rule (a permit without end, or a
    limit as long as the window).
    """
    if limit >= rule.window_days:
        return None
    day = start
    while True:
        block = days.covering(counting.exempt, day)
        if block is not None:
            if block[1] >= date.max - ONE_DAY:
                return None
            day = block[1] + ONE_DAY
            continue
        if _used_if_continuing(counting, rule, day, present_from) > limit:
            return day - ONE_DAY
        day += ONE_DAY


def last_day(
    counting: Counting, rule: StayRule, limit: int, start: date, present_from: date
) -> date | None:
    if rule.kind == RuleKind.PER_ENTRY:
        return per_entry_last_day(counting, start, limit)
    return rolling_last_day(counting, rule, limit, start, present_from)
