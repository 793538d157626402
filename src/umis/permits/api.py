"""Permits API v1: public permit checks; case status and clearances for agency systems."""

from datetime import date
from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status

from umis.core import throttle
from umis.core.api_errors import ERRORS, ErrorBody, ErrorOut
from umis.core.http import actor_of
from umis.core.permissions import require
from umis.permits.access import (
    SHOWN_TO_AGENCIES,
    access_application_by_receipt,
    access_clearance,
)
from umis.permits.models import Clearance
from umis.permits.selectors import clearance_queue
from umis.permits.services.decisions import clearance_answer
from umis.permits.services.steps import CLEARANCE_PERMISSION
from umis.permits.verification import State, parse_number, verdict

router = Router()


class VerdictOut(Schema):
    number: str
    kind: str
    valid_from: date
    valid_to: date
    state: State


class ActionOut(Schema):
    kind: str
    at: str


class ApplicationOut(Schema):
    receipt_number: str
    service: str
    status: str
    decide_by: date | None
    history: list[ActionOut]


class ClearanceOut(Schema):
    id: int
    receipt_number: str
    service: str
    question: str
    due_on: date
    surname: str
    given_names: str
    birth_date: str
    nationality: str
    passport_number: str


class ClearanceAnswerIn(Schema):
    answer: Literal["yes", "no"]
    note: str = Field("", max_length=2000)


@router.get(
    "/verify",
    response={200: VerdictOut, **ERRORS, 429: ErrorOut},
    auth=None,
    summary="Check a permit by its number (public; validity only; rate-limited per client)",
)
def verify(
    request: HttpRequest, response: HttpResponse, number: str
) -> VerdictOut | Status[ErrorOut]:
    try:
        throttle.hit("verify", throttle.client_address(request))
    except throttle.Throttled as refused:
        response["Retry-After"] = str(refused.retry_after)
        return Status(
            throttle.TOO_MANY_REQUESTS,
            ErrorOut(error=ErrorBody(code="throttled", message=refused.message)),
        )
    found = verdict(parse_number(number))
    if found is None:
        raise Http404("No permit has this number.")
    return VerdictOut(
        number=found.number,
        kind=found.kind,
        valid_from=found.valid_from,
        valid_to=found.valid_to,
        state=found.state,
    )


@router.get(
    "/applications/{receipt}",
    response={200: ApplicationOut, **ERRORS},
    summary="Status and history of an application of the caller's office",
)
def application_status(request: HttpRequest, receipt: str) -> ApplicationOut:
    application = access_application_by_receipt(actor=actor_of(request), receipt=receipt)
    return ApplicationOut(
        receipt_number=application.receipt_number or "",
        service=application.service,
        status=application.status,
        decide_by=application.deadline,
        history=[ActionOut(kind=a.kind, at=a.at.isoformat()) for a in application.actions.all()],
    )


def _clearance_out(clearance: Clearance) -> ClearanceOut:
    answers = clearance.application.answers
    return ClearanceOut(
        id=clearance.pk,
        receipt_number=clearance.application.receipt_number or "",
        service=clearance.application.service,
        question=clearance.question,
        due_on=clearance.due_on,
        **{k: str(answers.get(k, "")) for k in SHOWN_TO_AGENCIES if k != "sex"},
    )


@router.get(
    "/clearances",
    response={200: list[ClearanceOut], **ERRORS},
    summary="Clearance requests waiting for the caller's agency",
)
def clearances(request: HttpRequest) -> list[ClearanceOut]:
    actor = actor_of(request)
    require(actor, CLEARANCE_PERMISSION)
    return [_clearance_out(c) for c in clearance_queue(actor)]


@router.post(
    "/clearances/{clearance_id}/answer",
    response={200: ClearanceOut, **ERRORS},
    summary="Answer a clearance request (yes or no; a no needs a note)",
)
def answer(request: HttpRequest, clearance_id: int, body: ClearanceAnswerIn) -> ClearanceOut:
    actor = actor_of(request)
    clearance = access_clearance(actor=actor, clearance_id=clearance_id)
    clearance = clearance_answer(
        actor=actor, clearance=clearance, answer=body.answer, note=body.note
    )
    return _clearance_out(clearance)
