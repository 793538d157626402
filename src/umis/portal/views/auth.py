"""Signing up, in (with an optional authenticator code) and out; two-step set-up."""

from base64 import b64encode
from io import BytesIO

import pyotp
import qrcode  # type: ignore[import-untyped]
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from umis.accounts import services as account_services
from umis.accounts.forms import client_ip
from umis.accounts.models import User
from umis.core.errors import ValidationFailed
from umis.portal import services
from umis.portal.forms import CodeForm, OrganisationRegisterForm, PortalSignInForm, RegisterForm
from umis.portal.models import PortalAccount
from umis.portal.views.common import applicant_of, portal_login_required, put_errors

PENDING_TOTP = "portal_pending_totp_user"


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}) and target.startswith(
        "/portal/"
    ):
        return target
    return "/portal/"


def _enter(request: HttpRequest, user: User) -> HttpResponse:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    account_services.login_success_record(user=user, ip_address=client_ip(request))
    return redirect(_next(request))


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    if form.is_valid():
        try:
            user = services.applicant_register(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                language=get_language() or "az",
            )
        except ValidationFailed as refused:
            put_errors(form, refused.errors)
        else:
            return _enter(request, user)
    return render(
        request,
        "portal/register.html",
        {"form": form, "organisation": False},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def register_organisation(request: HttpRequest) -> HttpResponse:
    form = OrganisationRegisterForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            user = services.organisation_register(
                name=data["name"],
                kind=data["kind"],
                tax_id=data["tax_id"],
                email=data["email"],
                password=data["password"],
                language=get_language() or "az",
            )
        except ValidationFailed as refused:
            put_errors(form, refused.errors)
        else:
            return _enter(request, user)
    return render(
        request,
        "portal/register.html",
        {"form": form, "organisation": True},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = PortalSignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        account = PortalAccount.objects.filter(user=user).first()
        if account is None:
            form.add_error(
                None, _("This is an officer's account. Officers sign in at the UMIS start page.")
            )
        elif account.totp_enabled:
            request.session[PENDING_TOTP] = user.pk
            return redirect(f"/portal/login/code?next={_next(request)}")
        else:
            return _enter(request, user)
    return render(request, "portal/login.html", {"form": form, "next": _next(request)})


@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get(PENDING_TOTP)
    user = User.objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return redirect("portal:login")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if services.totp_valid(user.portal_account, form.cleaned_data["code"]):
            del request.session[PENDING_TOTP]
            return _enter(request, user)
        account_services.login_failure_record(username=user.username, ip_address=client_ip(request))
        form.add_error("code", _("This code is not right. Enter the current one."))
    return render(request, "portal/login_code.html", {"form": form, "next": _next(request)})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:home")


def _qr_data_uri(text: str) -> str:
    buffer = BytesIO()
    qrcode.make(text, box_size=5, border=2).save(buffer)
    return "data:image/png;base64," + b64encode(buffer.getvalue()).decode()


@portal_login_required
@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponse:
    user = applicant_of(request)
    account = user.portal_account
    form = CodeForm(request.POST or None)
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "start":
        services.totp_start(user=user)
        account.refresh_from_db()
        form = CodeForm()
    elif form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if action == "disable":
                services.totp_disable(user=user, code=code)
                messages.success(request, _("Two-step sign-in is off."))
            else:
                services.totp_confirm(user=user, code=code)
                messages.success(request, _("Two-step sign-in is on."))
        except ValidationFailed as refused:
            put_errors(form, refused.errors)
        else:
            return redirect("portal:security")
        account.refresh_from_db()
    context: dict[str, object] = {"account": account, "form": form}
    if account.totp_secret and not account.totp_enabled:
        uri = pyotp.TOTP(account.totp_secret).provisioning_uri(name=user.email, issuer_name="UMIS")
        context |= {"secret": account.totp_secret, "qr": _qr_data_uri(uri)}
    return render(request, "portal/security.html", context)
