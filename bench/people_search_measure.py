"""Timing and scoring of one way of searching over the bench queries."""

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from people_search_queries import Query

TOP = 10

# A way of searching: the query in, the person numbers of its first results out.
Searcher = Callable[[Query], list[str]]


@dataclass(frozen=True)
class Measured:
    name: str
    times_ms: list[float]
    found: list[bool] | None  # per query: the person among the first ten (None: not checked)

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
        return Measured(name, times, found)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(name: str, search: Searcher, queries: Sequence[Query]) -> Measured:
    """Time ``search`` over ``queries`` one after the other; whether each found the person."""
    times, found = [], []
    for query in queries:
        started = time.perf_counter()
        numbers = search(query)
        times.append((time.perf_counter() - started) * 1000)
        found.append(query.expected in numbers[:TOP])
    return Measured(name, times, found)


def timed_only(name: str, request: Callable[[Query], None], queries: Sequence[Query]) -> Measured:
    times = []
    for query in queries:
        started = time.perf_counter()
        request(query)
        times.append((time.perf_counter() - started) * 1000)
    return Measured(name, times, None)
