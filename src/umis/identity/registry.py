"""Persons of the registry as canonical records, for the engine and the matcher."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final

from django.db import connection
from django.db.models import Prefetch, QuerySet

from umis.identity.engine.canonical import CANONICAL_COLUMNS, Record
from umis.people.models import Address, Person, PersonName, TravelDocument

CHUNK: Final = 2000
MAX_NAMES: Final = 4


def _date(year: int | None, month: int | None, day: int | None) -> str:
    return "" if year is None else f"{year:04d}-{month or 0:02d}-{day or 0:02d}"


def _birth(person: Person) -> str:
    return _date(person.birth_year, person.birth_month, person.birth_day)


def _with_facts(persons: QuerySet[Person]) -> QuerySet[Person]:
    return persons.prefetch_related(
        Prefetch("names", queryset=PersonName.objects.order_by("pk")),
        Prefetch("documents", queryset=TravelDocument.objects.order_by("-issued_on", "-pk")),
        "citizenships",
        Prefetch("addresses", queryset=Address.objects.order_by("-valid_from", "-pk")),
    )


def _record(person: Person, name: PersonName, document: str, nationality: str) -> Record:
    addresses = list(person.addresses.all())
    address = f"{addresses[0].line} {addresses[0].city}".strip() if addresses else ""
    return dict.fromkeys(CANONICAL_COLUMNS, "") | {
        "id": str(person.pk),
        "surname": name.surname,
        "given_names": name.given_names,
        "patronymic": name.patronymic,
        "sex": person.sex,
        "date_of_birth": _birth(person),
        "nationality": nationality,
        "document_number": document,
        "address": address,
    }


def person_record(person: Person) -> Record | None:
    """One record per person: the document name, the newest document, the first citizenship."""
    names = sorted(person.names.all(), key=lambda n: (n.kind != PersonName.Kind.DOCUMENT, n.pk))
    if not names:
        return None
    documents = list(person.documents.all())
    citizenships = sorted(c.country_id for c in person.citizenships.all())
    return _record(
        person,
        names[0],
        documents[0].number_normalised if documents else "",
        citizenships[0] if citizenships else "",
    )


# One round trip for every fact the matcher compares, in SQL that SQLite and
# PostgreSQL both read: a row per fact, tagged with its kind, in the order wanted.
_FACTS_SQL: Final = """
    SELECT 'p', id, 0, sex, CAST(birth_year AS TEXT), CAST(birth_month AS TEXT),
           CAST(birth_day AS TEXT)
      FROM people_person WHERE id IN ({ids}) AND merged_into_id IS NULL
    UNION ALL
    SELECT 'n', person_id, id, surname, given_names, patronymic, NULL
      FROM people_personname WHERE person_id IN ({ids})
    UNION ALL
    SELECT 'd', person_id, id, number_normalised, CAST(issued_on AS TEXT), NULL, NULL
      FROM people_traveldocument WHERE person_id IN ({ids})
    UNION ALL
    SELECT 'c', person_id, id, country_id, NULL, NULL, NULL
      FROM people_citizenship WHERE person_id IN ({ids})
    UNION ALL
    SELECT 'a', person_id, id, line, city, CAST(valid_from AS TEXT), NULL
      FROM people_address WHERE person_id IN ({ids})
"""


@dataclass
class _Facts:
    sex: str = ""
    birth: str = ""
    names: list[tuple[int, str, str, str]] = field(default_factory=list)
    documents: list[tuple[str, int, str]] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    addresses: list[tuple[str, int, str]] = field(default_factory=list)


def _facts(ids: list[int]) -> dict[int, _Facts]:
    found: dict[int, _Facts] = defaultdict(_Facts)
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(_FACTS_SQL.format(ids=placeholders), ids * 5)
        rows = cursor.fetchall()
    alive = {row[1] for row in rows if row[0] == "p"}
    for kind, person_id, row_id, first, second, third, fourth in rows:
        if person_id not in alive:
            continue
        facts = found[person_id]
        if kind == "p":
            year, month, day = (int(v) if v else None for v in (second, third, fourth))
            facts.sex, facts.birth = first, _date(year, month, day)
        elif kind == "n":
            facts.names.append((row_id, first, second or "", third or ""))
        elif kind == "d":
            facts.documents.append((second or "", row_id, first))
        elif kind == "c":
            facts.countries.append(first)
        else:
            facts.addresses.append((third or "", row_id, f"{first} {second or ''}".strip()))
    return found


def candidate_records(ids: Iterable[int], wanted: Record) -> dict[int, list[Record]]:
    """Each active person of ``ids`` written each way the registry knows (one record per
    name, at most :data:`MAX_NAMES`), with the document and citizenship closest to
    ``wanted``. One query, no model objects: this is the matcher's hot path."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    found: dict[int, list[Record]] = {}
    for pk, facts in _facts(ids).items():
        numbers = [number for _, _, number in sorted(facts.documents, reverse=True)]
        countries = sorted(facts.countries)
        addresses = [text for _, _, text in sorted(facts.addresses, reverse=True)]
        document = wanted["document_number"] if wanted["document_number"] in numbers else ""
        nationality = wanted["nationality"] if wanted["nationality"] in countries else ""
        common = dict.fromkeys(CANONICAL_COLUMNS, "") | {
            "id": str(pk),
            "sex": facts.sex,
            "date_of_birth": facts.birth,
            "nationality": nationality or (countries[0] if countries else ""),
            "document_number": document or (numbers[0] if numbers else ""),
            "address": addresses[0] if addresses else "",
        }
        found[pk] = [
            common | {"surname": surname, "given_names": given, "patronymic": patronymic}
            for _, surname, given, patronymic in sorted(facts.names)[:MAX_NAMES]
        ]
    return found


def registry_records() -> Iterator[Record]:
    """Every person not merged away, one record each, read in chunks."""
    active = Person.objects.filter(merged_into__isnull=True).order_by("pk")
    last = 0
    while True:
        chunk = list(_with_facts(active.filter(pk__gt=last))[:CHUNK])
        if not chunk:
            return
        for person in chunk:
            record = person_record(person)
            if record is not None:
                yield record
        last = chunk[-1].pk
