"""Requests counting one client at once, each on its own database connection as in
separate server processes: no attempt is lost, and none passes the limit."""

from typing import Any

import pytest

from concurrency import run_together
from factories import MovableClock
from umis.core import throttle
from umis.core.models import AttemptCount

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 8
ATTEMPTS_EACH = 10
LIMIT = 50


def test_attempts_made_together_are_all_counted_and_at_most_the_limit_pass(
    settings: Any, clock: MovableClock
) -> None:
    # given a limit of fifty attempts, and eight workers trying ten times each at once
    settings.UMIS_RATE_LIMITS = {"verify": (LIMIT, 600)}
    passed: list[int] = []

    def attempts() -> None:
        for n in range(ATTEMPTS_EACH):
            try:
                throttle.hit("verify", "203.0.113.1")
            except throttle.Throttled:
                continue
            passed.append(n)

    # when they run together, each with its own database connection
    errors = run_together([attempts] * WORKERS)

    # then all eighty attempts are counted, and no more than fifty got through
    assert errors == []
    assert AttemptCount.objects.get().attempts == WORKERS * ATTEMPTS_EACH
    assert 0 < len(passed) <= LIMIT
