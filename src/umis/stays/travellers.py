"""Who crossed: a person named by number, the holder of a known document, or a newcomer
that the registry's matcher links to someone, registers, or registers and queues for review.
"""

from dataclasses import dataclass
from enum import StrEnum

from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.identity import services as identity_services
from umis.people.indexing import normalise_document_number
from umis.people.inputs import DocumentInput, NameInput, PersonInput
from umis.people.models import TravelDocument

DocumentKey = tuple[str, str, str]


class Outcome(StrEnum):
    KNOWN = "known"  # the document is on record
    LINKED = "linked"  # the matcher is sure it is one registered person
    REGISTERED = "registered"  # nobody like them: a new person
    REVIEW = "review"  # a new person, queued with the look-alikes for an officer to decide


@dataclass(frozen=True)
class Traveller:
    """The traveller as the border service describes them."""

    document_kind: str
    document_number: str
    nationality: str
    surname: str = ""
    given_names: str = ""
    sex: str = "X"
    birth_date: PartialDate | None = None

    @property
    def document_key(self) -> DocumentKey:
        return (
            self.nationality,
            self.document_kind,
            normalise_document_number(self.document_number),
        )

    def as_person_input(self) -> PersonInput:
        return PersonInput(
            sex=self.sex or "X",
            names=[NameInput(surname=self.surname, given_names=self.given_names)],
            birth_date=self.birth_date,
            citizenships=[self.nationality] if self.nationality else [],
            documents=[
                DocumentInput(
                    kind=self.document_kind,
                    number=self.document_number,
                    issuing_state=self.nationality,
                )
            ],
        )


def document_holders(keys: set[DocumentKey]) -> dict[DocumentKey, int]:
    """The persons holding these documents (issuing state, kind, normalised number)."""
    rows = TravelDocument.objects.filter(
        number_normalised__in={number for _, _, number in keys}
    ).values_list("issuing_state_id", "kind", "number_normalised", "person_id")
    return {(state, kind, number): person for state, kind, number, person in rows}


def traveller_identify(*, actor: Actor, traveller: Traveller, source: str) -> tuple[int, Outcome]:
    """The person a traveller whose document is not on record is, through the registry's
    interactive matcher: *link* joins a registered person; *propose* registers a new person
    and leaves the look-alikes for an officer's review (nothing is linked automatically);
    *create* registers a new person. Idempotent on the document through the registry: a
    document resolved before answers with the same person (KNOWN), linked or registered."""
    resolution = identity_services.person_resolve(
        actor=actor,
        data=traveller.as_person_input(),
        source=source,
        source_ref=":".join(traveller.document_key),
    )
    if resolution.identification is None:  # this document was resolved before
        return resolution.person.pk, Outcome.KNOWN
    outcome = {
        "link": Outcome.LINKED,
        "propose": Outcome.REVIEW,
        "create": Outcome.REGISTERED,
    }[resolution.identification.decision]
    return resolution.person.pk, outcome
