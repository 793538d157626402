"""Rate limits: read from the environment, counted per window, per subject and scope."""

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils import translation

from factories import MovableClock
from umis.core import throttle
from umis.core.models import AttemptCount
from umis.settings import env_rate

pytestmark = pytest.mark.django_db


def test_a_rate_reads_attempts_per_seconds_and_refuses_anything_else() -> None:
    assert env_rate("UMIS_RATE_X", "30/600", {}) == (30, 600)
    assert env_rate("UMIS_RATE_X", "30/600", {"UMIS_RATE_X": "5/60"}) == (5, 60)
    for wrong in ("5", "5/0", "five/60", "-1/60", "5/60s"):
        with pytest.raises(ImproperlyConfigured, match="UMIS_RATE_X must read attempts/seconds"):
            env_rate("UMIS_RATE_X", "30/600", {"UMIS_RATE_X": wrong})


def test_counts_are_kept_per_scope_and_subject_and_end_with_the_window(
    settings: Any, clock: MovableClock
) -> None:
    settings.UMIS_RATE_LIMITS = {"status": (2, 600), "verify": (2, 600)}
    clock.advance(minutes=4)  # 05:04 UTC: six minutes of the window left
    throttle.hit("status", "203.0.113.1")
    throttle.hit("status", "203.0.113.1")
    with pytest.raises(throttle.Throttled) as refused:
        throttle.hit("status", "203.0.113.1")
    assert refused.value.retry_after == 360
    with translation.override("en"):
        assert refused.value.message == (
            "Too many attempts. For your safety, wait 6 minutes and try again."
        )
    throttle.hit("status", "203.0.113.2")  # another client
    throttle.hit("verify", "203.0.113.1")  # another page
    clock.advance(minutes=6)  # 05:10: a new window
    throttle.hit("status", "203.0.113.1")


def test_counts_are_rows_and_opening_a_window_removes_those_that_are_over(
    settings: Any, clock: MovableClock
) -> None:
    settings.UMIS_RATE_LIMITS = {"status": (5, 600)}
    throttle.count("status", "203.0.113.1")
    throttle.hit("status", "203.0.113.1")
    assert list(AttemptCount.objects.values_list("attempts", flat=True)) == [2]
    clock.advance(minutes=10)
    throttle.count("status", "203.0.113.2")
    assert list(AttemptCount.objects.values_list("attempts", flat=True)) == [1]


def test_a_refused_attempt_is_not_counted_again(settings: Any) -> None:
    settings.UMIS_RATE_LIMITS = {"status": (1, 600)}
    throttle.count("status", "x")
    for _attempt in range(3):
        with pytest.raises(throttle.Throttled):
            throttle.check("status", "x")


def test_the_client_address_comes_from_the_proxy_header_only_when_configured(
    settings: Any,
) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5"
    )
    assert throttle.client_address(request) == "10.0.0.2"
    settings.UMIS_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    # the last address is the one the proxy saw; what comes before, the client wrote
    assert throttle.client_address(request) == "203.0.113.5"
    settings.UMIS_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert throttle.client_address(request) == "10.0.0.2"  # header absent: the socket's
