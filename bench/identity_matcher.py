"""Benchmark: the interactive matcher at the point of entry over 1,000,000 persons, PostgreSQL.

    d=$(mktemp -d); url=$(scripts/pg-throwaway start $d | tail -n1)
    UMIS_DATABASE_URL=$url UMIS_DATA_DIR=$(mktemp -d) uv run python bench/identity_matcher.py
    scripts/pg-throwaway stop $d

Loads the registry with the persons of :mod:`identity_population` (names,
blocking keys from the registry's own ``keys_for_names``, a passport and a
citizenship each) by COPY (not timed), then times ``matcher.identify`` for
``--queries`` newcomers: later registrations of registered persons, changed as
the population's duplicates are, and strangers. Prints p50/p95/p99 latency and
how often the decision was right (a changed registration linked or proposed with
the right person first; a stranger not linked). Baseline in the same run, on
the first ``--baseline`` queries: the same candidates scored by Splink's own
real-time API (``linker.inference.score_pairs`` on DuckDB) instead of in Python.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from random import Random

import django
import pyarrow as pa

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "umis.settings")
django.setup()

sys.path.insert(0, str(Path(__file__).parent))
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from splink import DuckDBAPI, Linker  # noqa: E402

from identity_population import records, variant  # noqa: E402
from umis.identity import matcher  # noqa: E402
from umis.identity.engine.canonical import Record  # noqa: E402
from umis.identity.engine.features import FEATURE_SCHEMA, features  # noqa: E402
from umis.identity.registry import candidate_records  # noqa: E402
from umis.people.indexing import keys_for_names, latin_form, normalise_document_number  # noqa: E402
from umis.people.models import Person  # noqa: E402


def _copy(cursor, table: str, columns: str, rows) -> None:  # type: ignore[no-untyped-def]
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def load(count: int, seed: int) -> list[Record]:
    """COPY ``count`` persons into the registry; returns their records (id = person id)."""
    now = datetime.now(UTC)
    truth: list[tuple[str, str]] = []
    people = [r for r in records(count, seed, truth) if r["id"].startswith("P")]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), min(id) FROM people_person WHERE number LIKE 'B%%'")
        loaded, first = cursor.fetchone()
        if loaded == len(people):  # a second run over the same database: reuse
            for offset, record in enumerate(people):
                record["id"] = str(first + offset)
            return people
        cursor.execute("SELECT coalesce(max(id), 0) FROM people_person")
        first = cursor.fetchone()[0] + 1
        for offset, record in enumerate(people):
            record["id"] = str(first + offset)
        _copy(cursor, "people_person",
              "id, number, sex, birth_year, birth_month, birth_day, birth_date_low, "
              "birth_date_high, place_of_birth, citizenship_status, status_summary, photo, "
              "created_at, updated_at",
              (_person_row(r, now) for r in people))  # fmt: skip
        _copy(cursor, "people_personname",
              "person_id, kind, script, surname, given_names, patronymic, latin, source, "
              "created_at",
              ((r["id"], "document", "Latn", r["surname"], r["given_names"], r["patronymic"],
                latin_form(r["surname"], r["given_names"], r["patronymic"]), "bench", now)
               for r in people))  # fmt: skip
        _copy(
            cursor,
            "people_namekey",
            "person_id, key",
            ((r["id"], key) for r in people for key in sorted(_keys(r))),
        )
        _copy(cursor, "people_traveldocument",
              "person_id, kind, number, number_normalised, issuing_state_id, mrz, source, "
              "created_at",
              ((r["id"], "passport", r["document_number"], r["document_number"], r["nationality"],
                "", "bench", now) for r in people if r["nationality"]))  # fmt: skip
        _copy(
            cursor,
            "people_citizenship",
            "person_id, country_id, source",
            ((r["id"], r["nationality"], "bench") for r in people if r["nationality"]),
        )
        cursor.execute(f"SELECT setval('people_person_id_seq', {first + len(people)})")
        for table in ("person", "personname", "namekey", "traveldocument", "citizenship"):
            cursor.execute(f"ANALYZE people_{table}")
    return people


def _person_row(record: Record, now: datetime) -> tuple[object, ...]:
    year, month, day = (int(p) or None for p in record["date_of_birth"].split("-"))
    low = f"{year}-{month or 1:02d}-{day or 1:02d}"
    high = f"{year}-{month or 12:02d}-{day or (28 if month == 2 else 30 if month else 31):02d}"
    return (record["id"], f"B{int(record['id']):011d}", record["sex"], year, month, day, low, high,
            "", "citizen" if record["nationality"] else "stateless", "", "", now, now)  # fmt: skip


def _keys(record: Record) -> set[str]:
    year = int(record["date_of_birth"][:4])
    return keys_for_names([(record["surname"], record["given_names"], record["patronymic"])], year)


def queries(people: list[Record], count: int, seed: int) -> list[tuple[Record, str]]:
    """Newcomers and the person id each should be found as ("" for a stranger)."""
    rng = Random(seed)
    asked = []
    for number in range(count):
        original = rng.choice(people)
        if number % 5 == 4:  # a stranger: a registered person's name, another birth and passport
            stranger = dict(original, date_of_birth="1931-01-01", document_number=f"S{number:08d}")
            asked.append((stranger, ""))
        else:
            asked.append((variant(rng, original, number), original["id"]))
    for record, _ in asked:
        record["document_number"] = normalise_document_number(record["document_number"])
    return asked


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(asked: list[tuple[Record, str]]) -> tuple[list[float], int]:
    latencies, right = [], 0
    for record, expected in asked:
        started = time.perf_counter()
        found = matcher.identify([record])
        latencies.append((time.perf_counter() - started) * 1000)
        best = found.best
        if expected:
            right += best is not None and str(best.person.pk) == expected
        else:
            right += found.decision != "link"
    return latencies, right


def splink_baseline(asked: list[tuple[Record, str]]) -> list[float]:
    """The same candidates, scored through Splink's real-time API instead of in Python."""
    api = DuckDBAPI()
    empty = api.register(FEATURE_SCHEMA.empty_table(), dataset_display_name="registry")
    linker = Linker(empty, str(matcher.model_path()), log_level=None)
    latencies = []
    for record, _ in asked:
        started = time.perf_counter()
        found = candidate_records(matcher.candidate_ids([record]), record)
        rights = [features(i, v) for i, vs in enumerate(found.values()) for v in vs]
        if rights:
            left = api.register(pa.Table.from_pylist([features(0, record)], schema=FEATURE_SCHEMA))
            right = api.register(pa.Table.from_pylist(rights, schema=FEATURE_SCHEMA))
            linker.inference.score_pairs(left, right).as_record_list()
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=100)
    parser.add_argument("--seed", type=int, default=5)
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL: set UMIS_DATABASE_URL (see the docstring).")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    people = load(options.persons, options.seed)
    print(f"loaded {Person.objects.count():,} persons in {time.perf_counter() - started:.0f} s "
          "(not timed below)", flush=True)  # fmt: skip
    asked = queries(people, options.queries, options.seed)
    run(asked[:50])  # warm the connection, the model and the caches
    latencies, right = run(asked)
    print(f"matcher.identify, {len(asked):,} newcomers: p50 {statistics.median(latencies):.1f} ms, "
          f"p95 {percentile(latencies, 0.95):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms, "
          f"max {max(latencies):.1f} ms (target p95 <= 50 ms); right decisions "
          f"{right / len(asked):.1%}")  # fmt: skip
    baseline = splink_baseline(asked[: options.baseline])
    ours = latencies[: options.baseline]
    print(f"baseline, Splink score_pairs on the same candidates, {len(baseline)} newcomers: "
          f"p50 {statistics.median(baseline):.1f} ms, p95 {percentile(baseline, 0.95):.1f} ms "
          f"(ours on the same: p95 {percentile(ours, 0.95):.1f} ms, "
          f"{percentile(baseline, 0.95) / percentile(ours, 0.95):.1f}x faster)")  # fmt: skip


if __name__ == "__main__":
    main()
