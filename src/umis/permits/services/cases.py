"""The life of an application: create, submit, examine, ask, withdraw."""

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from umis.accounts.models import Agency, User
from umis.core import clock
from umis.core.errors import UmisError, ValidationFailed
from umis.core.permissions import Actor, require
from umis.core.services import number_issue
from umis.permits import config, events, notify
from umis.permits.answers import answers_clean, fee_category, validity_months
from umis.permits.catalogue import Service
from umis.permits.deadlines import deadline_after_pause, decision_deadline
from umis.permits.models import OPEN_STATUSES, RECEIPT_NUMBERS, Action, Application, Status
from umis.permits.services.persons import person_check, person_for
from umis.permits.services.registration import registration_record
from umis.permits.services.steps import (
    APPLY_PERMISSION,
    PROCESS_PERMISSION,
    calendar_now,
    locked,
    step,
)

RECEIPT_SERIES = "receipt"


class WrongState(UmisError):
    code = "wrong_state"


def ensure_status(application: Application, *allowed: str) -> None:
    if application.status not in allowed:
        raise WrongState(
            _("This cannot be done while the application is “%(status)s”.")
            % {"status": application.get_status_display()}
        )


@transaction.atomic
def application_create(
    *,
    actor: Actor,
    applicant: User,
    service: str,
    track: str,
    answers: dict[str, Any],
    organisation: Agency | None = None,
    language: str = "az",
) -> Application:
    """Start an application (a draft) from answers that pass every check.

    The fee follows the service, track, validity and applicant category in force
    today; nothing reaches the officers until the draft is submitted.
    """
    require(actor, APPLY_PERMISSION)
    today = clock.today()
    cleaned = answers_clean(service, answers, today=today)
    person_check(cleaned)
    tracks = config.tracks_for(service, today)
    if tracks and track not in tracks:
        raise ValidationFailed.single("track", _("Choose one of the speed tracks offered."))
    fee = config.fee_for(
        service,
        track,
        validity_months(service, cleaned),
        fee_category(service, cleaned, today),
        today,
    )
    application = Application(
        service=service,
        track=track if tracks else "",
        answers=cleaned,
        applicant=applicant,
        organisation=organisation,
        language=language,
        fee_amount=fee,
    )
    step(
        actor=actor,
        application=application,
        kind=Action.Kind.CREATE,
        event=events.APPLICATION_CREATED,
    )
    return application


def missing_documents(application: Application) -> list[str]:
    """Checklist items with no upload yet."""
    uploaded = set(application.uploads.values_list("checklist_code", flat=True))
    checklist = config.checklist_for(application.service, application.answers, clock.today())
    return [str(item.name) for item in checklist if item.code not in uploaded]


def check_complete(application: Application) -> None:
    missing = missing_documents(application)
    if missing:
        raise ValidationFailed(
            {"documents": [_("Still missing: %(document)s.") % {"document": m} for m in missing]}
        )


@transaction.atomic
def application_submit(*, actor: Actor, application: Application) -> Application:
    """Submit a complete, paid draft: receipt number, person link, statutory deadline.

    Registration at the place of stay needs no decision: it is recorded at once
    (Migration Code art. 21). Every other service gets its decision deadline in
    working days from the holiday calendar, counted from the day of submission.
    """
    application = locked(application)
    ensure_status(application, Status.DRAFT)
    check_complete(application)
    now = clock.now()
    application.receipt_number = number_issue(scheme=RECEIPT_NUMBERS, series=RECEIPT_SERIES)
    application.person = person_for(actor=actor, answers=application.answers)
    application.submitted_at = now
    term = config.term_for(application.service, application.track, clock.today())
    if term is not None:
        application.deadline = decision_deadline(calendar_now(), clock.today(), term.working_days)
    status = Status.SUBMITTED
    if application.service == Service.STAY_REGISTRATION:
        registration_record(actor=actor, application=application)
        status = Status.GRANTED
    step(
        actor=actor,
        application=application,
        kind=Action.Kind.SUBMIT,
        event=events.APPLICATION_SUBMITTED,
        status=status,
        data={"deadline": application.deadline.isoformat() if application.deadline else ""},
    )
    notify.on_commit_submitted(application)
    return application


@transaction.atomic
def application_assign(*, actor: Actor, application: Application, officer: User) -> Application:
    """Give the case to an officer of the office that holds it (or take it)."""
    require(actor, PROCESS_PERMISSION)
    application = locked(application)
    ensure_status(application, *OPEN_STATUSES)
    if officer.agency is None or officer.agency.code != application.office:
        raise ValidationFailed.single("officer", _("Choose an officer of this office."))
    application.assigned_to = officer
    status = Status.IN_REVIEW if application.status == Status.SUBMITTED else None
    step(
        actor=actor,
        application=application,
        kind=Action.Kind.ASSIGN,
        event=events.APPLICATION_ASSIGNED,
        status=status,
        data={"officer": officer.username},
    )
    return application


@transaction.atomic
def information_request(*, actor: Actor, application: Application, note: str) -> Application:
    """Ask the applicant for more; the deadline stops where the rules allow."""
    require(actor, PROCESS_PERMISSION)
    application = locked(application)
    ensure_status(application, Status.SUBMITTED, Status.IN_REVIEW, Status.WAITING_AGENCY)
    if not note.strip():
        raise ValidationFailed.single("note", _("Say what the applicant must provide."))
    term = config.term_for(application.service, application.track, clock.today())
    if term is not None and term.pauses_for_applicant:
        application.paused_on = clock.today()
    step(
        actor=actor,
        application=application,
        kind=Action.Kind.REQUEST_INFORMATION,
        event=events.INFORMATION_REQUESTED,
        status=Status.WAITING_APPLICANT,
        note=note.strip(),
        data={"last_upload": application.uploads.aggregate(last=Max("pk"))["last"] or 0},
    )
    notify.on_commit_information_requested(application, note.strip())
    return application


@transaction.atomic
def information_answer(*, actor: Actor, application: Application, note: str) -> Application:
    """The applicant answers; a paused deadline moves by the working days it waited."""
    require(actor, APPLY_PERMISSION)
    application = locked(application)
    ensure_status(application, Status.WAITING_APPLICANT)
    if not note.strip() and not _uploaded_since_asked(application):
        raise ValidationFailed.single("note", _("Write an answer or attach a document."))
    if application.paused_on is not None and application.deadline is not None:
        application.deadline = deadline_after_pause(
            calendar_now(), application.deadline, application.paused_on, clock.today()
        )
    application.paused_on = None
    pending = application.clearances.filter(answer="").exists()
    step(
        actor=actor,
        application=application,
        kind=Action.Kind.ANSWER_INFORMATION,
        event=events.INFORMATION_ANSWERED,
        status=Status.WAITING_AGENCY if pending else Status.IN_REVIEW,
        note=note.strip(),
        data={"deadline": application.deadline.isoformat() if application.deadline else ""},
    )
    return application


def _uploaded_since_asked(application: Application) -> bool:
    asked = application.actions.filter(kind=Action.Kind.REQUEST_INFORMATION).last()
    last_before = (asked.data.get("last_upload") if asked else None) or 0
    return application.uploads.filter(pk__gt=last_before).exists()


@transaction.atomic
def application_withdraw(*, actor: Actor, application: Application) -> Application:
    require(actor, APPLY_PERMISSION)
    application = locked(application)
    ensure_status(application, Status.DRAFT, *OPEN_STATUSES)
    step(
        actor=actor,
        application=application,
        kind=Action.Kind.WITHDRAW,
        event=events.APPLICATION_WITHDRAWN,
        status=Status.WITHDRAWN,
    )
    return application
