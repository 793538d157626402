"""The daily refresh of every stored stay status, set-based.

DuckDB computes everyone present today (the overstays query); the figures go
back in bulk (``COPY`` on PostgreSQL) into a staging table and from there into
the stored statuses with one upsert. What only the engine gives (lawful until,
registration due) does not change from one day to the next while nothing new is
recorded, so it is kept; the engine runs, in batches, only for the persons whose
stay began or ended, or whose registration deadline passed or place of stay
ended, since their status was last stored (normally none: recording a crossing
refreshes the person at once).
"""

import io
from dataclasses import dataclass
from datetime import date

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.csv as pa_csv  # type: ignore[import-untyped]
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

from umis.core import clock
from umis.stays.models import PlaceOfStayRegistration, StayStatus
from umis.stays.overstays import present_on
from umis.stays.refresh import BATCH, statuses_refresh

STAGING = "stays_status_in"
STAGED = ("person_id", "nationality", "stay_entry", "rule", "days_used", "max_days",
          "overstay_days", "basis")  # fmt: skip
_STAGING_TYPES = ("bigint", "varchar(3)", "date", "varchar(60)", "integer", "integer",
                  "integer", "varchar(10)")  # fmt: skip


@dataclass(frozen=True)
class DailyResult:
    on: date
    present: int
    overstaying: int
    # Persons whose stay began or ended, or whose registration fell due or place of stay
    # ended, since their status was stored: the engine computes them (unless catch_up=False).
    stale: int


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _stage(cursor: CursorWrapper, table: pa.Table) -> None:
    columns = ", ".join(f"{n} {t}" for n, t in zip(STAGED, _STAGING_TYPES, strict=True))
    cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
    cursor.execute(f"CREATE TEMPORARY TABLE {STAGING} ({columns})")
    table = table.select(list(STAGED))
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        pa_csv.write_csv(table, buffer, pa_csv.WriteOptions(include_header=False))
        copy_sql = f"COPY {STAGING} FROM STDIN (FORMAT csv)"
        with cursor.cursor.copy(copy_sql) as copy:
            copy.write(buffer.getvalue())
        return
    placeholders = ", ".join(["%s"] * len(STAGED))
    rows = [
        tuple(str(v) if isinstance(v, date) else v for v in row.values())
        for row in table.to_pylist()
    ]
    cursor.executemany(f"INSERT INTO {STAGING} VALUES ({placeholders})", rows)  # noqa: S608


def _unseen_changes(cursor: CursorWrapper, on: date) -> list[int]:
    """Persons whose engine-only figures may be stale: see the module docstring."""
    status = _q(StayStatus._meta.db_table)
    registration = _q(PlaceOfStayRegistration._meta.db_table)
    day = connection.ops.adapt_datefield_value(on)
    cursor.execute(
        f"""SELECT s.person_id FROM {STAGING} s LEFT JOIN {status} t ON t.person_id = s.person_id
            WHERE t.person_id IS NULL OR NOT t.present
               OR t.stay_entry IS NULL OR t.stay_entry <> s.stay_entry
               OR (t.registration_met IS NULL AND t.registration_due_on < %s)
               OR EXISTS (SELECT 1 FROM {registration} r WHERE r.person_id = s.person_id
                          AND r.valid_to >= t.{_q("on")} AND r.valid_to < %s)
            UNION
            SELECT t.person_id FROM {status} t WHERE t.present
               AND NOT EXISTS (SELECT 1 FROM {STAGING} s WHERE s.person_id = t.person_id)""",  # noqa: S608
        [day, day],
    )
    return sorted(pk for (pk,) in cursor.fetchall())


def _upsert(cursor: CursorWrapper, on: date) -> None:
    status = _q(StayStatus._meta.db_table)
    columns = [*STAGED[1:], "present", _q("on"), "refreshed_at"]
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns)
    cursor.execute(
        f"""INSERT INTO {status} (person_id, {", ".join(columns)})
            SELECT person_id, coalesce(nationality, ''), stay_entry, coalesce(rule, ''),
                   days_used, max_days, overstay_days, basis, TRUE, %s, %s
            FROM {STAGING} WHERE TRUE
            ON CONFLICT (person_id) DO UPDATE SET {updates}""",  # noqa: S608
        [
            connection.ops.adapt_datefield_value(on),
            connection.ops.adapt_datetimefield_value(clock.now()),
        ],
    )


def all_statuses_refresh(on: date | None = None, *, catch_up: bool = True) -> DailyResult:
    """The daily refresh: everyone's figures set-based, the engine only for unseen changes.

    ``catch_up=False`` stores the set-based figures only (the benchmark times that part).
    """
    on = on or clock.today()
    table = present_on(on)
    with transaction.atomic(), connection.cursor() as cursor:
        _stage(cursor, table)
        changed = _unseen_changes(cursor, on)
        _upsert(cursor, on)
        cursor.execute(f"DROP TABLE {STAGING}")
    if catch_up:
        for start in range(0, len(changed), BATCH):
            statuses_refresh(changed[start : start + BATCH], on)
    overstaying = sum(1 for days in table.column("overstay_days").to_pylist() if days)
    return DailyResult(on, table.num_rows, overstaying, len(changed))
