"""Clearances from other agencies and decisions, with four eyes on every refusal."""

from django.db import transaction
from django.utils.translation import gettext as _

from umis.accounts.models import Agency, User
from umis.core import clock
from umis.core.errors import NotAllowed, UmisError, ValidationFailed
from umis.core.permissions import Actor, require
from umis.permits import config, events, notify
from umis.permits.models import Action, Application, Clearance, Decision, LegalGround, Status
from umis.permits.services.cases import ensure_status
from umis.permits.services.determination import determination_clean, determination_record
from umis.permits.services.issue import permit_issue
from umis.permits.services.steps import (
    APPROVE_PERMISSION,
    CLEARANCE_PERMISSION,
    PROCESS_PERMISSION,
    calendar_now,
    locked,
    step,
)

CLEARANCE_AGENCY_KINDS = frozenset({Agency.Kind.POLICE, Agency.Kind.SECURITY, Agency.Kind.LABOUR})
DEFAULT_CLEARANCE_WORKING_DAYS = 5


class FourEyes(UmisError):
    code = "four_eyes"


@transaction.atomic
def clearance_request(
    *,
    actor: Actor,
    application: Application,
    agency: Agency,
    question: str = "",
    working_days: int = DEFAULT_CLEARANCE_WORKING_DAYS,
) -> Clearance:
    """Ask police, security service or labour ministry; the answer is due in working days."""
    require(actor, PROCESS_PERMISSION)
    application = locked(application)
    ensure_status(application, Status.SUBMITTED, Status.IN_REVIEW, Status.WAITING_AGENCY)
    if agency.kind not in CLEARANCE_AGENCY_KINDS:
        raise ValidationFailed.single("agency", _("Clearances go to police, security or labour."))
    if not 1 <= working_days <= 60:
        raise ValidationFailed.single("working_days", _("Give between 1 and 60 working days."))
    clearance = Clearance.objects.create(
        application=application,
        agency=agency,
        question=question.strip(),
        requested_at=clock.now(),
        due_on=calendar_now().add_working_days(clock.today(), working_days),
    )
    step(
        actor=actor,
        application=application,
        kind=Action.Kind.REQUEST_CLEARANCE,
        event=events.CLEARANCE_REQUESTED,
        status=Status.WAITING_AGENCY,
        note=question.strip(),
        data={"agency": agency.code, "due_on": clearance.due_on.isoformat()},
    )
    return clearance


@transaction.atomic
def clearance_answer(*, actor: Actor, clearance: Clearance, answer: str, note: str) -> Clearance:
    """The asked agency answers yes or no with a note; only that agency may."""
    require(actor, CLEARANCE_PERMISSION)
    clearance = Clearance.objects.select_for_update().get(pk=clearance.pk)
    if clearance.agency.code != actor.agency_code:
        raise NotAllowed(CLEARANCE_PERMISSION)
    if clearance.answer:
        raise UmisError(_("This clearance has already been answered."), code="answered")
    if answer not in (Clearance.Answer.YES, Clearance.Answer.NO):
        raise ValidationFailed.single("answer", _("Answer yes or no."))
    if answer == Clearance.Answer.NO and not note.strip():
        raise ValidationFailed.single("note", _("Say why you object."))
    clearance.answer, clearance.note = answer, note.strip()
    clearance.answered_by, clearance.answered_at = actor.username, clock.now()
    clearance.save()
    application = clearance.application
    still_pending = application.clearances.filter(answer="").exists()
    back = application.status == Status.WAITING_AGENCY and not still_pending
    step(
        actor=actor,
        application=application,
        kind=Action.Kind.RECEIVE_CLEARANCE,
        event=events.CLEARANCE_ANSWERED,
        status=Status.IN_REVIEW if back else None,
        note=clearance.note,
        data={"agency": clearance.agency.code, "answer": answer},
    )
    return clearance


def _grounds(application: Application, outcome: str, codes: list[str]) -> list[LegalGround]:
    allowed = {g.code: g for g in config.grounds_for(application.service, outcome, clock.today())}
    if not codes:
        raise ValidationFailed.single("grounds", _("Choose at least one legal ground."))
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        raise ValidationFailed.single(
            "grounds",
            _("Not a ground for this decision: %(codes)s.") % {"codes": ", ".join(unknown)},
        )
    return [allowed[code] for code in codes]


@transaction.atomic
def decision_make(
    *,
    actor: Actor,
    application: Application,
    outcome: str,
    grounds: list[str],
    reasons: str,
    determined_status: str = "",
    determined_country: str = "",
) -> Decision:
    """Decide. A grant takes effect at once (and issues the permit, or for a determination
    of status records what was determined in the registry); a refusal is only proposed
    until a supervisor other than its author approves it."""
    require(actor, PROCESS_PERMISSION)
    if actor.user_id is None:
        raise NotAllowed(PROCESS_PERMISSION)  # a decision is always a named officer's
    application = locked(application)
    ensure_status(application, Status.SUBMITTED, Status.IN_REVIEW)
    if outcome not in Decision.Outcome.values:
        raise ValidationFailed.single("outcome", _("Choose grant or refusal."))
    chosen = _grounds(application, outcome, grounds)
    if outcome == Decision.Outcome.REFUSE and not reasons.strip():
        raise ValidationFailed.single("reasons", _("A refusal must give its reasons."))
    status, country = determination_clean(
        application, outcome, determined_status, determined_country
    )
    Decision.objects.filter(application=application).delete()
    decision = Decision.objects.create(
        application=application,
        outcome=outcome,
        reasons=reasons.strip(),
        proposed_by_id=actor.user_id,
        decided_at=clock.now() if outcome == Decision.Outcome.GRANT else None,
        determined_status=status,
        determined_country=country,
    )
    decision.grounds.set(chosen)
    data: dict[str, object] = {"grounds": [g.code for g in chosen]}
    if status:
        data["determined"] = country.code if country else status
    if outcome == Decision.Outcome.REFUSE:
        step(
            actor=actor,
            application=application,
            kind=Action.Kind.PROPOSE_DECISION,
            event=events.DECISION_PROPOSED,
            status=Status.REFUSAL_PROPOSED,
            note=decision.reasons,
            data=data,
        )
        return decision
    step(
        actor=actor,
        application=application,
        kind=Action.Kind.APPROVE,
        event=events.APPLICATION_GRANTED,
        status=Status.GRANTED,
        note=decision.reasons,
        data=data,
    )
    permit_issue(actor=actor, application=application)
    determination_record(actor=actor, application=application, decision=decision)
    notify.on_commit_decided(application)
    return decision


@transaction.atomic
def refusal_approve(*, actor: Actor, application: Application) -> Decision:
    """A supervisor confirms a proposed refusal; never the officer who proposed it."""
    require(actor, APPROVE_PERMISSION)
    application = locked(application)
    ensure_status(application, Status.REFUSAL_PROPOSED)
    decision = Decision.objects.select_for_update().get(application=application)
    if decision.proposed_by_id == actor.user_id:
        raise FourEyes(_("Another supervisor must approve a refusal you proposed."))
    decision.approved_by_id, decision.decided_at = actor.user_id, clock.now()
    decision.save()
    step(
        actor=actor,
        application=application,
        kind=Action.Kind.REFUSE,
        event=events.APPLICATION_REFUSED,
        status=Status.REFUSED,
        note=decision.reasons,
        data={"proposed_by": decision.proposed_by.username},
    )
    notify.on_commit_decided(application)
    return decision


@transaction.atomic
def refusal_return(*, actor: Actor, application: Application, note: str) -> Application:
    """A supervisor sends a proposed refusal back to the case worker."""
    require(actor, APPROVE_PERMISSION)
    application = locked(application)
    ensure_status(application, Status.REFUSAL_PROPOSED)
    if not note.strip():
        raise ValidationFailed.single("note", _("Say why the proposal goes back."))
    Decision.objects.filter(application=application).delete()
    step(
        actor=actor,
        application=application,
        kind=Action.Kind.RETURN,
        event=events.DECISION_RETURNED,
        status=Status.IN_REVIEW,
        note=note.strip(),
    )
    return application


def officers_of(office: str) -> list[User]:
    return list(
        User.objects.filter(agency__code=office, is_active=True, role__isnull=False).order_by(
            "username"
        )
    )
