"""Persons of the registry as canonical records, for the engine and the matcher."""

from collections.abc import Iterable, Iterator
from typing import Final

from django.db.models import Prefetch, QuerySet

from umis.identity.engine.canonical import CANONICAL_COLUMNS, Record
from umis.people.models import Address, Person, PersonName, TravelDocument

CHUNK: Final = 2000
MAX_NAMES: Final = 4


def _birth(person: Person) -> str:
    if person.birth_year is None:
        return ""
    return f"{person.birth_year:04d}-{person.birth_month or 0:02d}-{person.birth_day or 0:02d}"


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


def person_variants(person: Person, wanted: Record) -> list[Record]:
    """The person written each way the registry knows (names), with the document and
    citizenship closest to ``wanted``: the matcher scores the best of them."""
    documents = [d.number_normalised for d in person.documents.all()]
    document = wanted["document_number"] if wanted["document_number"] in documents else ""
    citizenships = sorted(c.country_id for c in person.citizenships.all())
    nationality = wanted["nationality"] if wanted["nationality"] in citizenships else ""
    return [
        _record(
            person,
            name,
            document or (documents[0] if documents else ""),
            nationality or (citizenships[0] if citizenships else ""),
        )
        for name in list(person.names.all())[:MAX_NAMES]
    ]


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


def persons_with_facts(ids: Iterable[int]) -> list[Person]:
    return list(_with_facts(Person.objects.filter(pk__in=list(ids), merged_into__isnull=True)))
