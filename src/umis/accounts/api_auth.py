"""How API callers prove who they are: a bearer token, or an officer's session."""

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from umis.accounts.actors import actor_for
from umis.accounts.models import User
from umis.accounts.tokens import api_token_user


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user(token)
        if user is not None:
            request.user = user
            request.actor = actor_for(user)  # type: ignore[attr-defined]
        return user


API_AUTH = [BearerToken(), django_auth]
