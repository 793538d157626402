from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from umis.accounts import services
from umis.core.throttle import client_address


def client_ip(request: Any) -> str:
    """The address sign-ins are recorded with: the one the rate limits count by."""
    return client_address(request) if request else ""


class SignInForm(AuthenticationForm):
    """Django's sign-in form with the lock-out and its cool-off in front of it."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The user name or password is not right. Both are case-sensitive."),
        "locked": _(
            "Too many failed attempts. For your safety, sign-in for this user name is "
            "paused until %(time)s. Try again then, or ask your administrator."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if username:
            self._refuse_if_locked(username)
        try:
            return super().clean()
        except forms.ValidationError:
            if username:
                lock_ends = services.login_failure_record(
                    username=username, ip_address=client_ip(self.request)
                )
                if lock_ends:
                    self._refuse_if_locked(username)
            raise

    def _refuse_if_locked(self, username: str) -> None:
        until = services.locked_until(username)
        if until:
            local = formats.time_format(timezone.localtime(until), "H:i")
            raise forms.ValidationError(
                self.error_messages["locked"], code="locked", params={"time": local}
            )
