"""The person search benchmark's steps, once Django is set up (see people_search.py)."""

import argparse
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from django.db import connection

from people_search_baselines import (
    NameScan,
    icontains_search,
    trgm_prepare,
    trgm_search,
)
from people_search_http import server_running
from people_search_measure import Measured, measure, timed_only
from people_search_population import Generation, population_ensure, prewarm, truth_path
from people_search_queries import Query, queries_build
from umis.audit.models import AuditEvent
from umis.core.partial_dates import PartialDate
from umis.people.events import PERSON_SEARCHED
from umis.people.models import Person, PersonName
from umis.people.search import SearchCriteria, person_search

WARM_UP = 100


def select(query: Query) -> list[str]:
    """The selector as the search screen calls it: name + year of birth, first page."""
    criteria = SearchCriteria(query.text, birth_date=PartialDate(query.year), birth_mode="year")
    return [hit.person.number for hit in person_search(criteria).hits]


def run(args: argparse.Namespace) -> None:
    vendor = connection.vendor
    generation = population_ensure(args.persons, vendor)
    if args.prepare_only:
        return
    # Each HTTP path gets queries of its own, so that no path meets a query (or its
    # database pages) another path has just run; the baselines run the selector's.
    built = queries_build(truth_path(), WARM_UP + 3 * args.queries)
    if len(built) < WARM_UP + 3 * args.queries:
        sys.exit(f"only {len(built):,} truth rows: ask for fewer --queries")
    warm, queries = built[:WARM_UP], built[WARM_UP : WARM_UP + args.queries]
    htmx_queries, api_queries = (
        built[WARM_UP + args.queries :: 2],
        built[WARM_UP + args.queries + 1 :: 2],
    )
    _header(vendor, generation, queries)
    print(prewarm(vendor))
    for query in warm:
        select(query)
    selector = measure("selector person_search", select, queries)
    rows = [selector] + [
        selector.subset(f"  … {kind} queries", [q.kind == kind for q in queries])
        for kind in ("own script", "romanisation")
    ]
    server_rss = _http(rows, warm, htmx_queries, api_queries)
    rows += _baselines(args, vendor, warm, queries)
    _table(rows, rows[0])
    print(f"\npeak RSS of the server process: {server_rss:,.0f} MiB")
    print(f"load average at the end: {_load()}")


def _http(
    rows: list[Measured],
    warm: Sequence[Query],
    htmx_queries: Sequence[Query],
    api_queries: Sequence[Query],
) -> float:
    searched = AuditEvent.objects.filter(event_type=PERSON_SEARCHED).count()
    # The floor: the same requests with their audit event, a text that gives no name keys.
    floor = [replace(query, text="X") for query in htmx_queries]
    with server_running() as server:
        for query in warm:
            server.htmx(query)
            server.api(query)
        rows.append(timed_only("HTTP GET /people/results (htmx)", server.htmx, htmx_queries))
        rows.append(timed_only("HTTP GET /api/v1/people/search", server.api, api_queries))
        rows.append(timed_only("  … htmx, search finding nothing", server.htmx, floor))
        rows.append(timed_only("  … API, search finding nothing", server.api, floor))
        rss = server.peak_rss_mib()
    audited = AuditEvent.objects.filter(event_type=PERSON_SEARCHED).count() - searched
    expected = 2 * len(warm) + 3 * len(htmx_queries) + len(api_queries)
    if audited != expected:
        raise RuntimeError(f"{audited} search audit events for {expected} requests")
    print(f"audit: {audited:,} search events written by {expected:,} HTTP searches")
    return rss


def _baselines(
    args: argparse.Namespace, vendor: str, warm: Sequence[Query], queries: Sequence[Query]
) -> list[Measured]:
    rows = []
    if vendor == "postgresql":
        seconds = trgm_prepare()
        print(f"pg_trgm GIN index ready in {seconds:.1f} s")
        for query in warm:
            trgm_search(query)
        rows.append(measure("baseline pg_trgm % + similarity", trgm_search, queries))
    sample = queries[: args.icontains_queries]
    rows.append(measure("baseline icontains", icontains_search, sample))
    scan = NameScan.load()
    print(f"rapidfuzz scan: {len(scan.names):,} names loaded in {scan.load_seconds:.1f} s")
    sample = queries[: args.scan_queries]
    rows.append(measure("baseline rapidfuzz scan", scan.search, sample))
    return rows


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def _header(vendor: str, generation: Generation | None, queries: Sequence[Query]) -> None:
    print(f"\nperson search benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}")
    print(f"load average at the start: {_load()}")
    persons, names = Person.objects.count(), PersonName.objects.count()
    print(f"database: {vendor}, {persons:,} persons, {names:,} names")
    if generation is None:
        print("generation: no figures kept (the data was made by another command)")
    else:
        made = "this run" if generation.this_run else "an earlier run on this data"
        print(
            f"generation ({made}): {generation.persons:,} persons, {generation.duplicates:,} "
            f"near-duplicates in {generation.seconds:,.0f} s "
            f"({generation.persons / generation.seconds:,.0f}/s), "
            f"peak RSS {generation.peak_rss_mib:,.0f} MiB"
        )
    kinds = {kind: sum(q.kind == kind for q in queries) for kind in ("own script", "romanisation")}
    print(
        f"queries: {len(queries):,} ({kinds['own script']:,} in the person's own script, "
        f"{kinds['romanisation']:,} romanised otherwise), each with 1-2 typos and the year "
        f"of birth; {WARM_UP} other queries warm each path up first; each HTTP path\n"
        f"runs {len(queries):,} other queries of the same kind; the baselines the selector's\n"
    )


def _table(rows: Sequence[Measured], ours: Measured) -> None:
    heads = ("n", "p50 ms", "p95 ms", "recall@10", "p50 ×", "p95 ×", "stolen")
    print(f"{'path':<36}", *(f"{head:>9}" for head in heads))
    for row in rows:
        recall = "—" if row.recall is None else f"{row.recall:.4f}"
        stolen = "—" if row.stolen is None else f"{row.stolen:.1%}"
        print(
            f"{row.name:<36} {row.queries:>9} {row.p50_ms:>9.2f} {row.p95_ms:>9.2f} "
            f"{recall:>9} {row.p50_ms / ours.p50_ms:>9.1f} {row.p95_ms / ours.p95_ms:>9.1f} "
            f"{stolen:>9}"
        )
    print("× = this path's latency divided by the selector's (same queries, same data)")
    print("stolen = the share of the machine's CPU time the hypervisor gave other guests")
    print("         while the path ran (/proc/stat; a virtual machine's neighbours)")
