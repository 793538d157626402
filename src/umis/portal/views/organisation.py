"""An organisation's users, and a hotel's guest list upload."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from umis.accounts.models import Agency, User
from umis.core.errors import NotAllowed, UmisError, ValidationFailed
from umis.permits.services.guests import COLUMNS, GuestImport, guests_register
from umis.permits.services.uploads import max_bytes
from umis.portal import services
from umis.portal.forms import GuestsForm, RegisterForm
from umis.portal.views.common import actor_of, applicant_of, portal_login_required, put_errors


def _organisation(user: User) -> Agency:
    if not user.portal_account.is_organisation or user.agency is None:
        raise Http404
    return user.agency


@portal_login_required
@require_http_methods(["GET", "POST"])
def users(request: HttpRequest) -> HttpResponse:
    admin = applicant_of(request)
    organisation = _organisation(admin)
    form = RegisterForm(request.POST or None)
    if form.is_valid():
        try:
            services.organisation_user_add(
                admin=admin,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
            )
        except ValidationFailed as refused:
            put_errors(form, refused.errors)
        except NotAllowed:
            form.add_error(None, _("Only the organisation's manager can add users."))
        else:
            messages.success(request, _("User added."))
            return redirect("portal:users")
    members = User.objects.filter(agency=organisation).order_by("username")
    return render(
        request,
        "portal/users.html",
        {"organisation": organisation, "members": members, "form": form},
    )


@portal_login_required
@require_http_methods(["GET", "POST"])
def guests(request: HttpRequest) -> HttpResponse:
    user = applicant_of(request)
    organisation = _organisation(user)
    if organisation.kind != Agency.Kind.HOST:
        raise Http404
    form = GuestsForm(request.POST or None, request.FILES or None)
    result: GuestImport | None = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > max_bytes():
            form.add_error("file", _("The file is too large."))
        else:
            try:
                result = guests_register(
                    actor=actor_of(request),
                    organisation=organisation,
                    address=form.cleaned_data["address"],
                    city=form.cleaned_data["city"],
                    content=upload.read(),
                )
            except ValidationFailed as refused:
                put_errors(form, refused.errors)
            except UmisError as refused:
                form.add_error("file", refused.message)
    return render(
        request,
        "portal/guests.html",
        {"form": form, "result": result, "columns": ",".join(COLUMNS)},
    )
