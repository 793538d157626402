"""Writing a batch of checked crossings in a few statements.

PostgreSQL: ``COPY`` into a temporary staging table, then one ``INSERT … SELECT
… ON CONFLICT DO NOTHING RETURNING``; SQLite: one multi-row ``INSERT … ON
CONFLICT DO NOTHING`` per chunk. Either way a record already stored (same
agency, same source reference) is left as it was and not returned.
"""

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from django.db import connection

from umis.core import clock
from umis.core.sql import fetch_prepared, in_list, list_param
from umis.people.models import Person
from umis.stays.models import Crossing

COLUMNS = (
    "person_id",
    "direction",
    "at",
    "day",
    "point_id",
    "document_kind",
    "document_number",
    "nationality",
    "purpose",
    "source",
    "source_ref",
    "created_at",
)
_STAGING = "stays_crossing_in"
# SQLite allows 32,766 parameters in a statement.
_SQLITE_ROWS = 2000


class CrossingRow(NamedTuple):
    person_id: int
    direction: str
    at: datetime
    day: date
    point_id: str | None
    document_kind: str
    document_number: str
    nationality: str
    purpose: str
    source_ref: str


def persons_by_number(numbers: Collection[str]) -> dict[str, int]:
    """Person ids by person number; a merged record answers with the person it joined."""
    if not numbers:
        return {}
    q = connection.ops.quote_name
    rows = fetch_prepared(
        f"SELECT number, id, merged_into_id FROM {q(Person._meta.db_table)} "  # noqa: S608
        f"WHERE {in_list('number')}",
        [list_param(sorted(numbers))],
    )
    found = {number: merged or pk for number, pk, merged in rows}
    pending = {n for n, _, merged in rows if merged}
    while pending:  # a merge of a merge: follow the chain to its end
        chain = dict(
            Person.objects.filter(pk__in={found[n] for n in pending}).values_list(
                "pk", "merged_into_id"
            )
        )
        for number in list(pending):
            if chain.get(found[number]):
                found[number] = chain[found[number]]
            else:
                pending.discard(number)
    return found


class StoredCrossing(NamedTuple):
    id: int
    person_id: int


def crossings_store(*, source: str, rows: Sequence[CrossingRow]) -> list[StoredCrossing]:
    """Insert ``rows`` from ``source``; the id and person of each row actually inserted."""
    if not rows:
        return []
    if connection.vendor == "postgresql":
        return _store_postgresql(source, rows)
    return _store_sqlite(source, rows)


def _table() -> str:
    return connection.ops.quote_name(Crossing._meta.db_table)


def _store_postgresql(source: str, rows: Sequence[CrossingRow]) -> list[StoredCrossing]:
    columns = ", ".join(COLUMNS)
    now = clock.now()
    with connection.cursor() as cursor:
        staging = f"AS SELECT {columns} FROM {_table()} WITH NO DATA"  # noqa: S608
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGING} ON COMMIT DELETE ROWS {staging}"
        )
        with cursor.cursor.copy(f"COPY {_STAGING} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((*row[:9], source, row.source_ref, now))
        cursor.execute(
            f"INSERT INTO {_table()} ({columns}) SELECT {columns} FROM {_STAGING} "  # noqa: S608
            "ON CONFLICT (source, source_ref) DO NOTHING RETURNING id, person_id"
        )
        inserted = [StoredCrossing(*row) for row in cursor.fetchall()]
        # Emptied at commit; emptied now too for a caller's longer transaction.
        cursor.execute(f"DELETE FROM {_STAGING}")  # noqa: S608
    return inserted


def _store_sqlite(source: str, rows: Sequence[CrossingRow]) -> list[StoredCrossing]:
    inserted: list[StoredCrossing] = []
    now = clock.now()
    placeholders = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _SQLITE_ROWS):
            chunk = rows[start : start + _SQLITE_ROWS]
            params: list[Any] = []
            for row in chunk:
                params += [
                    row.person_id,
                    row.direction,
                    connection.ops.adapt_datetimefield_value(row.at),
                    connection.ops.adapt_datefield_value(row.day),
                    *row[4:9],
                    source,
                    row.source_ref,
                    connection.ops.adapt_datetimefield_value(now),
                ]
            values = ", ".join([placeholders] * len(chunk))
            cursor.execute(
                f"INSERT INTO {_table()} ({', '.join(COLUMNS)}) VALUES {values} "  # noqa: S608
                "ON CONFLICT (source, source_ref) DO NOTHING RETURNING id, person_id",
                params,
            )
            inserted += [StoredCrossing(*row) for row in cursor.fetchall()]
    return inserted
