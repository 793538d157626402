"""Choosing the rule and the visa that govern one entry."""

from collections.abc import Iterable, Sequence
from datetime import date

from umis.stays.engine.model import StayRule, Visa


def rule_for(
    rules: Iterable[StayRule], *, nationality: str, document_kind: str, day: date
) -> StayRule | None:
    """The most specific rule in force on ``day`` for this nationality and document.

    A rule naming the nationality beats a general one, naming the document kind
    beats not naming it, and among equals the latest version wins.
    """
    candidates = [r for r in rules if r.in_force_on(day) and r.fits(nationality, document_kind)]
    return max(candidates, key=lambda r: (r.specificity, r.code), default=None)


def visa_for(visas: Sequence[Visa], *, entry: date, earlier_entries: Sequence[date]) -> Visa | None:
    """A visa valid on ``entry`` with an entry left.

    Every earlier entry within a visa's validity is taken to have used that visa.
    """
    usable = [
        visa
        for visa in visas
        if visa.valid_from <= entry <= visa.valid_to
        and (
            visa.entries is None
            or sum(visa.valid_from <= e < entry for e in earlier_entries) < visa.entries
        )
    ]
    return max(usable, key=lambda v: (v.valid_to, v.stay_days, v.number), default=None)


def visa_limit(visa: Visa, entry: date) -> int:
    """Days a visa allows from ``entry``: its duration of stay, but never past its validity."""
    return min(visa.stay_days, (visa.valid_to - entry).days + 1)
