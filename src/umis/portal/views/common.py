"""What every portal page needs: the signed-in applicant and their actor."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect

from umis.accounts.models import User
from umis.core.permissions import Actor
from umis.permits.actors import applicant_actor

View = Callable[..., HttpResponseBase]


def applicant_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def actor_of(request: HttpRequest) -> Actor:
    return applicant_actor(applicant_of(request))


def portal_login_required(view: View) -> View:
    """Only signed-in portal accounts; officers' accounts are sent to sign in here."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not (isinstance(user, User) and hasattr(user, "portal_account")):
            return redirect(f"/portal/login?next={request.path}")
        return view(request, *args, **kwargs)

    return wrapper


def put_errors(form: Any, errors: dict[str, list[str]]) -> None:
    for field, messages in errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
