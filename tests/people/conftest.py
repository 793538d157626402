"""Fixtures of the registry tests."""

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture
def in_english() -> Iterator[None]:
    """Messages raised outside a request come in English, so tests can read them."""
    with translation.override("en"):
        yield
