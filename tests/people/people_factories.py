"""Persons for the registry tests, registered through the registry's own service."""

from collections.abc import Sequence
from typing import Any

from django.db.models import Model

from factories import UserFactory, agency, role
from umis.accounts.actors import actor_for
from umis.accounts.models import User
from umis.audit.models import AuditEvent
from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.people.inputs import NameInput, PersonInput
from umis.people.models import (
    Address,
    Citizenship,
    Identifier,
    ImportBatch,
    KeyPostings,
    NameKey,
    Person,
    PersonName,
    SourceRecord,
    TravelDocument,
)
from umis.people.services import person_register

REGISTRY_TABLES: tuple[type[Model], ...] = (
    Person,
    PersonName,
    NameKey,
    KeyPostings,
    Citizenship,
    TravelDocument,
    Identifier,
    Address,
    SourceRecord,
    ImportBatch,
    AuditEvent,
)


def person_input(
    *names: NameInput,
    sex: str = "M",
    born: str | None = "1985-03-14",
    citizenships: Sequence[str] = ("RUS",),
    **fields: Any,
) -> PersonInput:
    """A registration of a citizen of Russia born on 14 March 1985, unless told otherwise."""
    return PersonInput(
        sex=sex,
        names=list(names) or [NameInput("IVANOV", "IVAN")],
        birth_date=PartialDate.parse(born) if born else None,
        citizenships=list(citizenships),
        **fields,
    )


def registered(*names: NameInput, **fields: Any) -> Person:
    """A person registered by the system with ``person_input(*names, **fields)``."""
    return person_register(actor=Actor.system("tests"), data=person_input(*names, **fields))


def officer(role_code: str = "front_desk", agency_code: str = "SMS", **fields: Any) -> User:
    """A signed-up officer of ``agency_code`` in the built-in role ``role_code``."""
    return UserFactory(role=role(role_code), agency=agency(agency_code), **fields)


def officer_actor(role_code: str = "front_desk", agency_code: str = "SMS") -> Actor:
    return actor_for(officer(role_code, agency_code))


def row_counts() -> dict[str, int]:
    """How many rows each registry table (and the audit trail) holds."""
    return {model.__name__: model.objects.count() for model in REGISTRY_TABLES}


def events_of(event_type: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=event_type).order_by("seq"))
