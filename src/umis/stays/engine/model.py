"""The engine's vocabulary: plain, immutable values with no database behind them."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


def _(message: str) -> str:
    """Mark an explanation for translation; the web layer translates it when shown."""
    return message


class RuleKind(StrEnum):
    PER_ENTRY = "per_entry"
    ROLLING = "rolling"


class Basis(StrEnum):
    """What makes (or would make) the current stay lawful."""

    ABSENT = "absent"
    VISA_FREE = "visa_free"
    VISA = "visa"
    NO_VISA = "no_visa"
    TRP = "TRP"
    PRP = "PRP"
    EXTENSION = "extension"


@dataclass(frozen=True)
class StayRule:
    """One version of a stay rule; ``effective_to`` is the first day it no longer applies."""

    kind: RuleKind
    max_days: int
    window_days: int = 0
    requires_visa: bool = False
    nationality: str = ""  # ISO alpha-3; empty: every nationality
    document_kind: str = ""  # empty: every travel document
    effective_from: date = date.min
    effective_to: date | None = None
    registration_after_days: int = 15
    registration_within_days: int = 15
    address_change_working_days: int = 5
    code: str = ""

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day < self.effective_to)

    def fits(self, nationality: str, document_kind: str) -> bool:
        return self.nationality in ("", nationality) and self.document_kind in ("", document_kind)

    @property
    def specificity(self) -> tuple[bool, bool, date]:
        return (bool(self.nationality), bool(self.document_kind), self.effective_from)


@dataclass(frozen=True)
class Stay:
    """One entry and its exit as crossed; either may be missing (partial data).

    ``order`` is the place of the stay's first crossing among the person's
    crossings in time order, when the records give it: of two stays begun on the
    same day, the later one is the one the person is in.
    """

    entry: date | None
    exit: date | None
    nationality: str = ""
    document_kind: str = ""
    order: int = -1


@dataclass(frozen=True)
class Period:
    """A lawful-stay basis whose days are not counted: a TRP, a PRP or an extension."""

    kind: Basis
    valid_from: date
    valid_to: date


@dataclass(frozen=True)
class Visa:
    number: str
    valid_from: date
    valid_to: date
    stay_days: int
    entries: int | None = 1  # None: multiple entries


@dataclass(frozen=True)
class Registration:
    """A registration at a place of stay, from ``valid_from`` to ``valid_to`` (open: None)."""

    valid_from: date
    valid_to: date | None = None


@dataclass(frozen=True)
class Explanation:
    """One sentence of the explanation: an English template and its values."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.message % self.params if self.params else self.message


@dataclass(frozen=True)
class StayStatus:
    on: date
    present: bool
    basis: Basis
    rule: StayRule | None
    stay_entry: date | None
    days_used: int
    max_days: int | None
    overstay_days: int
    lawful_until: date | None
    registration_due_on: date | None
    registration_met: bool | None
    explanation: tuple[Explanation, ...]


@dataclass(frozen=True)
class Plan:
    entry: date
    max_days_from_entry: int | None  # None: no limit (a residence permit covers it)
    last_legal_day: date | None
    explanation: tuple[Explanation, ...]
