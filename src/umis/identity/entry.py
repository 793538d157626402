"""The point of entry: the matcher answers the registry, and the officer's decision is kept.

Registering a person asks :class:`MatcherAtEntry` (registered with the registry
at start-up) who the newcomer already is. Whoever registers then decides:

* *this is that person* — :func:`person_link` adds what the registration brings
  (another spelling, a renewed passport, a FIN, an address) to the registered
  person instead of creating a second record;
* *someone new* — :func:`person_register_apart` registers them and puts each
  possible match in the review queue next to the new record: decided *different
  people* when the officer may review duplicates (a label the model learns
  from), else open, with the officer's word in the note, for a reviewer.
"""

from collections.abc import Callable
from typing import Any, Final

from django.db import transaction
from django.utils.translation import gettext as _

from umis.audit.services import record
from umis.core import clock
from umis.core.permissions import Actor, require
from umis.identity import events
from umis.identity.engine.scoring import Evidence
from umis.identity.evidence import COMPARISON_NAMES, LEVEL_TEXTS
from umis.identity.inputs import records_of
from umis.identity.matcher import identify
from umis.identity.models import CandidatePair
from umis.identity.services import PURPOSE, REVIEW_PERMISSION, refuse_merged
from umis.people import services as people_services
from umis.people.entry import EntryCheck, EntryEvidence, EntryMatch
from umis.people.indexing import normalise_document_number
from umis.people.inputs import AddressInput, DocumentInput, IdentifierInput, NameInput, PersonInput
from umis.people.models import Person
from umis.people.validation import (
    Problems,
    check_address,
    check_document,
    check_identifier,
    check_name,
    refuse_unstorable,
)

FOUND_AT_ENTRY: Final = "registration"


def _evidence(evidence: Evidence) -> EntryEvidence:
    return EntryEvidence(
        comparison=evidence.comparison,
        level=evidence.level,
        weight=round(evidence.weight, 2),
        comparison_text=str(COMPARISON_NAMES.get(evidence.comparison, evidence.comparison)),
        level_text=str(LEVEL_TEXTS.get(evidence.level, evidence.level)),
    )


def entry_check(data: PersonInput) -> EntryCheck:
    """The interactive matcher's answer for a registration, as the registry reads it."""
    refuse_unstorable(data)
    found = identify(records_of(data))
    matches = [
        EntryMatch(c.person.pk, c.probability, [_evidence(e) for e in c.evidence])
        for c in found.candidates
    ]
    return EntryCheck(found.decision, matches)


def _name_key(surname: str, given_names: str, patronymic: str) -> tuple[str, ...]:
    return tuple(" ".join(part.split()).casefold() for part in (surname, given_names, patronymic))


def _new_facts(person: Person, data: PersonInput) -> dict[str, list[tuple[int, Any]]]:
    """What ``data`` holds that ``person`` has not: each item with its place in ``data``;
    an item ``data`` repeats is new once."""
    held: dict[str, set[Any]] = {
        "names": {
            _name_key(*n) for n in person.names.values_list("surname", "given_names", "patronymic")
        },
        "documents": set(
            person.documents.values_list("issuing_state_id", "kind", "number_normalised")
        ),
        "identifiers": set(person.identifiers.values_list("kind", "value")),
        "addresses": {
            (line.casefold(), city.casefold())
            for line, city in person.addresses.values_list("line", "city")
        },
    }
    given: dict[str, list[tuple[Any, Any]]] = {
        "names": [(_name_key(n.surname, n.given_names, n.patronymic), n) for n in data.names],
        "documents": [
            ((d.issuing_state, d.kind, normalise_document_number(d.number)), d)
            for d in data.documents
        ],
        "identifiers": [((i.kind, i.value.strip().upper()), i) for i in data.identifiers],
        "addresses": [
            ((a.line.strip().casefold(), a.city.strip().casefold()), a) for a in data.addresses
        ],
    }
    new: dict[str, list[tuple[int, Any]]] = {}
    for kind, items in given.items():
        new[kind] = []
        for index, (key, item) in enumerate(items):
            if key not in held[kind]:
                held[kind].add(key)
                new[kind].append((index, item))
    return new


_CHECKS: Final[dict[str, Callable[[Any, Problems, str], None]]] = {
    "names": check_name,
    "documents": check_document,
    "identifiers": check_identifier,
    "addresses": check_address,
}


def _add(actor: Actor, person: Person, kind: str, item: Any) -> None:
    if isinstance(item, NameInput):
        people_services.person_name_add(actor=actor, person=person, name=item)
    elif isinstance(item, DocumentInput):
        people_services.person_document_add(actor=actor, person=person, document=item)
    elif isinstance(item, IdentifierInput):
        people_services.person_identifier_add(actor=actor, person=person, identifier=item)
    elif isinstance(item, AddressInput):
        people_services.person_address_add(actor=actor, person=person, address=item)


@transaction.atomic
def person_link(
    *, actor: Actor, person: Person, data: PersonInput, probability: float | None
) -> Person:
    """The newcomer described by ``data`` is ``person`` (whoever registers said so): the
    names, documents, identifiers and addresses not yet on their record are added to it,
    each refused on its own field as a registration would be; nothing else changes."""
    require(actor, people_services.EDIT_PERMISSION)
    refuse_unstorable(data)
    person = Person.objects.select_for_update().get(pk=person.pk)
    refuse_merged(person, "person")
    new = _new_facts(person, data)
    problems = Problems()
    for kind, items in new.items():
        for index, item in items:
            _CHECKS[kind](item, problems, f"{kind}.{index}")
    problems.raise_if_any()
    for kind, items in new.items():
        for _index, item in items:
            _add(actor, person, kind, item)
    record(
        actor=actor,
        event=events.ENTRY_LINKED,
        subject=person,
        purpose=PURPOSE,
        extra={
            "probability": None if probability is None else round(probability, 4),
            "added": {kind: len(items) for kind, items in new.items() if items},
        },
    )
    return person


def _pair(new: Person, match: EntryMatch, actor: Actor, said: bool, decided: bool) -> CandidatePair:
    now = clock.now()
    statement = _("At registration, %(user)s said these are different people.") % {
        "user": actor.username
    }
    return CandidatePair(
        first_id=min(new.pk, match.person_id),
        second_id=max(new.pk, match.person_id),
        match_probability=match.probability,
        evidence=[
            {"comparison": e.comparison, "level": e.level, "weight": e.weight}
            for e in match.evidence
        ],
        found_by=FOUND_AT_ENTRY,
        found_at=now,
        status=CandidatePair.Status.DIFFERENT if decided else CandidatePair.Status.OPEN,
        decided_by=actor.username if decided else "",
        decided_at=now if decided else None,
        note=statement if said else "",
    )


@transaction.atomic
def person_register_apart(
    *,
    actor: Actor,
    data: PersonInput,
    check: EntryCheck,
    said_different: bool,
    source: str = "",
    source_ref: str = "",
) -> Person:
    """Register the newcomer as a new person although the matcher found possible matches
    (or none), and queue each match beside the new record. When ``actor`` said the matches
    are someone else, that is recorded: as their decision *different people* if they may
    review duplicates (a label), else in the note of the open pair, for a reviewer.

    A ``source_ref`` registered before answers with its person, as
    :func:`~umis.people.services.person_register` does, and queues nothing again."""
    require(actor, people_services.REGISTER_PERMISSION)
    known = people_services.source_record_person(source, source_ref)
    if known is not None:
        return known
    person = people_services.person_register(
        actor=actor, data=data, source=source, source_ref=source_ref
    )
    matches = [m for m in check.matches if m.person_id != person.pk]
    if not matches:
        return person
    decided = said_different and actor.can(REVIEW_PERMISSION)
    CandidatePair.objects.bulk_create(
        [_pair(person, m, actor, said_different, decided) for m in matches]
    )
    record(
        actor=actor,
        event=events.ENTRY_KEPT_APART,
        subject=person,
        purpose=PURPOSE,
        extra={
            "matches": {str(m.person_id): round(m.probability, 4) for m in matches},
            "matcher": check.decision,
            "said_different": said_different,
            "decided": decided,
        },
    )
    return person


class MatcherAtEntry:
    """The registry's :class:`~umis.people.entry.EntryResolver`, backed by the matcher."""

    def check(self, data: PersonInput) -> EntryCheck:
        return entry_check(data)

    def link(self, *, actor: Actor, person: Person, data: PersonInput, check: EntryCheck) -> Person:
        match = check.match_for(person.pk)
        return person_link(
            actor=actor, person=person, data=data, probability=match.probability if match else None
        )

    def register(
        self,
        *,
        actor: Actor,
        data: PersonInput,
        check: EntryCheck,
        said_different: bool,
        source: str = "",
        source_ref: str = "",
    ) -> Person:
        return person_register_apart(
            actor=actor,
            data=data,
            check=check,
            said_different=said_different,
            source=source,
            source_ref=source_ref,
        )
