"""One case for the officer: what was asked, the files, the history and the next actions."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from umis.accounts.models import User
from umis.core import clock
from umis.core.http import UmisRequest
from umis.permits import config
from umis.permits.access import access_application, access_case_upload
from umis.permits.catalogue import QUESTIONS, Service
from umis.permits.forms import AssignForm, ClearanceRequestForm, DecisionForm, NoteForm
from umis.permits.models import Application, Decision
from umis.permits.services import cases, decisions
from umis.permits.services.uploads import upload_path
from umis.permits.views.common import perform
from umis.permits.views.documents import letter_response, permit_response


def _grounds(application: Application) -> list[Any]:
    today = clock.today()
    return [
        *config.grounds_for(application.service, Decision.Outcome.GRANT, today),
        *config.grounds_for(application.service, Decision.Outcome.REFUSE, today),
    ]


def _decision_form(application: Application, data: Any = None) -> DecisionForm:
    determination = application.service == Service.STATUS_DETERMINATION
    return DecisionForm(
        data, grounds=_grounds(application), determination=determination, prefix="dec"
    )


def _forms(
    application: Application, data: dict[str, forms.Form] | None = None
) -> dict[str, forms.Form]:
    built: dict[str, forms.Form] = {
        "assign_form": AssignForm(officers=decisions.officers_of(application.office)),
        "information_form": NoteForm(prefix="info"),
        "clearance_form": ClearanceRequestForm(prefix="clr"),
        "decision_form": _decision_form(application),
        "return_form": NoteForm(prefix="ret"),
    }
    return built | (data or {})


def _render(
    request: UmisRequest,
    application: Application,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    answers = [
        (q.label, application.answers.get(q.name, "")) for q in QUESTIONS[application.service]
    ]
    context = {
        "application": application,
        "answers": answers,
        "actions": application.actions.all(),
        "clearances": application.clearances.select_related("agency"),
        "uploads": application.uploads.all(),
        "decision": getattr(application, "decision", None),
        "permit": getattr(application, "permit", None),
        "can_approve": request.actor.can("permits.approve"),
        "can_process": request.actor.can("permits.process"),
        **_forms(application, bound),
    }
    return render(request, "permits/case.html", context, status=status)


@login_required
@require_GET
def case_view(request: UmisRequest, pk: int) -> HttpResponse:
    application = access_application(actor=request.actor, application_id=pk)
    return _render(request, application)


def _post(
    request: UmisRequest,
    pk: int,
    key: str,
    make_form: Callable[[Application], forms.Form],
    act: Callable[[Application, dict[str, Any]], object],
) -> HttpResponse:
    application = access_application(actor=request.actor, application_id=pk)
    form = make_form(application)
    if form.is_valid() and perform(request, form, lambda: act(application, form.cleaned_data)):
        return redirect("permits:case", pk=pk)
    application.refresh_from_db()
    return _render(request, application, {key: form}, status=400)


@login_required
@require_POST
def assign(request: UmisRequest, pk: int) -> HttpResponse:
    def act(application: Application, data: dict[str, Any]) -> object:
        return cases.application_assign(
            actor=request.actor, application=application, officer=data["officer"]
        )

    return _post(
        request,
        pk,
        "assign_form",
        lambda a: AssignForm(request.POST, officers=decisions.officers_of(a.office)),
        act,
    )


@login_required
@require_POST
def take(request: UmisRequest, pk: int) -> HttpResponse:
    """Assign the case to the officer who clicks."""
    application = access_application(actor=request.actor, application_id=pk)
    me = User.objects.get(pk=request.actor.user_id or 0)
    form = AssignForm(officers=[me])
    if perform(
        request,
        form,
        lambda: cases.application_assign(actor=request.actor, application=application, officer=me),
    ):
        return redirect("permits:case", pk=pk)
    return _render(request, application, {"assign_form": form}, status=400)


@login_required
@require_POST
def request_information(request: UmisRequest, pk: int) -> HttpResponse:
    def act(application: Application, data: dict[str, Any]) -> object:
        return cases.information_request(
            actor=request.actor, application=application, note=data["note"]
        )

    return _post(
        request, pk, "information_form", lambda a: NoteForm(request.POST, prefix="info"), act
    )


@login_required
@require_POST
def request_clearance(request: UmisRequest, pk: int) -> HttpResponse:
    def act(application: Application, data: dict[str, Any]) -> object:
        return decisions.clearance_request(
            actor=request.actor,
            application=application,
            agency=data["agency"],
            question=data["question"],
            working_days=data["working_days"],
        )

    return _post(
        request,
        pk,
        "clearance_form",
        lambda a: ClearanceRequestForm(request.POST, prefix="clr"),
        act,
    )


@login_required
@require_POST
def decide(request: UmisRequest, pk: int) -> HttpResponse:
    def act(application: Application, data: dict[str, Any]) -> object:
        return decisions.decision_make(
            actor=request.actor,
            application=application,
            outcome=data["outcome"],
            grounds=data["grounds"],
            reasons=data["reasons"],
            determined_status=data.get("determined_status", ""),
            determined_country=data.get("determined_country", ""),
        )

    return _post(request, pk, "decision_form", lambda a: _decision_form(a, request.POST), act)


@login_required
@require_POST
def approve(request: UmisRequest, pk: int) -> HttpResponse:
    application = access_application(actor=request.actor, application_id=pk)
    form = NoteForm(prefix="ret")
    if perform(
        request,
        form,
        lambda: decisions.refusal_approve(actor=request.actor, application=application),
    ):
        return redirect("permits:case", pk=pk)
    return _render(request, application, status=400)


@login_required
@require_POST
def send_back(request: UmisRequest, pk: int) -> HttpResponse:
    def act(application: Application, data: dict[str, Any]) -> object:
        return decisions.refusal_return(
            actor=request.actor, application=application, note=data["note"]
        )

    return _post(request, pk, "return_form", lambda a: NoteForm(request.POST, prefix="ret"), act)


@login_required
@require_GET
def case_upload(request: UmisRequest, upload_id: int) -> FileResponse:
    upload = access_case_upload(actor=request.actor, upload_id=upload_id)
    return FileResponse(
        upload_path(upload).open("rb"),
        content_type=upload.content_type,
        filename=upload.original_name,
    )


@login_required
@require_GET
def case_letter(request: UmisRequest, pk: int) -> HttpResponse:
    return letter_response(access_application(actor=request.actor, application_id=pk))


@login_required
@require_GET
def case_permit(request: UmisRequest, pk: int) -> HttpResponse:
    return permit_response(request, access_application(actor=request.actor, application_id=pk))
