"""Everyone overstaying on a date, computed set-based in DuckDB (never person by person)."""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

from umis.people.models import Person
from umis.stays.overstays.extract import crossings_up_to, entry_facts, load_small_tables

_HERE = Path(__file__).parent
# The statements of stays.sql, each ending with a semicolon at the end of its line.
STAYS = [
    s for s in re.split(r";\s*$", (_HERE / "stays.sql").read_text("utf-8"), flags=re.M) if s.strip()
]
QUERY = (_HERE / "query.sql").read_text(encoding="utf-8")


def present_on(on: date, *, threads: int = 2) -> pa.Table:
    """One row per person present on ``on``: days used, days allowed, days overstayed."""
    db = duckdb.connect(config={"threads": threads})
    try:
        db.register("crossings", crossings_up_to(on))
        for statement in STAYS:
            db.execute(statement, {"on": on})
        db.unregister("crossings")
        candidates = db.sql("SELECT seq FROM candidates").fetchnumpy()["seq"]
        db.register("facts", entry_facts(candidates.tolist()))
        load_small_tables(db)
        return db.sql(QUERY, params={"on": on}).to_arrow_table()
    finally:
        db.close()


@dataclass(frozen=True)
class Overstayer:
    person_id: int
    number: str
    nationality: str
    stay_entry: date
    days_used: int
    max_days: int
    overstay_days: int
    rule: str


def overstayers_on(on: date, *, nationality: str = "", min_days: int = 1) -> list[Overstayer]:
    """Everyone overstaying on ``on`` (most days over first), with person numbers."""
    table = present_on(on)
    rows = [
        r
        for r in table.to_pylist()
        if r["overstay_days"] >= max(min_days, 1)
        and (not nationality or r["nationality"] == nationality)
    ]
    rows.sort(key=lambda r: (-r["overstay_days"], r["person_id"]))
    numbers = _numbers([r["person_id"] for r in rows])
    return [
        Overstayer(
            person_id=r["person_id"],
            number=numbers.get(r["person_id"], ""),
            nationality=r["nationality"],
            stay_entry=r["stay_entry"],
            days_used=r["days_used"],
            max_days=r["max_days"],
            overstay_days=r["overstay_days"],
            rule=r["rule"] or "",
        )
        for r in rows
    ]


def _numbers(person_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(person_ids), 5000):
        chunk = person_ids[start : start + 5000]
        found.update(Person.objects.filter(pk__in=chunk).values_list("pk", "number"))
    return found
