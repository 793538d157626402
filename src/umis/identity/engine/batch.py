"""Linking two files and deduplicating one, on disk-backed DuckDB with bounded memory.

The SQL here is put together from table names of this module and of Splink,
never from input data (hence the S608 exemptions).

Records are read one at a time, turned into features and appended to DuckDB in
batches; DuckDB spills to a temporary directory beyond :data:`MEMORY_LIMIT`, so
the size of a run is bounded by disk, not memory. Nothing leaves the machine.
"""

import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
from splink import DuckDBAPI, Linker
from splink.internals.splink_dataframe import SplinkDataFrame

from umis.identity.engine import model
from umis.identity.engine.canonical import Record
from umis.identity.engine.features import FEATURE_SCHEMA, features

BATCH_ROWS: Final = 50_000
MEMORY_LIMIT: Final = "3GB"
DEFAULT_THRESHOLD: Final = 0.9

Report = Callable[[str], None]


def _silent(message: str) -> None:
    pass


@dataclass
class Run:
    """One engine run: its DuckDB database, Splink's API over it, where to report."""

    connection: duckdb.DuckDBPyConnection
    api: DuckDBAPI
    report: Report


@contextmanager
def engine_run(report: Report = _silent, threads: int = 2) -> Iterator[Run]:
    """A throw-away DuckDB database in a temporary directory, removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="umis-identity-"))
    connection = duckdb.connect(str(workdir / "run.duckdb"))
    try:
        connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        connection.execute(f"SET threads = {threads}")
        connection.execute(f"SET temp_directory = '{workdir / 'spill'}'")
        connection.execute("SET preserve_insertion_order = false")
        yield Run(connection, DuckDBAPI(connection), report)
    finally:
        connection.close()
        shutil.rmtree(workdir, ignore_errors=True)


def load(run: Run, name: str, records: Iterable[Record]) -> int:
    """Store the features of ``records`` as table ``name``; returns how many there were."""
    empty = pa.Table.from_batches([], schema=FEATURE_SCHEMA)
    run.connection.register("incoming", empty)
    run.connection.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")  # noqa: S608
    count = 0
    batch: list[dict[str, object]] = []
    for record in records:
        batch.append(features(count, record))
        count += 1
        if len(batch) == BATCH_ROWS:
            _append(run, name, batch)
            run.report(f"{name}: {count:,} records read")
            batch = []
    _append(run, name, batch)
    run.connection.unregister("incoming")
    run.report(f"{name}: {count:,} records")
    return count


def _append(run: Run, name: str, rows: list[dict[str, object]]) -> None:
    if not rows:
        return
    table = pa.Table.from_pylist(rows, schema=FEATURE_SCHEMA)
    run.connection.register("incoming", table)
    run.connection.execute(f"INSERT INTO {name} SELECT * FROM incoming")  # noqa: S608


def linker_for(
    run: Run,
    tables: list[str],
    link_type: model.LinkType,
    saved_model: Path | None,
    *,
    train: bool = True,
) -> Linker:
    """A Splink linker over ``tables``: the saved model, or one trained here and now."""
    frames = [run.api.register(t, dataset_display_name=t) for t in tables]
    if saved_model is not None:
        return model.trained_linker(frames, link_type, saved_model)
    linker = model.new_linker(frames, link_type)
    if train:
        run.report("training the model on these records")
        model.train(linker)
    return linker


def _predict(run: Run, linker: Linker, threshold: float) -> SplinkDataFrame:
    run.report("comparing candidate pairs")
    return linker.inference.predict(threshold_match_probability=threshold, warning_mode="never")


def link(run: Run, linker: Linker, threshold: float, out: Path, *, best_only: bool = True) -> int:
    """Write ``left_id,right_id,match_probability`` for pairs at or above ``threshold``.

    With ``best_only`` each left record keeps only its most probable right record.
    Returns the number of pairs written.
    """
    predictions = _predict(run, linker, threshold)
    oriented = f"""
        SELECT
            CASE WHEN source_dataset_l = 'left_records' THEN record_id_l ELSE record_id_r END
                AS left_id,
            CASE WHEN source_dataset_l = 'left_records' THEN record_id_r ELSE record_id_l END
                AS right_id,
            match_probability
        FROM {predictions.physical_name}
    """  # noqa: S608
    rank = "row_number() OVER (PARTITION BY left_id ORDER BY match_probability DESC, right_id)"
    chosen = f"SELECT *, {rank} AS rank FROM ({oriented})" if best_only else oriented  # noqa: S608
    where = "WHERE rank = 1" if best_only else ""
    query = f"""
        SELECT left_id, right_id, round(match_probability, 6) AS match_probability
        FROM ({chosen}) {where} ORDER BY left_id, right_id
    """  # noqa: S608
    return _write(run, query, out)


def dedupe(run: Run, linker: Linker, threshold: float, out: Path) -> int:
    """Write ``id,cluster_id`` for every record; a cluster is named by its smallest id."""
    predictions = _predict(run, linker, threshold)
    run.report("clustering")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    )
    query = f"""
        SELECT record_id AS id, min(record_id) OVER (PARTITION BY cluster_id) AS cluster_id
        FROM {clusters.physical_name} ORDER BY id
    """  # noqa: S608
    _write(run, query, out)
    clusters_count = f"SELECT count(DISTINCT cluster_id) FROM {clusters.physical_name}"  # noqa: S608
    return _count(run, clusters_count)


def _count(run: Run, query: str) -> int:
    row = run.connection.execute(query).fetchone()
    assert row is not None
    return int(row[0])


def _write(run: Run, query: str, out: Path) -> int:
    run.report(f"writing {out}")
    run.connection.execute(f"COPY ({query}) TO '{_quoted(out)}' (HEADER, DELIMITER ',')")
    return _count(run, f"SELECT count(*) FROM ({query})")  # noqa: S608


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def write_header(out: Path, columns: tuple[str, ...]) -> None:
    """The output of a run with nothing to compare: the header alone."""
    out.write_text(",".join(columns) + "\n", encoding="utf-8")
