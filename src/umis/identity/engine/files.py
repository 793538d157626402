"""The command-line runs: canonical CSV files in, pairs or clusters out."""

from collections.abc import Callable
from pathlib import Path
from typing import Final

from umis.identity.engine import batch, model
from umis.identity.engine.canonical import open_records

PAIR_COLUMNS: Final = ("left_id", "right_id", "match_probability")
CLUSTER_COLUMNS: Final = ("id", "cluster_id")
DEFAULT_MODEL: Final = Path(__file__).with_name("default-model.json")


def link_files(
    left: Path,
    right: Path,
    out: Path,
    *,
    threshold: float,
    model_path: Path,
    train: bool,
    best_only: bool,
    report: Callable[[str], None],
) -> int:
    """Link two canonical files; returns the number of pairs written to ``out``."""
    with batch.engine_run(report) as run:
        sizes = (
            batch.load(run, "left_records", open_records(left)),
            batch.load(run, "right_records", open_records(right)),
        )
        if not all(sizes):
            batch.write_header(out, PAIR_COLUMNS)
            return 0
        tables = ["left_records", "right_records"]
        linker = batch.linker_for(run, tables, "link_only", None if train else model_path)
        if train:
            model.save(linker, model_path)
            report(f"model saved to {model_path}")
        return batch.link(run, linker, threshold, out, best_only=best_only)


def dedupe_file(
    source: Path,
    out: Path,
    *,
    threshold: float,
    model_path: Path,
    train: bool,
    report: Callable[[str], None],
) -> int:
    """Cluster the records of one file; returns the number of clusters written to ``out``."""
    with batch.engine_run(report) as run:
        if not batch.load(run, "records", open_records(source)):
            batch.write_header(out, CLUSTER_COLUMNS)
            return 0
        linker = batch.linker_for(run, ["records"], "dedupe_only", None if train else model_path)
        if train:
            model.save(linker, model_path)
            report(f"model saved to {model_path}")
        return batch.dedupe(run, linker, threshold, out)
