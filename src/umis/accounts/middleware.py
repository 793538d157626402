from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from umis.accounts.actors import actor_for

Handler = Callable[[HttpRequest], HttpResponse]


class ActorMiddleware:
    """Puts ``request.actor`` (user, agency, role, permissions) on every request."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = SimpleLazyObject(lambda: actor_for(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """Holds a user with a one-time password on the change-password page."""

    ALLOWED_PREFIXES = ("/static/", "/i18n/")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if getattr(user, "must_change_password", False) and not self._allowed(request.path):
            return redirect("accounts:password_change")
        return self.get_response(request)

    def _allowed(self, path: str) -> bool:
        exempt = (reverse("accounts:password_change"), reverse("accounts:logout"))
        return path in exempt or path.startswith(self.ALLOWED_PREFIXES)
