"""Counting attempts at public pages, so that guessing stays slow.

A receipt number with a date of birth, a permit number, a password or an
authenticator code can each be guessed by trying often enough. Every limit
(settings ``UMIS_RATE_LIMITS``) is a number of attempts in a fixed window of
seconds, counted per subject (a client address, a receipt number, an account) in
the database table of ``AttemptCount``, which every server process shares. Subjects
are hashed before they become keys.
"""

import hashlib
import math
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils.translation import ngettext

from umis.core import clock
from umis.core.models import AttemptCount

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
    """The key of this window, the attempts allowed in it and its seconds left."""
    attempts, seconds = settings.UMIS_RATE_LIMITS[scope]
    now = int(clock.now().timestamp())
    start = now - now % seconds
    digest = hashlib.sha256(f"{scope}\0{subject}".encode()).hexdigest()[:32]
    return f"{scope}:{digest}:{start}", attempts, start + seconds - now


def _used(key: str) -> int:
    return AttemptCount.objects.filter(key=key).values_list("attempts", flat=True).first() or 0


def _add_one(key: str, left: int) -> None:
    """One more attempt in window ``key``, as one UPDATE so no process's count is lost."""
    if AttemptCount.objects.filter(key=key).update(attempts=F("attempts") + 1):
        return
    now = clock.now()
    AttemptCount.objects.filter(ends_at__lte=now).delete()  # windows that are over
    _row, opened = AttemptCount.objects.get_or_create(
        key=key, defaults={"attempts": 1, "ends_at": now + timedelta(seconds=left)}
    )
    if not opened:  # another process opened this window in the meantime
        AttemptCount.objects.filter(key=key).update(attempts=F("attempts") + 1)


def check(scope: str, subject: str) -> None:
    """Refuse with ``Throttled`` once ``subject`` has used up this window's attempts."""
    key, attempts, left = _window(scope, subject)
    if _used(key) >= attempts:
        raise Throttled(left)


def count(scope: str, subject: str) -> None:
    """Count one attempt of ``subject`` in the current window."""
    key, _attempts, left = _window(scope, subject)
    _add_one(key, left)


def hit(scope: str, subject: str) -> None:
    """Count, then refuse past the limit: for attempts that count whether they succeed or not.

    Counting first means requests arriving together cannot all pass one check.
    """
    key, attempts, left = _window(scope, subject)
    _add_one(key, left)
    if _used(key) > attempts:
        raise Throttled(left)


def refused_response(response: HttpResponse, refused: Throttled) -> HttpResponse:
    """``response`` (the page with the message in it) as a 429 with ``Retry-After``."""
    response.status_code = TOO_MANY_REQUESTS
    response["Retry-After"] = str(refused.retry_after)
    return response
