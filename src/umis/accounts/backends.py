"""How a signed-in session finds its account."""

from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import connection

from umis.accounts.models import Agency, Role, User
from umis.core.sql import columns, fetch_prepared, instance

_USER = tuple(field.attname for field in User._meta.concrete_fields)
_ROLE = tuple(field.attname for field in Role._meta.concrete_fields)
_AGENCY = tuple(field.attname for field in Agency._meta.concrete_fields)


class AccountBackend(ModelBackend):
    """Django's password and permission backend; the account of a session is read with
    its role and agency, which every request's actor needs, in one prepared statement
    (the ORM's building of that query cost several times the query itself)."""

    def get_user(self, user_id: Any) -> User | None:
        user = _account(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


@cache
def _account_sql() -> str:
    table = connection.ops.quote_name
    return (
        f"SELECT {columns(User, _USER, 'u')}, {columns(Role, _ROLE, 'r')}, "  # noqa: S608
        f"{columns(Agency, _AGENCY, 'a')} FROM {table(User._meta.db_table)} u "
        f"LEFT JOIN {table(Role._meta.db_table)} r ON r.id = u.role_id "
        f"LEFT JOIN {table(Agency._meta.db_table)} a ON a.id = u.agency_id "
        "WHERE u.id = %s"
    )


def _account(user_id: Any) -> User | None:
    """The account with its role and agency loaded, as ``select_related`` loads them."""
    rows = fetch_prepared(_account_sql(), [int(user_id)])
    if not rows:
        return None
    row = rows[0]
    user = instance(User, _USER, row[: len(_USER)])
    assert isinstance(user, User)
    role_values = row[len(_USER) : len(_USER) + len(_ROLE)]
    agency_values = row[len(_USER) + len(_ROLE) :]
    User.role.field.set_cached_value(
        user, instance(Role, _ROLE, role_values) if user.role_id is not None else None
    )
    User.agency.field.set_cached_value(
        user, instance(Agency, _AGENCY, agency_values) if user.agency_id is not None else None
    )
    return user
