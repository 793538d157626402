"""Data migrations of the registry, run against data as the earlier code left it."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.people.indexing import keys_for_names, name_forms_join, name_forms_split
from umis.people.inputs import NameInput, PersonInput
from umis.people.models import NameKey, Person, PersonName
from umis.people.names.keys import comparable_form
from umis.people.search import SearchCriteria, person_search
from umis.people.services import person_register

pytestmark = pytest.mark.django_db

han_name_keys = importlib.import_module("umis.people.migrations.0003_han_name_keys")


def _register(names: list[NameInput]) -> int:
    data = PersonInput(
        sex="M", names=names, birth_date=PartialDate(1980, 5, 1), citizenship_status="stateless"
    )
    return person_register(actor=Actor.system("tests"), data=data).pk


def _keys(person_id: int) -> set[str]:
    return set(NameKey.objects.filter(person_id=person_id).values_list("key", flat=True))


def test_names_in_chinese_characters_get_their_latin_form_and_keys() -> None:
    # given a Chinese person and a Russian one, stored as before Han was transliterated
    chinese = _register(
        [NameInput("SHAN", "TIANFANG", kind="document"), NameInput("单", "田芳", kind="original")]
    )
    russian = _register([NameInput("Иванов", "Иван", kind="original")])
    russian_keys = _keys(russian)
    PersonName.objects.filter(person_id=chinese, surname="单").update(latin="")
    NameKey.objects.filter(person_id=chinese).delete()
    NameKey.objects.create(person_id=chinese, key="p:stale")

    # when the migration runs
    han_name_keys.han_keys_rebuild(apps, None)

    # then the Chinese name has its Latin form and the person all their keys again
    assert PersonName.objects.get(person_id=chinese, surname="单").latin == "SHAN TIANFANG"
    assert _keys(chinese) == keys_for_names([("SHAN", "TIANFANG", ""), ("单", "田芳", "")], 1980)
    assert _keys(russian) == russian_keys
    criteria = SearchCriteria("单田芳", birth_date=PartialDate(1980), birth_mode="year")
    assert [hit.person.pk for hit in person_search(criteria).hits] == [chinese]


comparable_forms = importlib.import_module("umis.people.migrations.0004_personname_comparable")


def test_every_stored_name_gets_the_form_search_compares(monkeypatch: pytest.MonkeyPatch) -> None:
    # given names stored before the comparable form was kept
    person = _register(
        [NameInput("MAMMADOV", "ELCHIN", kind="document"), NameInput("Мамедов", "Эльчин")]
    )
    PersonName.objects.update(comparable="")

    # when the migration runs, in batches smaller than the names
    monkeypatch.setattr(comparable_forms, "BATCH", 1)
    comparable_forms.comparable_forms_write(apps, None)

    # then each of the person's names holds its form
    names = PersonName.objects.filter(person_id=person)
    for surname, given, patronymic, form in names.values_list(
        "surname", "given_names", "patronymic", "comparable"
    ):
        assert form == comparable_form(surname, given, patronymic) != ""


name_forms = importlib.import_module("umis.people.migrations.0005_person_name_forms")


def test_every_person_gets_the_forms_of_its_names_and_is_found_by_them() -> None:
    # given persons stored before their name forms were kept with them
    person = _register(
        [
            NameInput("MAMMADOV", "ELCHIN", kind="document"),
            NameInput("Мамедов", "Эльчин"),  # the same form as the first
            NameInput("MAMMADLI", "ELCHIN", kind="alias"),
        ]
    )
    nameless = _register([NameInput("Иванов", "Иван")])
    PersonName.objects.filter(person_id=nameless).delete()
    Person.objects.update(name_forms="")
    criteria = SearchCriteria("Məmmədov Elçin", birth_date=PartialDate(1980), birth_mode="year")
    assert person_search(criteria).hits == []  # nothing to compare

    # when the migration runs
    name_forms.name_forms_write(apps, SimpleNamespace(connection=connection))  # type: ignore[arg-type]

    # then each person holds the distinct forms of its names, and is found again
    forms = PersonName.objects.filter(person_id=person).values_list("comparable", flat=True)
    assert Person.objects.get(pk=person).name_forms == name_forms_join(forms)
    assert len(name_forms_split(Person.objects.get(pk=person).name_forms)) == len(set(forms)) == 2
    assert Person.objects.get(pk=nameless).name_forms == ""
    assert [hit.person.pk for hit in person_search(criteria).hits] == [person]
