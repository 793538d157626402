"""Linking an application to the person registry: find by passport, or register."""

from dataclasses import replace
from datetime import date
from typing import Any

from umis.core.models import Country
from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.identity import services as identity_services
from umis.people.indexing import normalise_document_number
from umis.people.inputs import DocumentInput, NameInput, PersonInput
from umis.people.models import Person, TravelDocument
from umis.people.validation import validate_person


def person_input(answers: dict[str, Any]) -> PersonInput:
    """What the answers say about the person, as the registry takes it."""
    nationality = answers["nationality"]
    special = Country.objects.filter(code=nationality, is_special=True).exists()
    documents = []
    if answers.get("passport_number"):
        documents.append(
            DocumentInput(
                kind="passport",
                number=answers["passport_number"],
                issuing_state=nationality,
                expires_on=date.fromisoformat(answers["passport_expires_on"]),
                source="portal",
            )
        )
    birth = date.fromisoformat(answers["birth_date"])
    return PersonInput(
        sex=answers["sex"],
        names=[NameInput(surname=answers["surname"], given_names=answers["given_names"])],
        birth_date=PartialDate(birth.year, birth.month, birth.day),
        citizenship_status="undetermined" if special else "citizen",
        citizenships=[] if special else [nationality],
        documents=documents,
    )


def person_check(answers: dict[str, Any]) -> None:
    """Refuse answers the registry would refuse, before anything is stored.

    The passport is left out: a passport already in the registry is how the
    applicant's existing record is found, not a conflict.
    """
    validate_person(replace(person_input(answers), documents=[]))


def person_for(*, actor: Actor, answers: dict[str, Any]) -> Person:
    """The registered holder of the passport given; else whoever the interactive matcher
    surely finds (a renewed passport, another romanisation); else a new registry record,
    with each possible match queued for an officer's review."""
    number = answers.get("passport_number")
    if number:
        document = TravelDocument.objects.filter(
            number_normalised=normalise_document_number(number),
            issuing_state_id=answers["nationality"],
            kind="passport",
        ).first()
        if document is not None:
            return document.person
    resolved = identity_services.person_resolve(
        actor=actor, data=person_input(answers), source="portal"
    )
    return resolved.person
