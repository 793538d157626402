"""Signing up, in (with an optional authenticator code) and out; two-step set-up."""

from base64 import b64encode
from io import BytesIO
from typing import Any

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
from umis.core import throttle
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
    login(request, user)
    account_services.login_success_record(user=user, ip_address=client_ip(request))
    return redirect(_next(request))


def _throttled(
    request: HttpRequest, scope: str, template: str, context: dict[str, Any], subject: str = ""
) -> HttpResponse | None:
    """Count a POST of a public form against ``subject`` (by default the client's address).

    Past the limit: the page again (``context`` holds an empty form: a bound sign-in
    form would check the password when shown) saying why, as a 429.
    """
    if request.method != "POST":
        return None
    try:
        throttle.hit(scope, subject or throttle.client_address(request))
    except throttle.Throttled as refused:
        page = render(request, template, context | {"throttled": refused.message})
        return throttle.refused_response(page, refused)
    return None


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"form": RegisterForm(), "organisation": False}
    throttled = _throttled(request, "portal_register", "portal/register.html", context)
    if throttled:
        return throttled
    form = context["form"] = RegisterForm(request.POST or None)
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
    return render(request, "portal/register.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def register_organisation(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"form": OrganisationRegisterForm(), "organisation": True}
    throttled = _throttled(request, "portal_register", "portal/register.html", context)
    if throttled:
        return throttled
    form = context["form"] = OrganisationRegisterForm(request.POST or None)
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
    return render(request, "portal/register.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"form": PortalSignInForm(request), "next": _next(request)}
    throttled = _throttled(request, "portal_login", "portal/login.html", context)
    if throttled:
        return throttled
    form = context["form"] = PortalSignInForm(request, data=request.POST or None)
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
    return render(request, "portal/login.html", context)


@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get(PENDING_TOTP)
    user = User.objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return redirect("portal:login")
    context: dict[str, Any] = {"form": CodeForm(), "next": _next(request)}
    # Six digits fall to a million tries: a few per account, then a pause.
    subject = f"user:{user.pk}"
    throttled = _throttled(request, "portal_code", "portal/login_code.html", context, subject)
    if throttled:
        return throttled
    form = context["form"] = CodeForm(request.POST or None)
    if form.is_valid():
        if services.totp_valid(user.portal_account, form.cleaned_data["code"]):
            del request.session[PENDING_TOTP]
            return _enter(request, user)
        account_services.login_failure_record(username=user.username, ip_address=client_ip(request))
        form.add_error("code", _("This code is not right. Enter the current one."))
    return render(request, "portal/login_code.html", context)


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
    throttled: throttle.Throttled | None = None
    if request.method == "POST" and action == "start":
        services.totp_start(user=user)
        account.refresh_from_db()
        form = CodeForm()
    elif request.method == "POST":
        try:
            # The same count as at sign-in: a stolen session cannot guess its way either.
            throttle.hit("portal_code", f"user:{user.pk}")
        except throttle.Throttled as refused:
            throttled, form = refused, CodeForm()
        else:
            if _code_action(request, user, form, action):
                return redirect("portal:security")
        account.refresh_from_db()
    context: dict[str, object] = {"account": account, "form": form}
    if account.totp_secret and not account.totp_enabled:
        uri = pyotp.TOTP(account.totp_secret).provisioning_uri(name=user.email, issuer_name="UMIS")
        context |= {"secret": account.totp_secret, "qr": _qr_data_uri(uri)}
    if throttled:
        page = render(request, "portal/security.html", context | {"throttled": throttled.message})
        return throttle.refused_response(page, throttled)
    return render(request, "portal/security.html", context)


def _code_action(request: HttpRequest, user: User, form: CodeForm, action: str) -> bool:
    """Turn two-step sign-in on or off with a code; the form says why when refused."""
    if not form.is_valid():
        return False
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
        return False
    return True
