"""Day arithmetic on closed intervals of dates (both ends count)."""

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta

Interval = tuple[date, date]
ONE_DAY = timedelta(days=1)


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, disjoint intervals covering the same days; touching intervals join."""
    merged: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[0] <= i[1]):
        if merged and start <= merged[-1][1] + ONE_DAY:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract(intervals: list[Interval], removed: list[Interval]) -> list[Interval]:
    """Days of ``intervals`` not in ``removed`` (both merged)."""
    result: list[Interval] = []
    for start, end in intervals:
        cursor = start
        for cut_start, cut_end in removed:
            if cut_end < cursor or cut_start > end:
                continue
            if cut_start > cursor:
                result.append((cursor, cut_start - ONE_DAY))
            cursor = max(cursor, cut_end + ONE_DAY)
            if cursor > end:
                break
        if cursor <= end:
            result.append((cursor, end))
    return result


def count_between(intervals: list[Interval], first: date, last: date) -> int:
    """How many days of the (merged) ``intervals`` fall in ``[first, last]``."""
    total = 0
    for start, end in intervals:
        low, high = max(start, first), min(end, last)
        if low <= high:
            total += (high - low).days + 1
    return total


def covering(intervals: list[Interval], day: date) -> Interval | None:
    """The merged interval that contains ``day``, if any."""
    index = bisect_right(intervals, (day, date.max)) - 1
    if index >= 0 and intervals[index][1] >= day:
        return intervals[index]
    return None


def nth_free_day(start: date, n: int, blocked: list[Interval]) -> date | None:
    """The ``n``-th day from ``start`` (counting ``start``) not in ``blocked``.

    None when a blocked interval never ends before the ``n``-th free day (date.max).
    """
    day, remaining = start, n
    for cut_start, cut_end in blocked:
        if cut_end < day:
            continue
        free_before_cut = (cut_start - day).days
        if free_before_cut >= remaining:
            break
        remaining -= max(free_before_cut, 0)
        if cut_end >= date.max - ONE_DAY:
            return None
        day = cut_end + ONE_DAY
    return day + timedelta(days=remaining - 1)
