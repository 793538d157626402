"""Turning an account into the actor every service and access check receives."""

from django.contrib.auth.models import AnonymousUser

from umis.accounts.models import User
from umis.core.permissions import SYSTEM_AGENCY, Actor

ANONYMOUS = Actor(user_id=None, username="anonymous", agency_code="", role_code="anonymous")


def actor_for(user: User | AnonymousUser) -> Actor:
    if not isinstance(user, User) or not user.is_active:
        return ANONYMOUS
    role = user.role
    return Actor(
        user_id=user.pk,
        username=user.get_username(),
        agency_code=user.agency.code if user.agency else SYSTEM_AGENCY,
        role_code=role.code if role else "",
        permissions=frozenset(role.permissions) if role else frozenset(),
    )


def anonymous_from(ip_address: str) -> Actor:
    """Who tried something before signing in: known only by address."""
    return Actor(
        user_id=None, username=f"anonymous@{ip_address}", agency_code="", role_code="anonymous"
    )
