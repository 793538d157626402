"""Writing the synthetic population in bulk: a chunk of persons per transaction.

This bypasses ``people.services.person_register`` on purpose: per-person
services, number allocation and audit events would take hours for a million
synthetic persons and fill the audit trail with noise. The rows are the ones
the service writes (see :mod:`.rows`); each chunk takes its person numbers in
one ``sequence_allocate``, and the whole generation is one audit event,
``demo.population_generated``.

Rows go in with ``executemany`` on SQLite and ``COPY`` on PostgreSQL rather
than ``bulk_create``: building model instances and one SQL text per batch made
``bulk_create`` about ten times slower here (2,000 against 20,000+ rows a
second), and it was most of the time of a run.

The population's own counter (the ``demo-population`` sequence) remembers how
many persons have been generated, so a later run continues the population with
the next indices instead of starting it again: topping up never duplicates. A
run takes its indices up front; if it is interrupted, the indices of the chunks
it did not commit are skipped, never reused.
"""

import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import Field, Model
from django.utils import timezone

from umis.audit.models import AuditEvent
from umis.audit.services import record
from umis.core.permissions import Actor
from umis.core.services import sequence_allocate
from umis.demo.events import POPULATION_GENERATED
from umis.demo.population.generator import PopulationSpec
from umis.demo.population.rows import ChunkRows, OffsetRow, Row, chunk_rows
from umis.demo.population.truth import DuplicateTruth, truth_append
from umis.people.models import (
    PERSON_NUMBERS,
    Address,
    Citizenship,
    Identifier,
    NameKey,
    Person,
    PersonName,
    TravelDocument,
)
from umis.people.postings import postings_rebuild

POPULATION_SERIES = "demo-population"
PERSON_SERIES = "person"  # the series people.services issues person numbers from
CHUNK_SIZE = 10_000
SOURCE = "demo"
FIN_ISSUER = "SMS"
HOME_COUNTRY = "AZE"

# The columns written, in the order of the rows of .rows plus what the writer adds.
PERSON_FIELDS = (
    "number", "sex", "birth_year", "birth_month", "birth_day", "birth_date_low",
    "birth_date_high", "place_of_birth", "country_of_birth", "citizenship_status",
    "name_forms", "status_summary", "photo", "created_at", "updated_at",
)  # fmt: skip
CITIZENSHIP_FIELDS = ("person", "country", "source")
NAME_FIELDS = (
    "person", "kind", "script", "surname", "given_names", "patronymic", "latin", "comparable",
    "source", "created_at",
)  # fmt: skip
DOCUMENT_FIELDS = (
    "person", "kind", "number", "number_normalised", "issuing_state", "issued_on",
    "expires_on", "mrz", "source", "created_at",
)  # fmt: skip
FIN_FIELDS = ("person", "value", "kind", "issued_by", "created_at")
ADDRESS_FIELDS = ("person", "kind", "line", "city", "valid_from", "country", "created_at")


class SeedMismatch(ValueError):
    """The database holds a population of another seed; topping it up would mix two."""


@dataclass(frozen=True)
class PopulationResult:
    generated: int
    total: int  # persons in the database afterwards
    first_index: int  # -1 when nothing was generated
    duplicates: int
    seconds: float


def population_seed() -> int | None:
    """The seed of the population already in the database, if one was generated."""
    event = AuditEvent.objects.filter(event_type=POPULATION_GENERATED).order_by("-seq").first()
    return None if event is None else int(event.extra["seed"])


def population_generate(
    *,
    actor: Actor,
    persons: int,
    spec: PopulationSpec,
    truth_path: Path | None = None,
    chunk_size: int = CHUNK_SIZE,
    workers: int = 1,
    on_chunk: Callable[[int], None] | None = None,
) -> PopulationResult:
    """Top the registry up to ``persons`` persons with the next persons of ``spec``.

    Nothing happens when the database already holds that many. With
    ``workers`` > 0 and more than one chunk to write, worker processes prepare
    the next chunks while this one is inserted. Near-duplicates are appended to
    ``truth_path`` (see :mod:`.truth`) as their chunk commits.
    """
    started = time.perf_counter()
    existing = Person.objects.count()
    missing = max(0, persons - existing)
    if not missing:
        return PopulationResult(0, existing, -1, 0, time.perf_counter() - started)
    known_seed = population_seed()
    if known_seed is not None and known_seed != spec.seed:
        raise SeedMismatch(f"the database holds the population of seed {known_seed}")
    first = sequence_allocate(name=POPULATION_SERIES, count=missing).start - 1
    starts = range(first, first + missing, chunk_size)
    counts = [min(chunk_size, first + missing - start) for start in starts]
    duplicates = 0
    for chunk in _prepared(spec, starts, counts, workers if len(counts) > 1 else 0):
        truth = _write_chunk(spec, chunk)
        if truth and truth_path is not None:
            truth_append(truth_path, truth)
        duplicates += len(truth)
        if on_chunk is not None:
            on_chunk(chunk.count)
    postings_rebuild()  # the search keys' postings, from the NameKey rows just written
    extra = {
        "seed": spec.seed,
        "as_of": spec.as_of.isoformat(),
        "first_index": first,
        "persons": missing,
        "duplicates": duplicates,
        "truth_file": str(truth_path or ""),
    }
    with transaction.atomic():
        record(
            actor=actor,
            event=POPULATION_GENERATED,
            subject_type="people.person",
            purpose="demo",
            extra=extra,
        )
    elapsed = time.perf_counter() - started
    return PopulationResult(missing, existing + missing, first, duplicates, elapsed)


def _prepared(
    spec: PopulationSpec, starts: Sequence[int], counts: Sequence[int], workers: int
) -> Iterator[ChunkRows]:
    """The chunks' rows in order; computed ahead in ``workers`` processes when there are any."""
    if workers <= 0:
        for start, count in zip(starts, counts, strict=True):
            yield chunk_rows(spec, start, count)
        return
    # spawn, not fork: the parent holds an open database connection.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        pending: deque[Future[ChunkRows]] = deque()
        jobs = iter(zip(starts, counts, strict=True))
        for start, count in jobs:
            pending.append(pool.submit(chunk_rows, spec, start, count))
            if len(pending) > workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


@transaction.atomic
def _write_chunk(spec: PopulationSpec, chunk: ChunkRows) -> list[DuplicateTruth]:
    values = sequence_allocate(name=PERSON_SERIES, count=chunk.count)
    numbers = [PERSON_NUMBERS.make(value) for value in values]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    person_rows = [
        (n, *row, "", "", now, now) for n, row in zip(numbers, chunk.persons, strict=True)
    ]
    _insert(Person, PERSON_FIELDS, person_rows)
    ids_by_number = dict(
        Person.objects.filter(number__gte=numbers[0], number__lte=numbers[-1]).values_list(
            "number", "id"
        )
    )
    ids = [ids_by_number[number] for number in numbers]

    def rows(source: list[OffsetRow], *tail: object) -> list[Row]:
        return [(ids[row[0]], *row[1:], *tail) for row in source]

    _insert(Citizenship, CITIZENSHIP_FIELDS, rows(chunk.citizenships, SOURCE))
    _insert(PersonName, NAME_FIELDS, rows(chunk.names, SOURCE, now))
    _insert(TravelDocument, DOCUMENT_FIELDS, rows(chunk.documents, SOURCE, now))
    _insert(Identifier, FIN_FIELDS, rows(chunk.fins, Identifier.Kind.FIN.value, FIN_ISSUER, now))
    _insert(Address, ADDRESS_FIELDS, rows(chunk.addresses, HOME_COUNTRY, now))
    _insert(NameKey, ("person", "key"), rows(chunk.keys))
    return _truth(spec, chunk, numbers)


def _insert(model: type[Model], fields: Sequence[str], rows: list[Row]) -> None:
    """Insert ``rows`` (values in the order of ``fields``) into ``model``'s table."""
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(_column(model, name)) for name in fields)
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        if any(isinstance(value, date) for value in rows[0]):
            rows = [tuple(map(_sqlite_value, row)) for row in rows]
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 (from _meta)
        cursor.executemany(sql, rows)


def _column(model: type[Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, Field)
    return str(field.column)


def _sqlite_value(value: Any) -> Any:
    # Python's implicit date adapter for sqlite3 is deprecated; write what Django writes.
    return value.isoformat() if isinstance(value, date) else value


def _truth(spec: PopulationSpec, chunk: ChunkRows, numbers: list[str]) -> list[DuplicateTruth]:
    """Truth rows of the chunk's duplicates; each original is found by its newest document."""
    if not chunk.duplicates:
        return []
    wanted = {document[2] for *_rest, document in chunk.duplicates}
    found = {
        (state, kind, number): person_number
        for state, kind, number, person_number in TravelDocument.objects.filter(
            number_normalised__in=wanted
        ).values_list("issuing_state_id", "kind", "number_normalised", "person__number")
    }
    truth = []
    for offset, index, original_index, variation, document in chunk.duplicates:
        original_number = found.get(document)
        if original_number is not None:
            truth.append(
                DuplicateTruth(
                    spec.seed, index, numbers[offset], original_index, original_number, variation
                )
            )
    return truth
