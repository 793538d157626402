"""Timing and scoring of one way of searching over the bench queries."""

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from people_search_queries import Query

TOP = 10

# A way of searching: the query in, the person numbers of its first results out.
Searcher = Callable[[Query], list[str]]


@dataclass(frozen=True)
class Measured:
    name: str
    times_ms: list[float]
    found: list[bool] | None  # per query: the person among the first ten (None: not checked)
    # the share of the machine's CPU time its hypervisor gave other guests meanwhile
    stolen: float | None = None

    @property
    def queries(self) -> int:
        return len(self.times_ms)

    @property
    def p50_ms(self) -> float:
        return percentile(self.times_ms, 0.5)

    @property
    def p95_ms(self) -> float:
        return percentile(self.times_ms, 0.95)

    @property
    def recall(self) -> float | None:
        return None if self.found is None else sum(self.found) / len(self.found)

    def subset(self, name: str, chosen: Sequence[bool]) -> "Measured":
        """The same measurements, for the queries marked in ``chosen`` only."""
        times = [t for t, keep in zip(self.times_ms, chosen, strict=True) if keep]
        found = self.found and [f for f, keep in zip(self.found, chosen, strict=True) if keep]
        return Measured(name, times, found, self.stolen)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(name: str, search: Searcher, queries: Sequence[Query]) -> Measured:
    """Time ``search`` over ``queries`` one after the other; whether each found the person."""
    times, found = [], []
    before = _cpu_ticks()
    for query in queries:
        started = time.perf_counter()
        numbers = search(query)
        times.append((time.perf_counter() - started) * 1000)
        found.append(query.expected in numbers[:TOP])
    return Measured(name, times, found, _stolen_since(before))


def timed_only(name: str, request: Callable[[Query], None], queries: Sequence[Query]) -> Measured:
    return replace(measure(name, _nobody(request), queries), found=None)


def _nobody(request: Callable[[Query], None]) -> Searcher:
    def searcher(query: Query) -> list[str]:
        request(query)
        return []

    return searcher


_STAT = Path("/proc/stat")


def _cpu_ticks() -> tuple[int, int] | None:
    """All CPU time and the time stolen by the hypervisor, in ticks (Linux only)."""
    if not _STAT.exists():
        return None
    fields = [int(value) for value in _STAT.read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields[:8]), fields[7]  # user … softirq, steal (guest time is within user)


def _stolen_since(before: tuple[int, int] | None) -> float | None:
    after = _cpu_ticks()
    if before is None or after is None or after[0] == before[0]:
        return None
    return (after[1] - before[1]) / (after[0] - before[0])
