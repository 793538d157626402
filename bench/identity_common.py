"""Shared parts of the identity benchmarks: running our engine, scoring pairs, timing."""

import csv
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from umis.identity.engine import batch
from umis.identity.engine.canonical import Record

Pair = tuple[str, str]


@dataclass
class Score:
    name: str
    precision: float
    recall: float
    f1: float
    seconds: float

    def line(self) -> str:
        return (
            f"{self.name:<34} precision {self.precision:.4f}  recall {self.recall:.4f}  "
            f"F1 {self.f1:.4f}  time {self.seconds:6.1f} s"
        )


def score(name: str, found: set[Pair], truth: set[Pair], seconds: float) -> Score:
    hits = len(found & truth)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return Score(name, precision, recall, f1, seconds)


def unordered(pairs: Iterable[Pair]) -> set[Pair]:
    return {(a, b) if a < b else (b, a) for a, b in pairs}


def cluster_pairs(clusters: dict[str, str]) -> set[Pair]:
    """Every pair of records sharing a cluster."""
    members: dict[str, list[str]] = defaultdict(list)
    for record, cluster in clusters.items():
        members[cluster].append(record)
    return unordered(
        (group[i], group[j])
        for group in members.values()
        for i in range(len(group))
        for j in range(i + 1, len(group))
    )


def timed[T](work: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def best_of[T](repeat: int, work: Callable[[], T]) -> tuple[T, float]:
    """The result and the shortest wall time of ``repeat`` runs of ``work``."""
    runs = [timed(work) for _ in range(repeat)]
    return runs[0][0], min(seconds for _, seconds in runs)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ours_link(left: list[Record], right: list[Record], threshold: float) -> set[Pair]:
    """Our whole process: features, training on these records, prediction, best links."""
    with tempfile.TemporaryDirectory() as scratch, batch.engine_run() as run:
        out = Path(scratch) / "pairs.csv"
        batch.load(run, "left_records", left)
        batch.load(run, "right_records", right)
        linker = batch.linker_for(run, ["left_records", "right_records"], "link_only", None)
        batch.link(run, linker, threshold, out)
        with out.open(encoding="utf-8") as stream:
            return {(row["left_id"], row["right_id"]) for row in csv.DictReader(stream)}


def ours_dedupe(
    records: list[Record], threshold: float, model_out: Path | None = None
) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as scratch, batch.engine_run() as run:
        out = Path(scratch) / "clusters.csv"
        batch.load(run, "records", records)
        linker = batch.linker_for(run, ["records"], "dedupe_only", None)
        if model_out is not None:
            from umis.identity.engine import model

            model.save(linker, model_out)
        batch.dedupe(run, linker, threshold, out)
        with out.open(encoding="utf-8") as stream:
            return {row["id"]: row["cluster_id"] for row in csv.DictReader(stream)}
