"""Persons, officers and pairs for the identity tests, made through the real services."""

from typing import Any

from django.apps import apps
from django.db.models import Model

from factories import UserFactory, agency, role
from umis.accounts.actors import actor_for
from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.identity.merging import person_links
from umis.people.inputs import AddressInput, DocumentInput, IdentifierInput, NameInput, PersonInput
from umis.people.models import Person
from umis.people.services import person_register

SYSTEM = Actor.system("tests")


def person_input(
    surname: str = "MAMMADOV",
    given: str = "ALI",
    *,
    born: str = "1980-05-12",
    sex: str = "M",
    citizenships: tuple[str, ...] = ("AZE",),
    document: str = "",
    original: tuple[str, str] | None = None,
    fin: str = "",
    address: str = "",
) -> PersonInput:
    names = [NameInput(surname, given)]
    if original:
        names.append(NameInput(*original, kind="original"))
    return PersonInput(
        sex=sex,
        names=names,
        birth_date=PartialDate.parse(born),
        citizenships=list(citizenships),
        documents=[DocumentInput("passport", document, citizenships[0])] if document else [],
        identifiers=[IdentifierInput("fin", fin)] if fin else [],
        addresses=[AddressInput("stay", address, "AZE", city="Baku")] if address else [],
    )


def registered(*args: Any, source_ref: str = "", **kwargs: Any) -> Person:
    return person_register(
        actor=SYSTEM, data=person_input(*args, **kwargs), source="tests", source_ref=source_ref
    )


def officer_actor(role_code: str = "case_worker", username: str = "") -> Actor:
    fields = {"username": username} if username else {}
    return actor_for(UserFactory(role=role(role_code), agency=agency("SMS"), **fields))


def person_tables() -> list[type[Model]]:
    """Person and every table that refers to a person (the registry's and later apps')."""
    return [Person, *sorted({link.model for link in person_links()}, key=lambda m: m._meta.label)]


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every person table, every column, in id order."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in person_tables()
    }


def model_of(label: str) -> type[Model]:
    return apps.get_model(label)
