"""Every write of identity resolution: atomic, audited, permission-checked."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from umis.audit.services import record
from umis.core import clock
from umis.core.errors import NotAllowed, ValidationFailed
from umis.core.permissions import Actor, require
from umis.identity import events
from umis.identity.engine.scoring import Evidence
from umis.identity.inputs import records_of
from umis.identity.matcher import Candidate, Identification, identify
from umis.identity.merging import Moves, move_facts, notify, restore_facts
from umis.identity.models import CandidatePair, Merge
from umis.identity.risk import merge_risk
from umis.people import services as people_services
from umis.people.inputs import PersonInput
from umis.people.models import Person

REVIEW_PERMISSION = "identity.review"
MERGE_PERMISSION = "identity.merge"
APPROVE_PERMISSION = "identity.approve_merge"
PURPOSE = "identity_resolution"


@dataclass(frozen=True)
class Proposal:
    first_id: int
    second_id: int
    match_probability: float
    evidence: list[Evidence]


@transaction.atomic
def pairs_propose(*, actor: Actor, proposals: Iterable[Proposal], found_by: str) -> int:
    """Queue new possible duplicates for review; pairs seen before (decided or not) are kept
    as they are, so a *different people* decision is never asked again. Returns how many
    were new."""
    require(actor, REVIEW_PERMISSION)
    now = clock.now()
    rows = [
        CandidatePair(
            first_id=min(p.first_id, p.second_id),
            second_id=max(p.first_id, p.second_id),
            match_probability=p.match_probability,
            evidence=[e.as_json() for e in p.evidence],
            found_by=found_by,
            found_at=now,
        )
        for p in proposals
        if p.first_id != p.second_id
    ]
    known = set(
        CandidatePair.objects.filter(first_id__in={r.first_id for r in rows}).values_list(
            "first_id", "second_id"
        )
    )
    new = [r for r in rows if (r.first_id, r.second_id) not in known]
    CandidatePair.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        record(
            actor=actor,
            event=events.CANDIDATES_FOUND,
            purpose=PURPOSE,
            extra={"found_by": found_by, "pairs": len(new)},
        )
    return len(new)


@transaction.atomic
def pair_decide(*, actor: Actor, pair: CandidatePair, decision: str, note: str = "") -> None:
    """Record an officer's decision; decided pairs become the model's training labels."""
    require(actor, REVIEW_PERMISSION)
    if decision not in CandidatePair.Status.values or decision == CandidatePair.Status.OPEN:
        raise ValidationFailed.single(
            "decision", _("Choose same person, different people or not sure.")
        )
    before = pair.status
    pair.status = decision
    pair.decided_by = actor.username
    pair.decided_at = clock.now()
    pair.note = note.strip()
    pair.save(update_fields=["status", "decided_by", "decided_at", "note"])
    record(
        actor=actor,
        event=events.PAIR_DECIDED,
        subject=pair,
        purpose=PURPOSE,
        extra={"before": before, "decision": decision, "persons": [pair.first_id, pair.second_id]},
    )


def refuse_merged(person: Person, field: str) -> None:
    if person.merged_into_id is not None:
        raise ValidationFailed.single(
            field,
            _("%(number)s was already merged into another record.") % {"number": person.number},
        )


@transaction.atomic
def merge_request(
    *,
    actor: Actor,
    survivor: Person,
    absorbed: Person,
    reason: str,
    pair: CandidatePair | None = None,
) -> Merge:
    """Merge ``absorbed`` into ``survivor``, at once when the risk is low; a risky merge
    waits for a supervisor (:func:`merge_approve`)."""
    require(actor, MERGE_PERMISSION)
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    absorbed = Person.objects.select_for_update().get(pk=absorbed.pk)
    if survivor.pk == absorbed.pk:
        raise ValidationFailed.single("absorbed", _("A record cannot be merged into itself."))
    refuse_merged(survivor, "survivor")
    refuse_merged(absorbed, "absorbed")
    if not reason.strip():
        raise ValidationFailed.single("reason", _("Say why these records are one person."))
    risk, reasons = merge_risk(survivor, absorbed, pair)
    merge = Merge.objects.create(
        survivor=survivor,
        absorbed=absorbed,
        pair=pair,
        status=Merge.Status.AWAITING_APPROVAL,
        risk=risk,
        risk_reasons=reasons,
        reason=reason.strip(),
        requested_by=actor.username,
        requested_at=clock.now(),
    )
    record(
        actor=actor,
        event=events.MERGE_REQUESTED,
        subject=merge,
        purpose=PURPOSE,
        extra={"survivor": survivor.number, "absorbed": absorbed.number, "risk": risk},
    )
    if risk == Merge.Risk.LOW:
        _perform(actor, merge)
    return merge


@transaction.atomic
def merge_approve(*, actor: Actor, merge: Merge) -> Merge:
    """A supervisor carries out a risky merge another officer asked for."""
    require(actor, APPROVE_PERMISSION)
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.status != Merge.Status.AWAITING_APPROVAL:
        raise ValidationFailed.single("merge", _("This merge is not waiting for approval."))
    if merge.requested_by == actor.username:
        raise NotAllowed(APPROVE_PERMISSION)
    refuse_merged(Person.objects.get(pk=merge.survivor_id), "survivor")
    refuse_merged(Person.objects.get(pk=merge.absorbed_id), "absorbed")
    merge.approved_by = actor.username
    _perform(actor, merge)
    return merge


def _perform(actor: Actor, merge: Merge) -> None:
    survivor, absorbed = merge.survivor, merge.absorbed
    with people_services.rows_moving(survivor, absorbed):
        moves = move_facts(absorbed, survivor)
    Person.objects.filter(pk=absorbed.pk).update(merged_into=survivor)
    merge.moved, merge.removed = moves.moved, moves.removed
    merge.status, merge.merged_at = Merge.Status.MERGED, clock.now()
    merge.save()
    if merge.pair_id:
        CandidatePair.objects.filter(pk=merge.pair_id).update(status=CandidatePair.Status.SAME)
    notify(survivor, absorbed)
    record(
        actor=actor,
        event=events.PERSONS_MERGED,
        subject=survivor,
        purpose=PURPOSE,
        extra={"absorbed": absorbed.number, "merge": merge.pk, "moved": moves.moved},
    )


@transaction.atomic
def merge_undo(*, actor: Actor, merge: Merge, reason: str) -> Merge:
    """Unmerge: every row goes back where it was, deleted repeats return with their ids."""
    require(actor, MERGE_PERMISSION)
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.status != Merge.Status.MERGED:
        raise ValidationFailed.single(
            "merge", _("Only a merge that was carried out can be undone.")
        )
    if not reason.strip():
        raise ValidationFailed.single("reason", _("Say why the merge is being undone."))
    survivor = Person.objects.select_for_update().get(pk=merge.survivor_id)
    if survivor.merged_into_id is not None:
        raise ValidationFailed.single(
            "merge", _("The surviving record was merged again since; undo that merge first.")
        )
    absorbed = Person.objects.get(pk=merge.absorbed_id)
    with people_services.rows_moving(survivor, absorbed):
        restore_facts(Moves(merge.moved, merge.removed), absorbed, survivor)
    Person.objects.filter(pk=absorbed.pk).update(merged_into=None)
    merge.status, merge.undone_by, merge.undone_at = (
        Merge.Status.UNDONE,
        actor.username,
        clock.now(),
    )
    merge.save(update_fields=["status", "undone_by", "undone_at"])
    notify(survivor, absorbed)
    record(
        actor=actor,
        event=events.PERSONS_UNMERGED,
        subject=absorbed,
        purpose=PURPOSE,
        extra={"survivor": survivor.number, "merge": merge.pk, "reason": reason.strip()},
    )
    return merge


@dataclass(frozen=True)
class Resolution:
    person: Person
    # None when the source reference was resolved before: nothing was asked or written.
    identification: Identification | None


@transaction.atomic
def person_resolve(
    *, actor: Actor, data: PersonInput, source: str = "", source_ref: str = ""
) -> Resolution:
    """The point of entry: link the newcomer to the one person it surely is, or register
    them; when someone might be them, the new record and each such person go to the
    review queue.

    A link is the actor's registration as much as a new record is: it needs the same
    permission and is recorded (``identity.entry_linked``, with the matcher's
    probability). With ``source_ref`` either is kept: the same reference answers with the
    same person, however the registry has changed since."""
    require(actor, people_services.REGISTER_PERMISSION)
    known = people_services.source_record_person(source, source_ref)
    if known is not None:
        return Resolution(known, None)
    identification = identify(records_of(data))
    if identification.decision == "link":
        assert identification.best is not None
        person = _link(actor, identification.best, source, source_ref)
        return Resolution(person, identification)
    person = people_services.person_register(
        actor=actor, data=data, source=source, source_ref=source_ref
    )
    if identification.decision == "propose":
        pairs_propose(
            actor=Actor.system("identity-matcher"),
            proposals=[
                Proposal(c.person.pk, person.pk, c.probability, c.evidence)
                for c in identification.candidates
            ],
            found_by="point_of_entry",
        )
    return Resolution(person, identification)


def _link(actor: Actor, best: Candidate, source: str, source_ref: str) -> Person:
    person = best.person
    if source_ref:
        person = people_services.source_record_keep(
            person=person, source=source, source_ref=source_ref
        )
    record(
        actor=actor,
        event=events.ENTRY_LINKED,
        subject=person,
        purpose=PURPOSE,
        extra={
            "probability": round(best.probability, 4),
            "matcher": "link",
            "source": source,
            "source_ref": source_ref,
        },
    )
    return person
