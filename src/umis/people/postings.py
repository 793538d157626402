"""Who holds each search key: the inverted index name search reads.

A name search given a year of birth looks up the blocking keys qualified by it
(``indexing.year_keys``): twenty to forty keys held by a few thousand persons in
all. :class:`~umis.people.models.NameKey` has a row per person and key (the
identity matcher reads it); counting a search's keys there means reading and
grouping those thousands of rows in the database on every search.
:class:`~umis.people.models.KeyPostings` keeps, for each such key, the ids of the
persons holding it in one packed value, so a search reads a row per key and
counts in memory (:func:`most_shared`).

``people.services.person_keys_refresh`` changes both in the same transaction
(:func:`postings_change`); bulk writers fill ``NameKey`` and rebuild the postings
from it (:func:`postings_rebuild`).
"""

from collections.abc import Collection, Iterable
from itertools import groupby
from operator import itemgetter

import numpy
from django.db import connection, models, transaction

from umis.core.sql import fetch_prepared, in_list, list_param
from umis.people.indexing import YEAR_MARK, is_year_key
from umis.people.models import KeyPostings, NameKey

# A person id as PostgreSQL's int8send writes it: eight bytes, most significant first.
PERSON_ID = numpy.dtype(">i8")


def packed(ids: Iterable[int]) -> bytes:
    """Person ids as :attr:`KeyPostings.persons` holds them (sorted, each once)."""
    return _written(numpy.unique(numpy.fromiter(ids, dtype=numpy.int64)))


def _written(ids: numpy.ndarray) -> bytes:
    """Sorted distinct ids, packed."""
    return ids.astype(PERSON_ID).tobytes()


def unpacked(value: bytes | memoryview) -> numpy.ndarray:
    return numpy.frombuffer(value, dtype=PERSON_ID).astype(numpy.int64)


def _postings_sql() -> str:
    table = connection.ops.quote_name(KeyPostings._meta.db_table)
    return f"SELECT persons FROM {table} WHERE {in_list('key')}"  # noqa: S608 (no user text)


def _rows_sql() -> str:
    table = connection.ops.quote_name(NameKey._meta.db_table)
    return (
        f"SELECT person_id FROM {table} WHERE {in_list('key')} "  # noqa: S608 (no user text)
        "GROUP BY person_id ORDER BY COUNT(*) DESC, person_id LIMIT %s"
    )


def most_shared(keys: Collection[str], limit: int) -> list[int]:
    """The ids of the persons holding most of ``keys`` (the most first, then the lowest
    id), at most ``limit`` of them; one statement.

    Keys qualified by a year of birth are read from their postings; a search without
    a year looks up unqualified keys, which are counted from the ``NameKey`` rows.
    """
    wanted = list_param(sorted(keys))
    if not all(is_year_key(key) for key in keys):
        return [person_id for (person_id,) in fetch_prepared(_rows_sql(), [wanted, limit])]
    rows = fetch_prepared(_postings_sql(), [wanted])
    if not rows:
        return []
    ids, shared = numpy.unique(
        numpy.concatenate([unpacked(persons) for (persons,) in rows]), return_counts=True
    )
    # unique ids come ascending: a stable sort on the count keeps the lower id first
    ranked = ids[numpy.argsort(-shared, kind="stable")[:limit]]
    return [int(each) for each in ranked]


def postings_change(person_id: int, removed: Iterable[str], added: Iterable[str]) -> None:
    """The person no longer holds ``removed`` keys and now holds ``added`` ones (keys
    without a year are not posted and left out). Call inside the transaction that
    changes the person's ``NameKey`` rows.

    Each row touched is locked first, in key order; a key's row, once made, stays
    (empty when nobody holds it), so that no writer waits on a row another deletes.
    """
    dropped = {key for key in removed if is_year_key(key)}
    gained = {key for key in added if is_year_key(key)}
    if not dropped and not gained:
        return
    with transaction.atomic():
        new = [KeyPostings(key=key) for key in sorted(gained)]
        KeyPostings.objects.bulk_create(new, ignore_conflicts=True)
        touched = list(
            KeyPostings.objects.select_for_update().filter(key__in=dropped | gained).order_by("key")
        )
        for row in touched:
            ids = unpacked(row.persons)
            kept = numpy.union1d(ids, [person_id]) if row.key in gained else ids[ids != person_id]
            row.persons = _written(kept)
        KeyPostings.objects.bulk_update(touched, ["persons"], batch_size=500)


# PostgreSQL packs each key's ids itself; SQLite's are packed here.
_PACK_PG = "string_agg(int8send(person_id), ''::bytea ORDER BY person_id)"
_BATCH = 5_000


def postings_rebuild(
    name_key: type[models.Model] = NameKey, key_postings: type[models.Model] = KeyPostings
) -> None:
    """Every key's postings made again from the ``NameKey`` rows (after a bulk write,
    and by the migration that made the table, with its historical models)."""
    quote = connection.ops.quote_name
    keys, postings = (quote(model._meta.db_table) for model in (name_key, key_postings))
    year_only, mark = "WHERE key LIKE %s", f"%{YEAR_MARK}%"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {postings}")  # noqa: S608 (the models' own tables)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL work_mem = '256MB'")  # the grouping sorts in memory
            cursor.execute(
                f"INSERT INTO {postings} (key, persons) "  # noqa: S608
                f"SELECT key, {_PACK_PG} FROM {keys} {year_only} GROUP BY key",
                [mark],
            )
            return
        cursor.execute(
            f"SELECT key, person_id FROM {keys} {year_only} ORDER BY key, person_id",  # noqa: S608
            [mark],
        )
        rows = ((key, packed(i for _, i in held)) for key, held in groupby(cursor, itemgetter(0)))
        insert = f"INSERT INTO {postings} (key, persons) VALUES (%s, %s)"  # noqa: S608
        with connection.cursor() as writer:
            while batch := [row for _, row in zip(range(_BATCH), rows, strict=False)]:
                writer.executemany(insert, batch)
