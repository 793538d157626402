"""Officers adding alike names at one moment: every one is posted, no one deadlocks."""

from collections.abc import Callable

import pytest
from people_factories import registered

from concurrency import run_together
from postings_check import postings_by_key, year_keys_by_key
from umis.core.permissions import Actor
from umis.people.inputs import NameInput
from umis.people.models import Person
from umis.people.services import person_name_add

pytestmark = pytest.mark.django_db(transaction=True)

ALIASES = [("MAMMADOV", "ALI"), ("MAMEDOV", "ELI"), ("MAMMADLI", "ALIM"), ("MAMADOV", "VALI")]


def officer_adding_aliases(person: Person, number: int) -> Callable[[], None]:
    actor = Actor.system(f"officer-{number}")
    order = ALIASES[number % 2 :] + ALIASES[: number % 2]  # two orders of the same names

    def add() -> None:
        for surname, given in order:
            name = NameInput(surname, given, kind="alias")
            person_name_add(actor=actor, person=person, name=name)

    return add


def test_names_added_at_once_to_several_persons_are_all_posted() -> None:
    # given six persons born the same year
    persons = [registered(NameInput("QULIYEV", f"KAMRAN{'I' * n}")) for n in range(6)]

    # when six officers each add the same four alike names to one of them at once
    errors = run_together([officer_adding_aliases(p, n) for n, p in enumerate(persons)])

    # then no change was lost: each key's postings hold exactly the persons holding it
    assert errors == []
    postings = postings_by_key()
    assert postings == year_keys_by_key()
    assert postings["v:MAMADOV@1985"] == sorted(person.pk for person in persons)
