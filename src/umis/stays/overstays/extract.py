"""Moving the operational tables to DuckDB: PostgreSQL COPY or an SQLite cursor to CSV.

The DuckDB PostgreSQL and SQLite scanners are not used: the crossings leave the
database once, as CSV written by the database itself (``COPY ... TO STDOUT``
on PostgreSQL), and DuckDB reads that file in parallel.
"""

import csv
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
from django.db import connection

from umis.stays.models import Crossing, StayExtension, StayRuleVersion, Visa
from umis.stays.providers import residence_periods

CROSSING_COLUMNS = {
    "person_id": "BIGINT",
    "seq": "BIGINT",
    "direction": "VARCHAR",
    "day": "DATE",
    "ts": "DOUBLE",
    "nationality": "VARCHAR",
    "document_kind": "VARCHAR",
}
_SELECT = (
    "SELECT person_id, id, direction, day, {ts}, nationality, document_kind FROM {table} "
    "WHERE day <= %s AND direction <> 'refusal'"
)
_TS = {
    "postgresql": "extract(epoch from at)::float8",
    "sqlite": "(julianday(at) - 2440587.5) * 86400.0",
}


def _crossings_sql() -> str:
    ts = _TS.get(connection.vendor, _TS["sqlite"])
    return _SELECT.format(ts=ts, table=connection.ops.quote_name(Crossing._meta.db_table))


def crossings_to_csv(on: date, path: Path) -> None:
    """Write every entry and exit up to ``on`` to ``path`` as headerless CSV."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = cursor.mogrify(_crossings_sql(), [on])
            raw = cursor.cursor
            with (
                path.open("wb") as out,
                raw.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy,
            ):
                for chunk in copy:
                    out.write(chunk)
            return
        cursor.execute(_crossings_sql(), [on])
        with path.open("w", newline="") as out:
            writer = csv.writer(out)
            while rows := cursor.fetchmany(10_000):
                writer.writerows(rows)


def load_crossings(db: duckdb.DuckDBPyConnection, path: Path) -> None:
    db.execute(
        "CREATE TABLE crossings AS SELECT * FROM read_csv("
        "$path, header=false, columns=$columns, auto_detect=false, delim=',', quote='\"')",
        {"path": str(path), "columns": CROSSING_COLUMNS},
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
        *StayExtension.objects.values_list("person_id", "valid_from", "valid_to"),
        *((p.person_id, p.valid_from, p.valid_to) for p in residence_periods(None)),
    ]
    _table(db, "exempt_raw", periods, pa.schema([
        ("person_id", pa.int64()), ("s", pa.date32()), ("e", pa.date32()),
    ]))  # fmt: skip
