"""What an engineer would write by hand, on the same data and queries.

Every baseline gets the query written in Latin by the registry's own
``to_latin`` (without it none of them could match a Cyrillic or Georgian query
against Latin names) and the same year of birth, and compares it with each
name's stored Latin form (``PersonName.latin``: surname, given names,
patronymic).

* pg_trgm (PostgreSQL only): a GIN trigram index on the Latin name, the ``%``
  operator and ``ORDER BY similarity(...) LIMIT 10``. The extension and index
  are created in the bench database only; the registry does not use them.
* icontains: ``PersonName.latin`` containing the query, the year of birth filtered.
* rapidfuzz scan: every Latin name held in memory, scored against the query with
  ``fuzz.token_sort_ratio`` (``process.cdist``), the year applied to the scores.
"""

import time
from dataclasses import dataclass

import numpy as np
from django.db import connection
from rapidfuzz import fuzz, process

from people_search_queries import Query
from umis.people.models import PersonName
from umis.people.names.transliterate import to_latin

TOP = 10
TRGM_INDEX = "bench_personname_latin_trgm"


def trgm_prepare() -> float:
    """Create the extension and the GIN index if missing; seconds it took."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRGM_INDEX} ON people_personname "
            "USING gin (latin gin_trgm_ops)"
        )
        cursor.execute("ANALYZE people_personname")
    return time.perf_counter() - started


def trgm_search(query: Query) -> list[str]:
    text = to_latin(query.text)
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT p.number FROM people_personname n
               JOIN people_person p ON p.id = n.person_id
               WHERE n.latin %% %s AND p.birth_year = %s
               ORDER BY similarity(n.latin, %s) DESC LIMIT %s""",
            [text, query.year, text, TOP],
        )
        return _distinct([row[0] for row in cursor.fetchall()])


def icontains_search(query: Query) -> list[str]:
    names = PersonName.objects.filter(
        latin__icontains=to_latin(query.text), person__birth_year=query.year
    )
    return _distinct(list(names.values_list("person__number", flat=True)[:TOP]))


def _distinct(numbers: list[str]) -> list[str]:
    return list(dict.fromkeys(numbers))


@dataclass
class NameScan:
    """Every Latin name in memory, with its person's number and year of birth."""

    names: list[str]
    numbers: list[str]
    years: np.ndarray
    load_seconds: float

    @classmethod
    def load(cls) -> "NameScan":
        started = time.perf_counter()
        rows = PersonName.objects.values_list("latin", "person__number", "person__birth_year")
        names, numbers, years = [], [], []
        for latin, number, year in rows.iterator(chunk_size=50_000):
            names.append(latin)
            numbers.append(number)
            years.append(year or 0)
        return cls(names, numbers, np.array(years), time.perf_counter() - started)

    def search(self, query: Query) -> list[str]:
        scores = process.cdist(
            [to_latin(query.text)], self.names, scorer=fuzz.token_sort_ratio, dtype=np.uint8
        )[0]
        scores[self.years != query.year] = 0
        best = np.argpartition(scores, -TOP * 3)[-TOP * 3 :]
        best = best[np.argsort(scores[best])[::-1]]
        return _distinct([self.numbers[i] for i in best if scores[i] > 0])[:TOP]
