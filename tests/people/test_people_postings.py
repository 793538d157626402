"""The search keys' postings: the same facts as the NameKey rows, read a row per key."""

import importlib
from collections import Counter

import pytest
from django.apps import apps
from people_factories import registered

from postings_check import postings_by_key, year_keys_by_key
from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.people.indexing import is_year_key, query_keys
from umis.people.inputs import NameInput
from umis.people.models import KeyPostings, NameKey
from umis.people.postings import most_shared, packed, postings_rebuild, unpacked
from umis.people.services import person_name_add, person_update

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system("tests")


def test_ids_pack_sorted_once_and_come_back() -> None:
    value = packed([5, 3_000_000_000, 5, 1])
    assert len(value) == 24
    assert unpacked(value).tolist() == [1, 5, 3_000_000_000]
    assert unpacked(packed([])).tolist() == []


def test_registering_posts_the_person_under_each_of_its_year_keys() -> None:
    first = registered(NameInput("MAMMADOV", "ALI"))
    second = registered(NameInput("MAMEDOV", "ALI"), born="1985-07-01")
    postings = postings_by_key()
    assert postings == year_keys_by_key()
    assert postings["v:ALI@1985"] == sorted([first.pk, second.pk])
    assert not [key for key in postings if not is_year_key(key)]


def test_postings_follow_a_new_name_and_a_new_year_of_birth() -> None:
    person = registered(NameInput("IVANOV", "IVAN"))
    other = registered(NameInput("IVANOV", "PETR"))
    person_name_add(actor=SYSTEM, person=person, name=NameInput("PETROV", "IVAN", kind="alias"))
    assert postings_by_key() == year_keys_by_key()
    assert person.pk in postings_by_key()["v:PATROV@1985"]

    person_update(
        actor=SYSTEM, person=person, changes={"birth_date": PartialDate(1990)}, reason="passport"
    )

    postings = postings_by_key()
    assert postings == year_keys_by_key()
    assert postings["v:IVANOV@1985"] == [other.pk]
    assert postings["v:IVANOV@1990"] == [person.pk]
    assert bytes(KeyPostings.objects.get(key="v:PATROV@1985").persons) == b""  # kept, empty


def test_a_rebuild_gives_what_the_services_kept() -> None:
    registered(NameInput("ALIYEV", "RASHAD"))
    registered(NameInput("Алиев", "Рашад"), born="1985-03-00")
    kept = postings_by_key()
    KeyPostings.objects.all().delete()
    KeyPostings.objects.create(key="v:STALE@1985", persons=packed([1]))

    postings_rebuild()

    assert postings_by_key() == kept == year_keys_by_key()


def test_the_most_sharing_persons_come_first_then_the_lowest_ids() -> None:
    persons = [
        registered(NameInput("HASANOV", "ELCHIN")),
        registered(NameInput("GASANOV", "ELCHIN")),
        registered(NameInput("HASANOV", "ANAR")),
        registered(NameInput("ALIYEV", "ELCHIN")),
        registered(NameInput("PETROV", "IVAN")),
    ]
    keys = query_keys("HASANOV ELCHIN", [1985])
    counted = Counter(
        NameKey.objects.filter(key__in=keys).values_list("person_id", flat=True)
    )  # what grouping the NameKey rows gives
    expected = sorted(counted, key=lambda pk: (-counted[pk], pk))

    assert most_shared(keys, 10) == expected
    assert most_shared(keys, 2) == expected[:2]
    assert set(expected[:2]) == {persons[0].pk, persons[1].pk}
    assert persons[4].pk not in expected


def test_keys_without_a_year_are_counted_from_the_rows() -> None:
    first = registered(NameInput("HASANOV", "ELCHIN"))
    second = registered(NameInput("HASANOV", "ANAR"), born=None)
    keys = query_keys("HASANOV ELCHIN")
    assert not any(is_year_key(key) for key in keys)
    assert most_shared(keys, 10) == [first.pk, second.pk]
    assert most_shared({"v:NOBODY@1985"}, 10) == []


postings_migration = importlib.import_module("umis.people.migrations.0006_key_postings")


def test_the_migration_posts_every_existing_year_key() -> None:
    registered(NameInput("QULIYEV", "KAMRAN"))
    registered(NameInput("Кулиев", "Камран"), born=None)
    KeyPostings.objects.all().delete()  # as before the table was made

    postings_migration.postings_make(apps, None)

    assert postings_by_key() == year_keys_by_key() != {}
