import sys
from pathlib import Path

import pytest

# The permits tests' factories serve the portal tests too.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "permits"))

from permit_factories import plain_march

from factories import MovableClock

__all__ = ["plain_march"]


@pytest.fixture(autouse=True)
def _march(plain_march: MovableClock) -> MovableClock:
    return plain_march
