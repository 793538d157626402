"""Turning an account into the actor every service and access check receives."""

from django.contrib.auth.models import AnonymousUser

from umis.accounts.models import User
from umis.core.permissions import SYSTEM_AGENCY, Actor

ANONYMOUS = Actor(user_id=None, username="anonymous", agency_code="", role_code="anonymous")


def actor_for(user: User | AnonymousUser) -> Actor:
    """The actor of a signed-in account; anonymous when the account is inactive.

    Nothing here is cached across requests: the account, its role and its agency
    are read as they are now, so a deactivated account or a changed role counts
    at the next request. The role and agency come in one query (none when the
    user was loaded with them).
    """
    if not isinstance(user, User) or not user.is_active:
        return ANONYMOUS
    role_code, permissions, agency_code = _role_and_agency(user)
    return Actor(
        user_id=user.pk,
        username=user.get_username(),
        agency_code=agency_code or SYSTEM_AGENCY,
        role_code=role_code or "",
        permissions=frozenset(permissions or ()),
    )


def _role_and_agency(user: User) -> tuple[str | None, list[str] | None, str | None]:
    loaded = User.role.is_cached(user) and User.agency.is_cached(user)
    if loaded or (user.role_id is None and user.agency_id is None):
        role, agency = user.role, user.agency
        return (
            role.code if role else None,
            role.permissions if role else None,
            agency.code if agency else None,
        )
    row = (
        User.objects.filter(pk=user.pk)
        .values_list("role__code", "role__permissions", "agency__code")
        .first()
    )
    return row if row is not None else (None, None, None)


def anonymous_from(ip_address: str) -> Actor:
    """Who tried something before signing in: known only by address."""
    return Actor(
        user_id=None, username=f"anonymous@{ip_address}", agency_code="", role_code="anonymous"
    )
