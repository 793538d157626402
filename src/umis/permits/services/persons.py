"""Linking an application to the person registry: find by passport, or register."""

from dataclasses import replace
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from umis.core.errors import ValidationFailed
from umis.core.models import Country
from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.identity import services as identity_services
from umis.people.indexing import normalise_document_number
from umis.people.inputs import DocumentInput, NameInput, PersonInput
from umis.people.models import Person, Sex, TravelDocument
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
    passport_holder(answers)


def passport_holder(answers: dict[str, Any]) -> Person | None:
    """The registered holder of the passport given, if any.

    A holder born on another day, or of the other sex, is not the applicant: the
    number was mistyped or is someone else's, and the answers are refused on it
    rather than the application filed in a stranger's record. What is on record
    is not shown.
    """
    number = answers.get("passport_number")
    if not number:
        return None
    document = (
        TravelDocument.objects.filter(
            number_normalised=normalise_document_number(number),
            issuing_state_id=answers["nationality"],
            kind="passport",
        )
        .select_related("person")
        .first()
    )
    if document is None:
        return None
    holder = document.person
    born = date.fromisoformat(answers["birth_date"])
    known = holder.birth_date
    born_agrees = known is None or known.low <= born <= known.high
    sex_agrees = Sex.UNSPECIFIED in (holder.sex, answers["sex"]) or holder.sex == answers["sex"]
    if not (born_agrees and sex_agrees):
        raise ValidationFailed.single(
            "passport_number",
            _(
                "This passport is on record with another date of birth or sex than the ones "
                "given. Check the number, the date of birth and the sex against the passport; "
                "if they are right, contact the migration service."
            ),
        )
    return holder


def person_for(*, actor: Actor, answers: dict[str, Any]) -> Person:
    """The registered holder of the passport given; else whoever the interactive matcher
    surely finds (a renewed passport, another romanisation); else a new registry record,
    with each possible match queued for an officer's review."""
    holder = passport_holder(answers)
    if holder is not None:
        return holder
    resolved = identity_services.person_resolve(
        actor=actor, data=person_input(answers), source="portal"
    )
    return resolved.person
