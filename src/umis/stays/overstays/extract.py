"""Moving the operational tables to DuckDB: PostgreSQL COPY or an SQLite cursor to CSV.

The DuckDB PostgreSQL and SQLite scanners are not used: the crossings leave the
database once, as CSV written by the database itself (``COPY ... TO STDOUT``
on PostgreSQL), and DuckDB reads the files in parallel.

Only what the overstays query needs leaves PostgreSQL, as small integers where
possible: days since 2000-01-01, the seconds of the crossing counted from that
day (for the order of crossings on one day), and the document's nationality and
type on entries only. The table is read in two halves of its pages (TID range
scans) over two connections at once, unless the caller holds a transaction open,
whose writes other connections cannot see.
"""

import csv
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pyarrow as pa  # type: ignore[import-untyped]
from django.db import connection

from umis.stays.models import Crossing, StayExtension, StayRuleVersion, Visa
from umis.stays.providers import residence_periods

CROSSING_COLUMNS = {
    "person_id": "BIGINT",
    "seq": "BIGINT",
    "dir": "VARCHAR",
    "dayn": "INTEGER",
    "secs": "INTEGER",
    "nationality": "VARCHAR",
    "document_kind": "VARCHAR",
}
_SELECT = {
    "postgresql": (
        "SELECT person_id, id, CASE WHEN direction = 'entry' THEN 'n' ELSE 'x' END, "
        "day - date '2000-01-01', "
        "date_part('epoch', at)::bigint - (day - date '2000-01-01') * 86400 - 946684800, "
        "CASE WHEN direction = 'entry' THEN nationality END, "
        "CASE WHEN direction = 'entry' THEN document_kind END "
        "FROM {table} WHERE day <= %s AND direction <> 'refusal'"
    ),
    "sqlite": (
        "SELECT person_id, id, CASE WHEN direction = 'entry' THEN 'n' ELSE 'x' END, "
        "CAST(julianday(day) - julianday('2000-01-01') AS INTEGER), "
        "CAST(round((julianday(at) - julianday(day)) * 86400.0) AS INTEGER), "
        "nationality, document_kind FROM {table} WHERE day <= %s AND direction <> 'refusal'"
    ),
}
_HALVES = ("ctid < %s::tid", "ctid >= %s::tid")


def _crossings() -> str:
    return connection.ops.quote_name(Crossing._meta.db_table)


def _copy(cursor: Any, sql: str, path: Path) -> None:
    with path.open("wb") as out, cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy:
        for chunk in copy:
            out.write(chunk)


def _copy_apart(dsn: str, sql: str, path: Path) -> None:
    with psycopg.connect(dsn) as db:
        _copy(db.cursor(), sql, path)


def _dsn() -> str:
    dsn: str = connection.connection.info.dsn
    password = connection.settings_dict.get("PASSWORD")
    return f"{dsn} password={password}" if password else dsn


def _postgresql_to_csv(on: date, work: Path) -> list[Path]:
    select = _SELECT["postgresql"].format(table=_crossings())
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            path = work / "crossings.csv"
            _copy(cursor.cursor, cursor.mogrify(select, [on]), path)
            return [path]
        cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [
            Crossing._meta.db_table
        ])  # fmt: skip
        middle = f"({cursor.fetchone()[0] // 2 + 1},0)"
        sqls = [cursor.mogrify(f"{select} AND {half}", [on, middle]) for half in _HALVES]
    paths = [work / f"crossings-{n}.csv" for n in range(len(sqls))]
    with ThreadPoolExecutor(len(sqls)) as pool:
        list(pool.map(_copy_apart, [_dsn()] * len(sqls), sqls, paths))
    return paths


def crossings_to_csv(on: date, work: Path) -> list[Path]:
    """Write the entries and exits up to ``on`` as headerless CSV files in ``work``."""
    if connection.vendor == "postgresql":
        return _postgresql_to_csv(on, work)
    path = work / "crossings.csv"
    with connection.cursor() as cursor, path.open("w", newline="") as out:
        cursor.execute(_SELECT["sqlite"].format(table=_crossings()), [on])
        writer = csv.writer(out)
        while rows := cursor.fetchmany(10_000):
            writer.writerows(rows)
    return [path]


def load_crossings(db: duckdb.DuckDBPyConnection, paths: list[Path]) -> None:
    db.execute(
        "CREATE TABLE crossings AS SELECT person_id, seq, "
        "CASE dir WHEN 'n' THEN 'entry' ELSE 'exit' END AS direction, "
        "DATE '2000-01-01' + dayn AS day, dayn::BIGINT * 86400 + secs AS ts, "
        "coalesce(nationality, '') AS nationality, coalesce(document_kind, '') AS document_kind "
        "FROM read_csv("
        "$paths, header=false, columns=$columns, auto_detect=false, delim=',', quote='\"')",
        {"paths": [str(p) for p in paths], "columns": CROSSING_COLUMNS},
    )


def _table(
    db: duckdb.DuckDBPyConnection, name: str, rows: Iterable[tuple[Any, ...]], schema: pa.Schema
) -> None:
    columns: list[Any] = list(zip(*rows, strict=True)) or [[] for _ in schema]
    table = pa.table(
        [pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)], schema=schema
    )
    db.from_arrow(table).create(name)


def load_small_tables(db: duckdb.DuckDBPyConnection) -> None:
    """Rules, visas and lawful-stay periods: small enough to go through Arrow directly."""
    rule_rows = [
        (r.nationality_id or "", r.document_kind, r.kind, r.max_days, r.window_days,
         r.requires_visa, r.effective_from, r.effective_to, f"{r.code} v{r.version}")
        for r in StayRuleVersion.objects.all()
    ]  # fmt: skip
    _table(db, "rules", rule_rows, pa.schema([
        ("nationality", pa.string()), ("document_kind", pa.string()), ("kind", pa.string()),
        ("max_days", pa.int32()), ("window_days", pa.int32()), ("requires_visa", pa.bool_()),
        ("effective_from", pa.date32()), ("effective_to", pa.date32()), ("code", pa.string()),
    ]))  # fmt: skip
    visa_rows = Visa.objects.values_list(
        "person_id", "number", "valid_from", "valid_to", "stay_days", "entries"
    )
    _table(db, "visas", visa_rows, pa.schema([
        ("person_id", pa.int64()), ("number", pa.string()), ("valid_from", pa.date32()),
        ("valid_to", pa.date32()), ("stay_days", pa.int32()), ("entries", pa.int32()),
    ]))  # fmt: skip
    periods = [
        *((p, s, e, "extension")
          for p, s, e in StayExtension.objects.values_list("person_id", "valid_from", "valid_to")),
        *((p.person_id, p.valid_from, p.valid_to, p.kind) for p in residence_periods(None)),
    ]  # fmt: skip
    _table(db, "exempt_raw", periods, pa.schema([
        ("person_id", pa.int64()), ("s", pa.date32()), ("e", pa.date32()), ("kind", pa.string()),
    ]))  # fmt: skip
