"""What the MRZ parser and builders share: alphabet, check digits, errors, dates."""

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

FILLER: Final = "<"
ALPHABET: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
_WEIGHTS: Final = (7, 3, 1)

type MRZFormat = Literal["TD1", "TD2", "TD3"]
type Sex = Literal["M", "F", "X"]
type MRZErrorCode = Literal[
    "line_count",
    "line_length",
    "bad_character",
    "check_digit_document_number",
    "check_digit_birth_date",
    "check_digit_expiry_date",
    "check_digit_optional",
    "check_digit_composite",
    "bad_date",
    "bad_sex",
]


def check_digit(text: str) -> str:
    """The Doc 9303 part 3 (section 4.9) check digit of ``text``.

    Each character has a value (digits their own, A-Z 10-35, ``<`` 0); the values
    are multiplied by the weights 7, 3, 1 repeating, and the digit is the sum
    modulo 10. Raises ``ValueError`` for a character outside the MRZ alphabet.
    """
    total = 0
    for index, char in enumerate(text):
        total += _value(char) * _WEIGHTS[index % 3]
    return str(total % 10)


def _value(char: str) -> int:
    if char not in ALPHABET:
        raise ValueError(f"{char!r} is not an MRZ character (A-Z, 0-9, <)")
    if char.isdigit():
        return int(char)
    return 0 if char == FILLER else ord(char) - ord("A") + 10


@dataclass(frozen=True, slots=True)
class MRZIssue:
    """One problem in an MRZ: a stable ``code`` for the UI to translate, an English
    ``message`` naming the field and what was expected and found, and the 1-based
    ``line`` and ``column`` where it is (0 when it concerns the whole text)."""

    code: MRZErrorCode
    message: str
    line: int
    column: int


class MRZError(ValueError):
    """An MRZ that cannot be read; carries the :class:`MRZIssue` fields."""

    def __init__(self, code: MRZErrorCode, message: str, line: int, column: int) -> None:
        super().__init__(f"{message} (line {line}, column {column})")
        self.code: MRZErrorCode = code
        self.message = message
        self.line = line
        self.column = column

    @classmethod
    def from_issue(cls, issue: MRZIssue) -> "MRZError":
        return cls(issue.code, issue.message, issue.line, issue.column)

    @property
    def issue(self) -> MRZIssue:
        return MRZIssue(self.code, self.message, self.line, self.column)


@dataclass(frozen=True, slots=True)
class MRZDate:
    """A date of birth as an MRZ gives it: any of its parts may be unknown (``<<``).

    Doc 9303 part 3 (section 4.8) lets the issuer fill the unknown parts of a date
    of birth with ``<``; each unknown part is ``None`` here.
    """

    year: int | None
    month: int | None
    day: int | None

    @classmethod
    def from_date(cls, value: date) -> "MRZDate":
        return cls(value.year, value.month, value.day)

    @property
    def is_complete(self) -> bool:
        return None not in (self.year, self.month, self.day)

    def as_date(self) -> date | None:
        """The date, when all three parts are known."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


def date_field(value: date | MRZDate) -> str:
    """``YYMMDD`` for a date, with ``<<`` for each unknown part of an :class:`MRZDate`."""
    if isinstance(value, date):
        value = MRZDate.from_date(value)
    parts = (
        None if value.year is None else value.year % 100,
        value.month,
        value.day,
    )
    return "".join(FILLER * 2 if part is None else f"{part:02d}" for part in parts)


def birth_year(two_digits: int, month: int | None, day: int | None, today: date) -> int:
    """The most recent year ending in ``two_digits`` whose date is not after ``today``."""
    year = today.year - (today.year - two_digits) % 100
    if year == today.year and month is not None and (month, day or 1) > (today.month, today.day):
        year -= 100
    return year


def expiry_year(two_digits: int, today: date) -> int:
    """The year ending in ``two_digits`` within [today.year - 50, today.year + 50).

    Doc 9303 writes two-digit years; an expiry date lies at most 50 years away
    from today in either direction (documents expire within ten years of issue,
    and an officer may still read one that expired long ago).
    """
    first = today.year - 50
    return first + (two_digits - first) % 100


def days_in_month(year: int | None, month: int) -> int:
    """Days in the month; an unknown year counts as a leap year (29 February stays valid)."""
    return calendar.monthrange(2000 if year is None else year, month)[1]
