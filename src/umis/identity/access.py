"""Asking who a traveller is: a read of personal data, authorised and audited."""

from dataclasses import dataclass

from django.db import transaction

from umis.audit.services import record
from umis.core.permissions import Actor
from umis.identity import events
from umis.identity.inputs import records_of
from umis.identity.matcher import Candidate, Identification, identify
from umis.people.access import access_person, authorise_read
from umis.people.inputs import PersonInput
from umis.people.validation import refuse_unstorable


@dataclass(frozen=True)
class Resolved:
    identification: Identification
    candidates: list[Candidate]  # each read through the access helper


@transaction.atomic
def resolve_traveller(*, actor: Actor, data: PersonInput, purpose: str) -> Resolved:
    """Who ``data`` is, for ``actor``: every person the matcher names is read through
    :func:`~umis.people.access.access_person` (one audit event each), and the question
    itself is audited with its decision, as a search is."""
    stated = authorise_read(actor, purpose)
    refuse_unstorable(data)
    found = identify(records_of(data))
    read = [
        Candidate(
            access_person(actor=actor, person_id=c.person.pk, purpose=stated.value),
            c.probability,
            c.evidence,
        )
        for c in found.candidates
    ]
    record(
        actor=actor,
        event=events.TRAVELLER_RESOLVED,
        subject_type="people.person",
        purpose=stated.value,
        extra={"decision": found.decision, "candidates": len(read)},
    )
    return Resolved(found, read)
