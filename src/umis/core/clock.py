"""The one place the system asks what time it is, so tests can move time."""

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today() -> date:
    """Today's date in the service's own time zone (Asia/Baku)."""
    return timezone.localdate(now())
