"""Moving the operational tables to DuckDB as Arrow, with no text in between.

The DuckDB PostgreSQL and SQLite scanners are not used. From PostgreSQL the
crossings leave once, in the binary ``COPY`` format, as fixed-width columns
that need no conversion on the server (person, id, day, time): every row then
has the same layout, and numpy reads the whole stream as one array. Entries and
exits come as two streams over two connections at once, both reading one
exported snapshot, unless the caller holds a transaction open, whose writes
other connections cannot see.

The nationality and document type of an entry decide the rule of a stay, but
only of the current one: they are read afterwards for those entries alone
(:func:`entry_facts`), not for ten million crossings.
"""

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from itertools import batched
from typing import Any

import duckdb
import numpy as np
import psycopg
import pyarrow as pa  # type: ignore[import-untyped]
from django.db import connection
from psycopg import pq
from psycopg.sql import SQL, Literal

from umis.stays.models import Crossing, StayExtension, StayRuleVersion, Visa
from umis.stays.providers import residence_periods

CROSSINGS = pa.schema([
    ("person_id", pa.int64()), ("seq", pa.int64()), ("entry", pa.bool_()),
    ("day", pa.date32()), ("ts", pa.int64()),
])  # fmt: skip
# Entries and exits apart: which one a row is needs no expression on the server
# (comparing the direction for every row cost more than a third of the copy).
_POSTGRESQL = (
    "SELECT person_id::int8, id::int8, day, at FROM {table} WHERE day <= %s AND direction = %s"
)
# SQLite keeps times as text; whole seconds order a person's crossings (then the id).
_SQLITE = (
    "SELECT person_id, id, CASE WHEN direction = 'entry' THEN 1 ELSE 0 END, "
    "CAST(julianday(day) - 2440587.5 AS INTEGER), "
    "CAST(round((julianday(at) - 2440587.5) * 86400.0) AS INTEGER) * 1000000 "
    "FROM {table} WHERE day <= %s AND direction <> 'refusal'"
)

# A binary COPY row: the field count, then each field's length and value, big-endian.
_ROW = np.dtype([
    ("fields", ">i2"),
    ("person_len", ">i4"), ("person_id", ">i8"),
    ("seq_len", ">i4"), ("seq", ">i8"),
    ("day_len", ">i4"), ("day", ">i4"),
    ("at_len", ">i4"), ("at", ">i8"),
])  # fmt: skip
_LENGTHS = {"person_len": 8, "seq_len": 8, "day_len": 4, "at_len": 8}
_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
_TRAILER = 2  # the field count -1 that ends the stream
# PostgreSQL counts dates in days and times in microseconds from 2000-01-01.
_DAYS_1970_TO_2000 = 10_957
_MICROSECONDS_1970_TO_2000 = _DAYS_1970_TO_2000 * 86_400 * 1_000_000


class CopyFailed(RuntimeError):
    """The server refused the copy, or sent something this reader does not expect."""


def _table_name() -> str:
    return connection.ops.quote_name(Crossing._meta.db_table)


def copy_binary(pgconn: pq.abc.PGconn, sql: str) -> bytearray:
    """The whole binary ``COPY (sql) TO STDOUT`` stream.

    libpq hands the rows over one by one: read here in a tight loop rather than
    through psycopg's copy object, whose per-row cost doubled the transfer.
    """
    pgconn.send_query(f"COPY ({sql}) TO STDOUT (FORMAT binary)".encode())
    result = pgconn.get_result()
    if result is None or result.status != pq.ExecStatus.COPY_OUT:
        message = result.error_message if result is not None else pgconn.error_message
        _drain(pgconn)
        raise CopyFailed(message.decode(errors="replace"))
    stream = bytearray()
    read = pgconn.get_copy_data
    while True:
        size, data = read(0)
        if size < 0:
            break
        stream += data
    errors = [r.error_message for r in _drain(pgconn) if r.status != pq.ExecStatus.COMMAND_OK]
    if size == -2 or errors:
        raise CopyFailed(b" ".join(errors).decode(errors="replace") or "copy interrupted")
    return stream


def _drain(pgconn: pq.abc.PGconn) -> list[pq.abc.PGresult]:
    results = []
    while (result := pgconn.get_result()) is not None:
        results.append(result)
    return results


def crossings_batch(stream: bytearray, *, entry: bool) -> pa.RecordBatch:
    """A binary COPY stream of entries (or exits) as Arrow columns."""
    if not stream.startswith(_SIGNATURE):
        raise CopyFailed("not a binary COPY stream")
    start = len(_SIGNATURE) + 8 + int.from_bytes(stream[15:19], "big")  # flags, extension
    size = len(stream) - start - _TRAILER
    if size % _ROW.itemsize:
        raise CopyFailed("rows of unexpected width (a null or another column type)")
    rows = np.frombuffer(stream, dtype=_ROW, count=size // _ROW.itemsize, offset=start)
    if not (rows["fields"] == len(_LENGTHS)).all() or any(
        not (rows[name] == width).all() for name, width in _LENGTHS.items()
    ):
        raise CopyFailed("rows of unexpected layout")
    columns = [
        pa.array(rows["person_id"].astype(np.int64)),
        pa.array(rows["seq"].astype(np.int64)),
        pa.array(np.full(len(rows), entry)),
        pa.array(rows["day"].astype(np.int32) + _DAYS_1970_TO_2000).cast(pa.date32()),
        pa.array(rows["at"].astype(np.int64) + _MICROSECONDS_1970_TO_2000),
    ]
    return pa.RecordBatch.from_arrays(columns, schema=CROSSINGS)


def _copy_apart(dsn: str, sql: str, snapshot: str) -> bytearray:
    """``sql`` copied on a connection of its own, reading ``snapshot``'s data."""
    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        db.execute(SQL("SET TRANSACTION SNAPSHOT {}").format(Literal(snapshot)))
        stream = copy_binary(db.pgconn, sql)
        db.execute("COMMIT")
        return stream


def _dsn() -> str:
    dsn: str = connection.connection.info.dsn
    password = connection.settings_dict.get("PASSWORD")
    return f"{dsn} password={password}" if password else dsn


def _copy_together(sqls: list[str]) -> list[bytearray]:
    """Each of ``sqls`` on its own connection at once, all reading one snapshot: a batch
    of crossings committed meanwhile is in every stream or in none."""
    dsn = _dsn()
    with psycopg.connect(dsn, autocommit=True) as lead:
        lead.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = lead.execute("SELECT pg_export_snapshot()").fetchone()
        assert snapshot is not None
        with ThreadPoolExecutor(len(sqls)) as pool:  # the lead's snapshot lives until then
            streams = list(
                pool.map(_copy_apart, [dsn] * len(sqls), sqls, [snapshot[0]] * len(sqls))
            )
        lead.execute("COMMIT")
    return streams


def _from_postgresql(on: date) -> list[pa.RecordBatch]:
    """Entries and exits, over two connections at once outside a transaction."""
    select = _POSTGRESQL.format(table=_table_name())
    with connection.cursor() as cursor:
        sqls = [cursor.mogrify(select, [on, direction]) for direction in ("entry", "exit")]
        if connection.in_atomic_block:
            streams = [copy_binary(connection.connection.pgconn, sql) for sql in sqls]
        else:
            streams = _copy_together(sqls)
    return [crossings_batch(s, entry=e) for s, e in zip(streams, (True, False), strict=True)]


def _from_sqlite(on: date) -> pa.RecordBatch:
    with connection.cursor() as cursor:
        cursor.execute(_SQLITE.format(table=_table_name()), [on])
        person, seq, entry, day, ts = list(zip(*cursor.fetchall(), strict=True)) or [()] * 5
    columns = [
        pa.array(person, pa.int64()),
        pa.array(seq, pa.int64()),
        pa.array([bool(e) for e in entry], pa.bool_()),
        pa.array(day, pa.int32()).cast(pa.date32()),
        pa.array(ts, pa.int64()),
    ]
    return pa.RecordBatch.from_arrays(columns, schema=CROSSINGS)


def crossings_up_to(on: date) -> pa.Table:
    """Every entry and exit up to ``on``: person, id, entry or not, day, time (microseconds)."""
    batches = _from_postgresql(on) if connection.vendor == "postgresql" else [_from_sqlite(on)]
    return pa.Table.from_batches(batches, schema=CROSSINGS)


def entry_facts(ids: list[int]) -> pa.Table:
    """The nationality and document type of the entries with these ids."""
    rows: list[tuple[int, str, str]] = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            facts = "SELECT id, nationality, document_kind FROM {table} WHERE id = ANY(%s)"
            cursor.execute(facts.format(table=_table_name()), [ids])
            rows = cursor.fetchall()
    else:
        for chunk in batched(ids, 500):
            query = Crossing.objects.filter(pk__in=chunk)
            rows.extend(query.values_list("pk", "nationality", "document_kind"))
    seq, nationality, document_kind = list(zip(*rows, strict=True)) or [()] * 3
    return pa.table({
        "seq": pa.array(seq, pa.int64()),
        "nationality": pa.array(nationality, pa.string()),
        "document_kind": pa.array(document_kind, pa.string()),
    })  # fmt: skip


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
