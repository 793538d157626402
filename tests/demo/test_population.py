"""The synthetic population: what the generator makes, and what the writer stores."""

from collections import Counter
from io import StringIO
from pathlib import Path
from random import Random

import pytest
from django.core.management import call_command
from pytest_django.fixtures import Settings

from postings_check import postings_by_key, year_keys_by_key
from umis.audit.models import AuditEvent
from umis.core.permissions import Actor
from umis.demo.events import POPULATION_GENERATED
from umis.demo.population.generator import PopulationSpec, generate_population, person_at
from umis.demo.population.nationalities import NATIONALITIES
from umis.demo.population.records import GeneratedPerson
from umis.demo.population.spelling import cyrillic_spelling, feminine_surname, russian_patronymic
from umis.demo.population.truth import TRUTH_FILENAME, truth_read
from umis.demo.population.variants import other_romanisation
from umis.demo.population.writer import SeedMismatch, population_generate
from umis.people.indexing import name_forms_join
from umis.people.models import (
    PERSON_NUMBERS,
    Citizenship,
    Identifier,
    NameKey,
    Person,
    PersonName,
    TravelDocument,
)
from umis.people.names.mrz import parse_mrz
from umis.people.names.transliterate import to_latin
from umis.people.search import SearchCriteria, person_search

SPEC = PopulationSpec(seed=7)
ACTOR = Actor.system("tests")


def generate(
    persons: int, truth: Path | None = None, spec: PopulationSpec = SPEC, workers: int = 0
) -> int:
    return population_generate(
        actor=ACTOR, persons=persons, spec=spec, truth_path=truth, chunk_size=128, workers=workers
    ).generated


# --- the pure generator ---------------------------------------------------------------


def test_the_same_seed_gives_the_same_persons_from_any_start() -> None:
    # when the same population is generated twice, once in two slices
    whole = list(generate_population(SPEC, 0, 200))
    again = list(generate_population(SPEC, 0, 200))
    sliced = [*generate_population(SPEC, 0, 77), *generate_population(SPEC, 77, 123)]

    # then the persons are the same, and another seed gives others
    assert whole == again == sliced
    assert [p.index for p in whole] == list(range(200))
    assert person_at(SPEC, 150) == whole[150]
    other = list(generate_population(PopulationSpec(seed=8), 0, 200))
    assert [p.names for p in other] != [p.names for p in whole]


def test_the_nationality_mix_follows_the_configured_weights() -> None:
    persons = list(generate_population(SPEC, 0, 8000))

    shares = Counter(p.nationality or p.citizenship_status for p in persons)

    for nationality in NATIONALITIES:
        key = nationality.code or "undetermined"
        key = "stateless" if nationality.citizenship_status == "stateless" else key
        assert shares[key] / len(persons) == pytest.approx(nationality.weight / 100, abs=0.025)
    assert sum(n.weight for n in NATIONALITIES) == 100


def test_persons_have_plausible_identities_documents_and_families() -> None:
    persons = list(generate_population(SPEC, 0, 3000))

    sexes = Counter(p.sex for p in persons)
    assert 0.5 < sexes["M"] / len(persons) < 0.7
    ages = [SPEC.as_of.year - p.birth_date.year for p in persons]
    assert 0.05 < sum(age < 18 for age in ages) / len(ages) < 0.2
    assert max(ages) <= 90
    partial = [p for p in persons if p.birth_date.day is None]
    assert 0.005 < len(partial) / len(persons) < 0.05
    assert {p.nationality or p.citizenship_status for p in partial} >= {"AFG"}
    fins = [p.fin for p in persons if p.fin]
    assert 0.2 < len(fins) / len(persons) < 0.4
    assert len(set(fins)) == len(fins)
    assert all(len(f) == 7 and f.isalnum() and f.isupper() for f in fins)
    assert sum(p.address is not None for p in persons) / len(persons) > 0.8
    households = Counter(p.household for p in persons)
    assert max(households.values()) >= 4
    for person in persons:
        documents = person.documents
        assert len(documents) <= 3
        assert all(old.expires_on < SPEC.as_of for old in documents[1:])
        assert all(not old.mrz for old in documents[1:])
        issued = [d.issued_on for d in documents]
        assert issued == sorted(issued, reverse=True)


def test_families_share_surname_and_address_and_children_carry_the_father_name() -> None:
    persons = list(generate_population(SPEC, 0, 3000))
    russians = [p for p in persons if p.names[-1].script == "Cyrl" and p.nationality == "RUS"]
    families: dict[int, list[GeneratedPerson]] = {}
    for person in russians:
        families.setdefault(person.household, []).append(person)

    father, mother, *children = next(f for f in families.values() if len(f) >= 3)

    assert (father.sex, mother.sex) == ("M", "F")
    assert mother.names[1].surname == feminine_surname(father.names[1].surname)
    assert {p.address for p in (father, mother, *children)} == {father.address}
    for child in children:
        expected = russian_patronymic(father.names[1].given_names, child.sex)
        assert child.names[1].patronymic == expected


def test_non_latin_names_keep_their_original_script_next_to_the_passport_form() -> None:
    persons = list(generate_population(SPEC, 0, 3000))
    scripts = Counter(p.names[-1].script for p in persons if len(p.names) == 2)

    assert set(scripts) == {"Cyrl", "Geor", "Arab", "Hani"}
    chinese = next(p for p in persons if p.names[-1].script == "Hani")
    assert chinese.names[0].surname.isascii()
    russian = next(p for p in persons if p.names[-1].script == "Cyrl")
    assert russian.names[0].surname == to_latin(russian.names[1].surname)
    assert russian.names[1].patronymic
    assert not russian.names[0].patronymic


def test_stateless_persons_carry_a_stateless_travel_document_with_code_xxa() -> None:
    stateless = [
        p for p in generate_population(SPEC, 0, 3000) if p.citizenship_status == "stateless"
    ]

    assert stateless
    for person in stateless:
        document = person.documents[0]
        assert person.nationality == ""
        assert (document.kind, document.issuing_state) == ("stateless", "AZE")
        assert parse_mrz(document.mrz, today=SPEC.as_of).nationality == "XXA"


def test_near_duplicates_vary_an_earlier_person() -> None:
    persons = list(generate_population(SPEC, 0, 4000))
    duplicates = [p for p in persons if p.duplicate_of is not None]

    assert 0.01 < len(duplicates) / len(persons) < 0.03
    assert {d.duplicate_of.variation for d in duplicates if d.duplicate_of} == {
        "typo", "romanisation", "swapped", "renewed_passport", "year_only"
    }  # fmt: skip
    for duplicate in duplicates:
        link = duplicate.duplicate_of
        assert link is not None
        original = persons[link.index]
        assert link.index < duplicate.index
        assert link.document == original.documents[0]
        assert duplicate.sex == original.sex
        assert duplicate.birth_date.year == original.birth_date.year


def test_other_romanisations_are_the_common_alternatives() -> None:
    class EveryRule(Random):
        def random(self) -> float:
            return 0.0

    assert other_romanisation(EveryRule(), "IURII") == "YURIY"
    assert other_romanisation(EveryRule(), "MƏMMƏDOV") == "MAMEDOV"
    assert other_romanisation(EveryRule(), "ALIYEV") == "ALIEV"
    assert cyrillic_spelling("Məmmədov") == "Мамедов"
    assert cyrillic_spelling("Əliyev") == "Алиев"
    assert cyrillic_spelling("Hüseynov") == "Гусейнов"


# --- the writer ------------------------------------------------------------------------


@pytest.mark.django_db
def test_generating_300_persons_writes_their_names_keys_and_documents(tmp_path: Path) -> None:
    expected = list(generate_population(SPEC, 0, 300))

    assert generate(300, tmp_path / "truth.jsonl") == 300

    assert Person.objects.count() == 300
    assert PersonName.objects.count() == sum(len(p.names) for p in expected)
    assert TravelDocument.objects.count() == sum(len(p.documents) for p in expected)
    assert Citizenship.objects.count() == sum(bool(p.nationality) for p in expected)
    assert Identifier.objects.filter(kind="fin").count() == sum(bool(p.fin) for p in expected)
    assert set(NameKey.objects.values_list("person", flat=True)) == set(
        Person.objects.values_list("pk", flat=True)
    )
    assert postings_by_key() == year_keys_by_key() != {}  # rebuilt after the write
    assert all(PERSON_NUMBERS.is_valid(n) for n in Person.objects.values_list("number", flat=True))
    for person in Person.objects.prefetch_related("names"):  # the forms services would keep
        forms = [name.comparable for name in person.names.all()]
        assert person.name_forms == name_forms_join(forms) != ""
    event = AuditEvent.objects.get(event_type=POPULATION_GENERATED)
    assert (event.actor_username, event.extra["persons"], event.extra["seed"]) == (
        "system:tests", 300, 7
    )  # fmt: skip


@pytest.mark.django_db
def test_every_newest_passport_mrz_reads_back_as_its_number_and_name() -> None:
    generate(300)

    for person in Person.objects.prefetch_related("documents", "names"):
        documents = list(person.documents.all())
        if not documents:
            assert person.citizenship_status == "undetermined"
            continue
        newest = documents[0]
        name = next(n for n in person.names.all() if n.kind == "document")
        mrz = parse_mrz(newest.mrz, today=SPEC.as_of)
        assert mrz.document_number == newest.number
        assert (mrz.surname, " ".join(mrz.given_names)) == (
            to_latin(name.surname), to_latin(name.given_names)
        )  # fmt: skip


@pytest.mark.django_db
def test_duplicate_truth_points_at_the_persons_in_the_database(tmp_path: Path) -> None:
    truth_path = tmp_path / "truth.jsonl"

    # (with a worker process preparing the chunks ahead)
    generate(1000, truth_path, workers=1)

    truth = truth_read(truth_path)
    expected = [p for p in generate_population(SPEC, 0, 1000) if p.duplicate_of is not None]
    assert [t.duplicate_index for t in truth] == [p.index for p in expected]
    numbers = set(Person.objects.values_list("number", flat=True))
    for row in truth:
        assert {row.duplicate_number, row.original_number} <= numbers
        assert row.duplicate_number != row.original_number
        link = person_at(SPEC, row.duplicate_index).duplicate_of
        assert link is not None
        assert (row.original_index, row.variation) == (link.index, link.variation)
        original = Person.objects.get(number=row.original_number)
        assert original.documents.filter(number=link.document.number).exists()


@pytest.mark.django_db
def test_running_again_tops_up_to_the_same_population_without_duplicating() -> None:
    # given 200 persons
    generate(200)

    # when asked for 300, then for 250
    assert generate(300) == 100
    assert generate(250) == 0

    # then the registry holds the 300 first persons of the population, once each
    assert Person.objects.count() == 300
    newest = {p.documents[0].number for p in generate_population(SPEC, 0, 300) if p.documents}
    stored = set(TravelDocument.objects.values_list("number", flat=True))
    assert newest <= stored
    assert AuditEvent.objects.filter(event_type=POPULATION_GENERATED).count() == 2


@pytest.mark.django_db
def test_topping_up_with_another_seed_is_refused_and_changes_nothing() -> None:
    generate(50)

    with pytest.raises(SeedMismatch):
        generate(80, spec=PopulationSpec(seed=99))

    assert Person.objects.count() == 50
    assert AuditEvent.objects.filter(event_type=POPULATION_GENERATED).count() == 1


@pytest.mark.django_db
def test_a_person_written_in_cyrillic_is_found_by_the_latin_name_of_the_passport() -> None:
    generate(300)
    original = PersonName.objects.filter(kind="original", script="Cyrl").first()
    assert original is not None
    document = PersonName.objects.get(person=original.person_id, kind="document")

    page = person_search(SearchCriteria(text=f"{document.surname} {document.given_names}"))

    assert original.person_id in [hit.person.pk for hit in page.hits]


@pytest.mark.django_db
def test_the_demo_command_tops_up_the_population_and_writes_the_truth_file(
    tmp_path: Path, settings: Settings
) -> None:
    settings.DATA_DIR = tmp_path
    out, progress = StringIO(), StringIO()
    options = ("--no-serve", "--persons", "60", "--seed", "7")

    call_command("demo", *options, stdout=out, stderr=progress)
    call_command("demo", *options, stdout=out, stderr=progress)

    assert "Generated 60 synthetic persons" in out.getvalue()
    assert out.getvalue().count("Persons in the registry: 60.") == 2
    assert "60/60 persons 100%" in progress.getvalue()
    assert Person.objects.count() == 60
    duplicates = [p for p in generate_population(SPEC, 0, 60) if p.duplicate_of]
    assert len(truth_read(tmp_path / TRUTH_FILENAME)) == len(duplicates) == 2
