"""Search over a generated population: everyone is found by each of their names.

The demo generator gives persons names in their own script (Cyrillic,
Georgian, Persian/Arabic …) beside the travel-document form, and makes
near-duplicates (a typo, another romanisation, name order swapped …). Each
name, and each near-duplicate's name, must find the registered person among
the first ten, narrowed by year of birth as officers search. Names in Chinese
characters are searched as typed, surname first (王 建华).
"""

from collections.abc import Iterator

import pytest

from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.demo.population.generator import PopulationSpec, generate_population
from umis.demo.population.records import GeneratedName, GeneratedPerson
from umis.people.inputs import DocumentInput, NameInput, PersonInput
from umis.people.search import SearchCriteria, person_search
from umis.people.services import person_register

pytestmark = pytest.mark.django_db

POPULATION = 300
Registered = dict[int, str]  # generated index -> person number


def _input(person: GeneratedPerson) -> PersonInput:
    return PersonInput(
        sex=person.sex,
        names=[
            NameInput(n.surname, n.given_names, n.patronymic, kind=n.kind, script=n.script)
            for n in person.names
        ],
        birth_date=person.birth_date,
        citizenship_status=person.citizenship_status,
        citizenships=[person.nationality] if person.nationality else [],
        documents=[
            DocumentInput(d.kind, d.number, d.issuing_state, d.issued_on, d.expires_on)
            for d in person.documents[:1]
        ],
    )


@pytest.fixture
def generated() -> list[GeneratedPerson]:
    return list(generate_population(PopulationSpec(), 0, POPULATION))


@pytest.fixture
def registered(generated: list[GeneratedPerson]) -> Registered:
    """The generated persons registered, near-duplicates left out."""
    return {
        person.index: person_register(actor=Actor.system("tests"), data=_input(person)).number
        for person in generated
        if person.duplicate_of is None
    }


def _text(name: GeneratedName) -> str:
    return " ".join(p for p in (name.surname, name.given_names, name.patronymic) if p)


def _first_ten(name: GeneratedName, born: PartialDate) -> list[str]:
    criteria = SearchCriteria(
        _text(name), birth_date=PartialDate(born.year), birth_mode="year", page_size=10
    )
    return [hit.person.number for hit in person_search(criteria).hits]


def _queries(
    generated: list[GeneratedPerson], kind: str
) -> Iterator[tuple[GeneratedPerson, GeneratedName]]:
    for person in generated:
        for name in person.names:
            if name.kind == kind:
                yield person, name


def _misses(queries: list[tuple[str, GeneratedName, PartialDate]]) -> list[str]:
    """The (expected number, name, date of birth) queries whose person is not in the first ten."""
    return [
        f"{_text(name)} ({name.script})"
        for number, name, born in queries
        if number not in _first_ten(name, born)
    ]


def test_each_name_and_each_near_duplicate_finds_the_registered_person(
    generated: list[GeneratedPerson], registered: Registered
) -> None:
    # given the first persons of the demo population, registered without their near-duplicates
    originals = [p for p in generated if p.duplicate_of is None]
    duplicates = [(p, p.duplicate_of) for p in generated if p.duplicate_of is not None]

    # when each is searched by each of their names, and each near-duplicate by its own
    by_script = [(registered[p.index], n, p.birth_date) for p, n in _queries(originals, "original")]
    by_document = [
        (registered[p.index], n, p.birth_date) for p, n in _queries(originals, "document")
    ]
    by_duplicate = [
        (registered[of.index], p.document_name, p.birth_date) for p, of in duplicates if of
    ]

    # then every search has the person among the first ten
    assert {name.script for _, name, _ in by_script} >= {"Cyrl", "Geor", "Arab", "Hani"}
    assert {of.variation for _, of in duplicates if of} >= {"typo", "romanisation", "swapped"}
    assert {
        "own script": _misses(by_script),
        "travel document": _misses(by_document),
        "near-duplicate": _misses(by_duplicate),
    } == {"own script": [], "travel document": [], "near-duplicate": []}
