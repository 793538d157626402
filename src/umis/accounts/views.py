from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from umis.accounts import services
from umis.accounts.forms import SignInForm, client_ip
from umis.accounts.models import User
from umis.core import throttle
from umis.core.http import actor_of


class SignInView(LoginView):
    """Django's sign-in, with failed attempts counted per client address.

    The lock-out (``SignInForm``) slows guessing one user name; the count per address
    slows one client trying many names. Past it nothing is checked, and the page says
    how long to wait.
    """

    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            throttle.check("officer_login", throttle.client_address(request))
        except throttle.Throttled as refused:
            context = self.get_context_data(form=SignInForm(request), throttled=refused.message)
            return throttle.refused_response(self.render_to_response(context), refused)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        throttle.count("officer_login", throttle.client_address(self.request))
        return super().form_invalid(form)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        assert isinstance(user, User)
        services.login_success_record(user=user, ip_address=client_ip(self.request))
        if user.preferred_language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, user.preferred_language, samesite="Lax"
            )
        return response


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if isinstance(request.user, User):
        services.logout_record(user=request.user)
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("accounts:login")


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_password_change(
            actor=actor_of(request), user=user, new_password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, user)
        messages.success(request, _("Your new password is saved."))
        return redirect("core:home")
    return render(request, "accounts/password_change.html", {"form": form})
