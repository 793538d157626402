"""Benchmark: overstays over 1,000,000 persons and 10,000,000 crossings on PostgreSQL.

    d=$(mktemp -d)
    url=$(PG_THROWAWAY_OPTIONS="-c shared_buffers=2GB" scripts/pg-throwaway start $d | tail -n1)
    UMIS_DATABASE_URL=$url UMIS_DATA_DIR=$(mktemp -d) uv run python bench/stays_overstays.py
    scripts/pg-throwaway stop $d

Measures, in one run: (1) the set-based overstay computation end to end from
PostgreSQL (COPY out, DuckDB query) with peak memory, against the baseline of
the per-person engine in a loop on a sample, extrapolated; (2) the daily
refresh's set-based part (the same computation, then the figures written back
through COPY and one upsert); (3) bulk ingest of crossings through the API,
against recording them one by one through the service; (4) the refresh of one
person's stored status. The load average is printed with each figure: the
machine is shared. Options: --persons, --crossings-per-person, --on, --repeat.
The server's shared_buffers is printed too: with PostgreSQL's default of 128 MB
none of the table's indexes stays in its cache, and ingest pays for it.
"""

import argparse
import http.client
import json
import os
import resource
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "umis.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from umis.accounts.models import Agency, Role, User  # noqa: E402
from umis.accounts.tokens import api_token_issue  # noqa: E402
from umis.core.permissions import Actor  # noqa: E402
from umis.people.models import Person  # noqa: E402
from umis.stays.daily import all_statuses_refresh  # noqa: E402
from umis.stays.models import Crossing, StayRuleVersion  # noqa: E402
from umis.stays.overstays import present_on  # noqa: E402
from umis.stays.refresh import statuses_refresh  # noqa: E402
from umis.stays.selectors import status_for  # noqa: E402
from umis.stays.services import crossing_record  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from server import umis_server  # noqa: E402

RUN = int(time.time())
QUEUED_BACKEND = "django.tasks.backends.dummy.DummyBackend"
QUEUED = {"default": {"BACKEND": QUEUED_BACKEND}}


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(persons: int, per_person: int) -> None:
    """Persons and crossings made inside PostgreSQL with generate_series (no round trips)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO people_person (number, sex, place_of_birth, citizenship_status,
                   status_summary, photo, created_at, updated_at)
               SELECT 'B' || lpad(g::text, 9, '0'), 'X', '', 'citizen', '', '', now(), now()
               FROM generate_series(1, %s) g""",
            [persons],
        )
        cursor.execute("SELECT min(id) FROM people_person WHERE number LIKE 'B%%'")
        first = cursor.fetchone()[0]
        # Alternating entries and exits about a month apart; every tenth person's
        # last record is a second entry (a stay still open); nationalities mixed.
        cursor.execute(
            """INSERT INTO stays_crossing (person_id, direction, at, day, document_kind,
                   document_number, nationality, purpose, source, source_ref, created_at)
               SELECT p, d, (day + time '10:00') AT TIME ZONE 'Asia/Baku', day, 'passport', '',
                      (ARRAY['RUS','KAZ','TUR','IRN','CHN','DEU','GEO'])[1 + p %% 7], '', 'GEN',
                      p || '-' || k, now()
               FROM (
                   SELECT p, k,
                          CASE WHEN k %% 2 = 0 OR (p %% 10 = 0 AND k = %s - 1)
                               THEN 'entry' ELSE 'exit' END AS d,
                          date '2025-01-01' + ((p * 37) %% 300) + k * 30 + ((p * k) %% 20) AS day
                   FROM generate_series(%s, %s) p, generate_series(0, %s - 1) k
               ) s""",
            [per_person, first, first + persons - 1, per_person],
        )
    # What autovacuum does to a table written over months (hint bits, visibility map):
    # the figures are of a table in that state, not of one loaded a second ago.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE stays_crossing")
        cursor.execute("VACUUM ANALYZE people_person")


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def overstays(on: date, repeat: int) -> dict[str, Any]:
    before = peak_mib()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        table = present_on(on)
        runs.append((round(time.perf_counter() - start, 2), load()))
    over = sum(1 for v in table.column("overstay_days").to_pylist() if v)
    return {
        "seconds": min(s for s, _ in runs),
        "runs_with_load": runs,
        "present": table.num_rows,
        "overstayers": over,
        "peak_rss_mib": round(peak_mib(), 1),
        "rss_before_mib": round(before, 1),
    }


def daily(on: date) -> dict[str, Any]:
    start = time.perf_counter()
    result = all_statuses_refresh(on, catch_up=False)
    return {
        "set_based_seconds": round(time.perf_counter() - start, 2),
        "load": load(),
        "present": result.present,
        "stale_for_the_engine": result.stale,
    }


def engine_loop(on: date, sample: int, total: int) -> dict[str, float]:
    ids = list(Person.objects.order_by("?").values_list("pk", flat=True)[:sample])
    start = time.perf_counter()
    for person_id in ids:
        status_for(person_id, on)
    seconds = time.perf_counter() - start
    return {
        "sample": sample,
        "seconds": round(seconds, 2),
        "extrapolated_s": round(seconds * total / sample, 1),
    }


def _record(n: int, number: str) -> dict[str, str]:
    at = datetime(2026, 5, 1, 8, tzinfo=UTC) + timedelta(minutes=n % 1000)
    return {"source_ref": f"API-{RUN}-{n}", "direction": "entry", "at": at.isoformat(),
            "person": number, "point": "GYD", "nationality": "RUS"}  # fmt: skip


def ingest(batches: int, size: int) -> dict[str, Any]:
    user, _ = User.objects.get_or_create(
        username="bench-border",
        defaults={
            "role": Role.objects.get(code="agency_liaison"),
            "agency": Agency.objects.get(code="SBS"),
        },
    )
    token = api_token_issue(actor=Actor.system("bench"), user=user, name="bench")
    numbers = list(Person.objects.order_by("?").values_list("number", flat=True)[: batches * size])
    client = Client()
    # The first request imports the API's modules: not part of the rate.
    client.post("/api/v1/stays/crossings/batch", json.dumps({"records": []}),
                content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip
    results: dict[str, Any] = {}
    for label, tasks in (("queued_refresh", QUEUED), ("inline_refresh", None)):
        offset = 0 if label == "queued_refresh" else batches * size
        with override_settings(**({"TASKS": tasks} if tasks else {})):
            start = time.perf_counter()
            for b in range(batches):
                chunk = [
                    _record(offset + b * size + i, numbers[(b * size + i) % len(numbers)])
                    for i in range(size)
                ]
                body = json.dumps({"records": chunk})
                response = client.post("/api/v1/stays/crossings/batch", body,
                                       content_type="application/json",
                                       HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip
                if response.status_code != 200 or response.json()["accepted"] != size:
                    sys.exit(f"ingest failed: {response.status_code} {response.content[:300]!r}")
            results[label] = round(batches * size / (time.perf_counter() - start))
            results[f"{label}_load"] = load()
    actor = Actor(None, "bench", "SBS", "agency_liaison", frozenset({"stays.record"}))
    people = list(Person.objects.order_by("?")[:500])
    start = time.perf_counter()
    with override_settings(TASKS=QUEUED):
        for n, who in enumerate(people):
            crossing_record(actor=actor, person=who, direction="entry", source_ref=f"ONE-{RUN}-{n}",
                            at=datetime(2026, 5, 2, 8, tzinfo=UTC))  # fmt: skip
    results["baseline_one_by_one"] = round(len(people) / (time.perf_counter() - start))
    results["ratio"] = round(results["queued_refresh"] / results["baseline_one_by_one"], 1)
    return results


def ingest_parallel(clients: int, batches: int, size: int) -> dict[str, Any]:
    """Batches from ``clients`` senders at once, through HTTP to a real server with one
    worker process per sender (refresh queued), as a border service sending from several
    crossing points at a time would; each sender sends its batches one after the other."""
    user = User.objects.get(username="bench-border")
    token = api_token_issue(actor=Actor.system("bench"), user=user, name="bench-parallel")
    count = clients * batches * size
    numbers = list(Person.objects.order_by("?").values_list("number", flat=True)[:count])
    offset = 10 * batches * size  # past the source references of ingest()

    def body(first: int) -> bytes:
        records = [_record(offset + n, numbers[n]) for n in range(first, first + size)]
        return json.dumps({"records": records}).encode()

    bodies = [[body((c * batches + b) * size) for b in range(batches)] for c in range(clients)]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    server = umis_server(workers=clients, threads=1, env={"UMIS_TASKS_BACKEND": QUEUED_BACKEND})
    with server as (port, _process), ThreadPoolExecutor(clients) as pool:

        def send(sent: bytes) -> None:
            _post_batch(port, headers, sent)

        list(pool.map(send, [b'{"records": []}'] * (2 * clients)))  # each worker imports first
        start = time.perf_counter()
        list(pool.map(lambda mine: [send(sent) for sent in mine], bodies))
        seconds = time.perf_counter() - start
    return {"clients": clients, "per_second": round(count / seconds), "load": load()}


def _post_batch(port: int, headers: dict[str, str], body: bytes) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    connection.request("POST", "/api/v1/stays/crossings/batch", body, headers)
    response = connection.getresponse()
    answer = response.read()
    expected = len(json.loads(body)["records"])
    if response.status != 200 or json.loads(answer)["accepted"] != expected:
        raise RuntimeError(f"parallel ingest failed: {response.status} {answer[:300]!r}")


def refresh_latency(on: date, samples: int) -> dict[str, float]:
    ids = list(Person.objects.order_by("?").values_list("pk", flat=True)[:samples])
    timings = []
    for person_id in ids:
        start = time.perf_counter()
        statuses_refresh([person_id], on)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95)], 2),
        "load": load(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--crossings-per-person", type=int, default=10)
    parser.add_argument("--on", type=date.fromisoformat, default=date(2026, 6, 1))
    parser.add_argument("--repeat", type=int, default=3, help="overstay runs (best is kept)")
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL: set UMIS_DATABASE_URL (see the docstring).")
    call_command("migrate", verbosity=0)
    StayRuleVersion.objects.get_or_create(
        code="BENCH-ROLLING", version=1,
        defaults={"nationality_id": "DEU", "kind": "rolling", "max_days": 90, "window_days": 180,
                  "effective_from": date(2014, 1, 1)},
    )  # fmt: skip
    start = time.perf_counter()
    if not Crossing.objects.filter(source="GEN").exists():
        generate(args.persons, args.crossings_per_person)
    with connection.cursor() as cursor:
        cursor.execute("SHOW shared_buffers")
        buffers = cursor.fetchone()[0]
    print(f"generated {args.persons:,} persons, {Crossing.objects.count():,} crossings "
          f"in {time.perf_counter() - start:.1f} s; shared_buffers {buffers}",
          flush=True)  # fmt: skip
    figures: dict[str, Any] = {"overstays": overstays(args.on, args.repeat)}
    print(json.dumps(figures), flush=True)
    figures["daily_refresh"] = daily(args.on)
    print(json.dumps(figures["daily_refresh"]), flush=True)
    if not args.skip_baseline:
        figures["baseline_engine_loop"] = engine_loop(args.on, 2000, args.persons)
        figures["speedup_vs_engine_loop"] = round(
            figures["baseline_engine_loop"]["extrapolated_s"] / figures["overstays"]["seconds"], 1
        )
    figures["ingest_per_second"] = ingest(batches=3, size=10_000)
    print(json.dumps(figures["ingest_per_second"]), flush=True)
    figures["ingest_parallel"] = ingest_parallel(clients=2, batches=3, size=10_000)
    print(json.dumps(figures["ingest_parallel"]), flush=True)
    figures["refresh_one_person"] = refresh_latency(args.on, 300)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
