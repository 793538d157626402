"""Counting attempts at public pages, so that guessing stays slow.

A receipt number with a date of birth, a permit number, a password or an
authenticator code can each be guessed by trying often enough. Every limit
(settings ``UMIS_RATE_LIMITS``) is a number of attempts in a fixed window of
seconds, counted in Django's default cache per subject: a client address, a
receipt number, an account. Subjects are hashed before they become cache keys.
"""

import hashlib
import math

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import ngettext

from umis.core import clock

TOO_MANY_REQUESTS = 429


class Throttled(Exception):
    """Too many attempts; ``retry_after`` seconds until the window ends."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after

    @property
    def message(self) -> str:
        minutes = max(1, math.ceil(self.retry_after / 60))
        return ngettext(
            "Too many attempts. For your safety, wait %(minutes)d minute and try again.",
            "Too many attempts. For your safety, wait %(minutes)d minutes and try again.",
            minutes,
        ) % {"minutes": minutes}


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the proxy's header when one is configured."""
    header = settings.UMIS_CLIENT_IP_HEADER
    forwarded = str(request.META.get(header, "")) if header else ""
    if forwarded.strip():
        # A proxy appends the address it saw; whatever comes before came from the client.
        return forwarded.split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def _window(scope: str, subject: str) -> tuple[str, int, int]:
    """The cache key of this window, the attempts allowed in it and its seconds left."""
    attempts, seconds = settings.UMIS_RATE_LIMITS[scope]
    now = int(clock.now().timestamp())
    start = now - now % seconds
    digest = hashlib.sha256(f"{scope}\0{subject}".encode()).hexdigest()[:32]
    return f"umis:throttle:{scope}:{digest}:{start}", attempts, start + seconds - now


def check(scope: str, subject: str) -> None:
    """Refuse with ``Throttled`` once ``subject`` has used up this window's attempts."""
    key, attempts, left = _window(scope, subject)
    if cache.get(key, 0) >= attempts:
        raise Throttled(left)


def count(scope: str, subject: str) -> None:
    """Count one attempt of ``subject`` in the current window."""
    key, _attempts, left = _window(scope, subject)
    if not cache.add(key, 1, timeout=left + 1):
        try:
            cache.incr(key)
        except ValueError:  # the window ran out between add and incr
            cache.set(key, 1, timeout=left + 1)


def hit(scope: str, subject: str) -> None:
    """Check, then count: for attempts that count whether they succeed or not."""
    check(scope, subject)
    count(scope, subject)


def refused_response(response: HttpResponse, refused: Throttled) -> HttpResponse:
    """``response`` (the page with the message in it) as a 429 with ``Retry-After``."""
    response.status_code = TOO_MANY_REQUESTS
    response["Retry-After"] = str(refused.retry_after)
    return response
