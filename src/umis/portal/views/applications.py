"""The applicant's own applications: start, upload, pay or submit, answer, download."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from umis.accounts.models import User
from umis.core import clock
from umis.core.errors import UmisError, ValidationFailed
from umis.permits import config
from umis.permits.access import access_own_application, access_own_upload, own_applications
from umis.permits.catalogue import ORGANISATION_SERVICES, PERSON_SERVICES, Service, answers_form
from umis.permits.models import Action, Application, RequiredDocument, Status, Upload
from umis.permits.services import cases
from umis.permits.services.uploads import OTHER_DOCUMENT, upload_path, upload_store
from umis.permits.views.documents import letter_response, permit_response
from umis.portal.forms import AnswerForm, TrackForm
from umis.portal.views.common import actor_of, applicant_of, portal_login_required, put_errors

# What the applicant sees of the case history; internal steps stay internal.
SHOWN_ACTIONS = frozenset(
    {
        Action.Kind.CREATE,
        Action.Kind.SUBMIT,
        Action.Kind.REQUEST_INFORMATION,
        Action.Kind.ANSWER_INFORMATION,
        Action.Kind.APPROVE,
        Action.Kind.REFUSE,
        Action.Kind.WITHDRAW,
        Action.Kind.ISSUE,
    }
)


def services_for(user: User) -> list[Service]:
    allowed = ORGANISATION_SERVICES if user.portal_account.is_organisation else PERSON_SERVICES
    return [service for service in Service if service in allowed]


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (isinstance(user, User) and hasattr(user, "portal_account")):
        return render(request, "portal/landing.html")
    applications = Application.objects.filter(own_applications(user)).order_by("-created_at")
    return render(
        request,
        "portal/home.html",
        {
            "applications": applications,
            "services": services_for(user),
            "account": user.portal_account,
        },
    )


@portal_login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, service: str) -> HttpResponse:
    user = applicant_of(request)
    if service not in services_for(user):
        raise Http404
    tracks = config.tracks_for(service, clock.today())
    form = answers_form(service, data=request.POST or None)
    track_form = TrackForm(request.POST or None, tracks=tracks) if tracks else None
    if (
        request.method == "POST"
        and form.is_valid()
        and (track_form is None or track_form.is_valid())
    ):
        organisation = user.agency if user.portal_account.is_organisation else None
        raw = {k: request.POST.get(f"a-{k}", "") for k in form.fields}
        try:
            application = cases.application_create(
                actor=actor_of(request),
                applicant=user,
                service=service,
                track=track_form.cleaned_data["track"] if track_form else "",
                answers=raw,
                organisation=organisation,
                language=get_language() or "az",
            )
        except ValidationFailed as refused:
            put_errors(form, refused.errors)
        except UmisError as refused:
            form.add_error(None, refused.message)
        else:
            return redirect("portal:application", pk=application.pk)
    return render(
        request,
        "portal/apply.html",
        {"form": form, "track_form": track_form, "service": Service(service)},
        status=400 if form.errors else 200,
    )


def _checklist(application: Application) -> list[tuple[RequiredDocument, list[Upload]]]:
    items = config.checklist_for(application.service, application.answers, clock.today())
    uploads = list(application.uploads.all())
    return [(item, [u for u in uploads if u.checklist_code == item.code]) for item in items]


def _detail(
    request: HttpRequest,
    application: Application,
    *,
    rejected: list[str] | None = None,
    answer_form: AnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actions = [a for a in application.actions.all() if a.kind in SHOWN_ACTIONS]
    asked = application.actions.filter(kind=Action.Kind.REQUEST_INFORMATION).last()
    context = {
        "application": application,
        "checklist": _checklist(application),
        "missing": cases.missing_documents(application),
        "actions": actions,
        "question": asked.note if asked and application.status == Status.WAITING_APPLICANT else "",
        "answer_form": answer_form or AnswerForm(),
        "rejected": rejected or [],
        "decision": getattr(application, "decision", None),
        "permit": getattr(application, "permit", None),
        "extra_uploads": application.uploads.filter(checklist_code=OTHER_DOCUMENT),
    }
    return render(request, "portal/application.html", context, status=status)


@portal_login_required
@require_GET
def application_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access_own_application(user=applicant_of(request), application_id=pk))


def _store_files(
    request: HttpRequest, application: Application, codes: list[str]
) -> tuple[int, list[str]]:
    """Keep every acceptable file; say for each refused one what is wrong with it."""
    kept, rejected = 0, list[str]()
    for code in codes:
        for file in request.FILES.getlist(f"doc-{code}"):
            try:
                upload_store(
                    actor=actor_of(request), application=application, checklist_code=code, file=file
                )
            except ValidationFailed as refused:
                rejected.extend(m for messages_ in refused.errors.values() for m in messages_)
            except UmisError as refused:
                rejected.append(refused.message)
            else:
                kept += 1
    return kept, rejected


@portal_login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_own_application(user=applicant_of(request), application_id=pk)
    codes = [item.code for item, _uploads in _checklist(application)]
    kept, rejected = _store_files(request, application, codes)
    if kept:
        kept_message = ngettext("%(count)d file kept.", "%(count)d files kept.", kept)
        messages.success(request, kept_message % {"count": kept})
    if rejected or not kept:
        return _detail(
            request, application, rejected=rejected or [_("Choose a file first.")], status=400
        )
    return redirect("portal:application", pk=pk)


@portal_login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit a service without a fee; a service with a fee is submitted by its payment."""
    application = access_own_application(user=applicant_of(request), application_id=pk)
    if application.fee_amount > 0:
        return redirect("portal:pay", pk=pk)
    try:
        cases.application_submit(actor=actor_of(request), application=application)
    except ValidationFailed as refused:
        return _detail(
            request,
            application,
            rejected=[m for v in refused.errors.values() for m in v],
            status=400,
        )
    except UmisError as refused:
        messages.error(request, refused.message)
    return redirect("portal:application", pk=pk)


@portal_login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_own_application(user=applicant_of(request), application_id=pk)
    form = AnswerForm(request.POST)
    _kept, rejected = _store_files(request, application, [OTHER_DOCUMENT])
    if rejected or not form.is_valid():
        return _detail(request, application, rejected=rejected, answer_form=form, status=400)
    try:
        cases.information_answer(
            actor=actor_of(request), application=application, note=form.cleaned_data["note"]
        )
    except ValidationFailed as refused:
        put_errors(form, refused.errors)
        return _detail(request, application, answer_form=form, status=400)
    except UmisError as refused:
        messages.error(request, refused.message)
    return redirect("portal:application", pk=pk)


@portal_login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_own_application(user=applicant_of(request), application_id=pk)
    try:
        cases.application_withdraw(actor=actor_of(request), application=application)
    except UmisError as refused:
        messages.error(request, refused.message)
    return redirect("portal:application", pk=pk)


@portal_login_required
@require_GET
def own_upload(request: HttpRequest, upload_id: int) -> FileResponse:
    user = applicant_of(request)
    found = access_own_upload(actor=actor_of(request), user=user, upload_id=upload_id)
    return FileResponse(
        upload_path(found).open("rb"), content_type=found.content_type, filename=found.original_name
    )


@portal_login_required
@require_GET
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    return letter_response(access_own_application(user=applicant_of(request), application_id=pk))


@portal_login_required
@require_GET
def permit(request: HttpRequest, pk: int) -> HttpResponse:
    return permit_response(
        request, access_own_application(user=applicant_of(request), application_id=pk)
    )
