"""Dates that may be known only in part (year only, or year and month).

Many foreigners' documents give only a year of birth. A partial date is kept
as its known parts plus the first and last calendar day it can mean, so a
database range query (``low <= day <= high``) respects its precision: a person
born "in 1980" matches a search for 1980-05-12, for 1980, and for 1979 ± 1.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import total_ordering

from django.utils.translation import gettext as _

from umis.core.errors import UmisError

_PATTERN = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\s*$")


class InvalidPartialDate(UmisError):
    code = "invalid_date"


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """Ordered by the first day it can mean, then the narrower first (1980-01 < 1980)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise InvalidPartialDate(_("A day needs a month."))
        if not 1800 <= self.year <= 2200:
            raise InvalidPartialDate(_("The year %(year)s is not plausible.") % {"year": self.year})
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidPartialDate(_("The month must be between 01 and 12."))
        if self.day is not None:
            assert self.month is not None
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise InvalidPartialDate(
                    _("This month has days 01 to %(last)02d.") % {"last": last}
                )

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``; ``00`` stands for an unknown part."""
        match = _PATTERN.match(text)
        if not match:
            raise InvalidPartialDate(
                _("Write the date as YYYY-MM-DD, YYYY-MM or YYYY (00 for an unknown part).")
            )
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        month = month or None
        day = day or None if month else None
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: date) -> "PartialDate":
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def low(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def high(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.low, self.high) < (other.low, other.high)

    def to_date(self) -> date | None:
        return self.low if self.day else None

    def isoformat(self) -> str:
        """``1980-05-12``, ``1980-05`` or ``1980``."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def __str__(self) -> str:
        return self.isoformat()
