from collections.abc import Iterator
from datetime import date

import pytest

from umis.stays import providers
from umis.stays.providers import ResidencePeriod


@pytest.fixture
def trp_holders() -> Iterator[set[int]]:
    """Persons holding a TRP from 2026-04-01 to 2026-05-20, as the permits app would say."""
    holders: set[int] = set()

    def provider(person_ids: object) -> list[ResidencePeriod]:
        return [ResidencePeriod(p, "TRP", date(2026, 4, 1), date(2026, 5, 20)) for p in holders]

    providers.register_residence_provider(provider)
    yield holders
    providers._providers.remove(provider)
