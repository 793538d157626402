"""Benchmark: deduplicating 1,000,000 generated records on this machine, time and memory.

    uv run python bench/identity_scale.py [--records 1000000]

Writes the records as a canonical CSV first (not timed: see
:mod:`identity_population`), then runs exactly what ``umis identity dedupe
FILE.csv --out CLUSTERS.csv --train`` runs: read and normalise, train the model
on these records, predict, cluster, write. Prints wall time, peak memory of the
process (Python and DuckDB share it) and the pairwise precision and recall
against the generator's truth. The issue names no baseline for this figure; the
FEBRL and multi-script benchmarks carry the comparison with plain Splink.
"""

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from identity_common import cluster_pairs, peak_mib, score, unordered
from identity_population import records
from umis.identity.engine.canonical import CANONICAL_COLUMNS
from umis.identity.engine.files import dedupe_file


def write(path: Path, count: int, seed: int) -> set[tuple[str, str]]:
    truth: list[tuple[str, str]] = []
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=CANONICAL_COLUMNS)
        writer.writeheader()
        writer.writerows(records(count, seed, truth))
    return unordered(truth)


def report(message: str) -> None:
    print(
        f"  [{time.strftime('%H:%M:%S')}] {message}  (peak {peak_mib():,.0f} MiB)", file=sys.stderr
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=11)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        source, out = Path(scratch) / "records.csv", Path(scratch) / "clusters.csv"
        started = time.perf_counter()
        truth = write(source, options.records, options.seed)
        print(f"generated {options.records:,} records, {len(truth):,} true duplicate pairs "
              f"in {time.perf_counter() - started:.0f} s (not timed below)")  # fmt: skip
        started = time.perf_counter()
        clusters = dedupe_file(
            source, out, threshold=0.9, model_path=Path(scratch) / "model.json", train=True,
            report=report,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        with out.open(encoding="utf-8") as stream:
            found = cluster_pairs({row["id"]: row["cluster_id"] for row in csv.DictReader(stream)})
    print(f"{clusters:,} clusters")
    print(score(f"dedupe {options.records:,} records ours", found, truth, seconds).line())
    print(f"peak memory {peak_mib():,.0f} MiB (target < 8 GiB); time target < 600 s")


if __name__ == "__main__":
    main()
