"""Which generated persons are near-duplicates of which: the answer key for matching.

The writer appends one JSON object per line (JSON Lines) to the truth file,
``demo-truth.jsonl`` in the data directory by default, for every near-duplicate
it inserts::

    {"seed": 2026, "duplicate_index": 16, "duplicate_number": "P00000001742",
     "original_index": 3, "original_number": "P00000000451", "variation": "romanisation"}

Indices are places in the population (see :mod:`.generator`); numbers are the
person numbers in the database. Benchmarks and the identity-resolution work read
it back with :func:`truth_read`.
"""

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

TRUTH_FILENAME = "demo-truth.jsonl"


@dataclass(frozen=True)
class DuplicateTruth:
    seed: int
    duplicate_index: int
    duplicate_number: str
    original_index: int
    original_number: str
    variation: str


def truth_append(path: Path, rows: Iterable[DuplicateTruth]) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.writelines(json.dumps(asdict(row)) + "\n" for row in rows)


def truth_read(path: Path) -> list[DuplicateTruth]:
    """Every near-duplicate recorded in ``path``; none when the file does not exist."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as file:
        return [DuplicateTruth(**json.loads(line)) for line in file if line.strip()]
