"""Residence-permit periods from the app that issues permits, without naming it.

The permits app registers a provider at start-up; the engine treats each
period it yields as a lawful stay whose days are not counted.
"""

from collections.abc import Callable, Collection, Iterable
from datetime import date
from typing import Literal, NamedTuple


class ResidencePeriod(NamedTuple):
    person_id: int
    kind: Literal["TRP", "PRP"]
    valid_from: date
    valid_to: date


# Called with the person ids wanted, or None for every person (the daily and
# set-based computations); yields the periods of those persons.
ResidenceProvider = Callable[[Collection[int] | None], Iterable[ResidencePeriod]]

_providers: list[ResidenceProvider] = []


def register_residence_provider(fn: ResidenceProvider) -> None:
    """Add a source of TRP/PRP periods (registering the same function twice is a no-op)."""
    if fn not in _providers:
        _providers.append(fn)


def residence_periods(person_ids: Collection[int] | None) -> list[ResidencePeriod]:
    """Every registered provider's periods for ``person_ids`` (None: everyone)."""
    return [period for provider in _providers for period in provider(person_ids)]
