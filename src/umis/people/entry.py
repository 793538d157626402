"""The point of entry: who a newcomer already is, asked of a matcher the registry does not name.

Identity resolution registers its matcher here at start-up (a lower app never
imports a higher one). Registering a person — on the officer's screen or
through the API — first asks :func:`entry_resolver` whether the newcomer is
already known: *link* (one person surely is them), *propose* (someone might
be), or *create*. Whoever registers then decides, and the resolver records it.
Without a registered matcher every newcomer is new.
"""

from dataclasses import dataclass, field
from typing import Literal, Protocol

from umis.core.permissions import Actor
from umis.core.purposes import Purpose
from umis.people import services
from umis.people.access import access_person
from umis.people.inputs import PersonInput
from umis.people.models import Person

EntryDecision = Literal["link", "propose", "create"]


@dataclass(frozen=True)
class EntryEvidence:
    """One comparison: its stable code and level, the weight (above 0 speaks for a match),
    and the same in the reader's language."""

    comparison: str
    level: str
    weight: float
    comparison_text: str
    level_text: str


@dataclass(frozen=True)
class EntryMatch:
    person_id: int
    probability: float
    evidence: list[EntryEvidence] = field(default_factory=list)


@dataclass(frozen=True)
class EntryCheck:
    decision: EntryDecision
    matches: list[EntryMatch] = field(default_factory=list)

    def match_for(self, person_id: int) -> EntryMatch | None:
        return next((m for m in self.matches if m.person_id == person_id), None)


class EntryResolver(Protocol):
    def check(self, data: PersonInput) -> EntryCheck:
        """Who ``data`` may already be; reads nothing on anyone's behalf."""

    def link(self, *, actor: Actor, person: Person, data: PersonInput, check: EntryCheck) -> Person:
        """``data`` is ``person``: add what is new in it to them, and record the decision."""

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
        """Register ``data`` as a new person and put each match beside them for review;
        ``said_different`` when whoever registers said the matches are someone else."""


class _EveryoneIsNew:
    def check(self, data: PersonInput) -> EntryCheck:
        return EntryCheck("create")

    def link(self, *, actor: Actor, person: Person, data: PersonInput, check: EntryCheck) -> Person:
        raise NotImplementedError

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
        return services.person_register(
            actor=actor, data=data, source=source, source_ref=source_ref
        )


_resolver: list[EntryResolver] = [_EveryoneIsNew()]


def register_entry_resolver(resolver: EntryResolver) -> None:
    """Set the matcher the registry asks at the point of entry (the last one set wins)."""
    _resolver[0] = resolver


def entry_resolver() -> EntryResolver:
    return _resolver[0]


def known_source_record(*, actor: Actor, source: str, source_ref: str) -> Person | None:
    """The person an earlier call with this source reference registered, if any, read for
    ``actor`` through the access helper (purpose registration, audited): a reference is
    the caller's word, not proof that the record it names is theirs to read."""
    known = services.source_record_person(source, source_ref)
    if known is None:
        return None
    return access_person(actor=actor, person_id=known.pk, purpose=Purpose.REGISTRATION)
