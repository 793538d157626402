"""Values of raw SQL rows read alike on PostgreSQL and SQLite.

A raw cursor gives PostgreSQL's dates as dates and SQLite's as ISO text; the
ORM converts, raw SQL on a hot path (a person's stay refresh) does it here.
"""

from datetime import date
from typing import overload


@overload
def as_date(value: None) -> None: ...
@overload
def as_date(value: str | date) -> date: ...
def as_date(value: str | date | None) -> date | None:
    """A date column's value as a date (None stays None)."""
    return date.fromisoformat(value) if isinstance(value, str) else value
