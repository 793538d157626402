"""How a signed-in session finds its account."""

from contextvars import ContextVar
from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import connection

from umis.accounts.models import Agency, Role, User
from umis.core.sql import columns, fetch_prepared, instance

_USER = tuple(field.attname for field in User._meta.concrete_fields)
_ROLE = tuple(field.attname for field in Role._meta.concrete_fields)
_AGENCY = tuple(field.attname for field in Agency._meta.concrete_fields)

# The account the request's session brought along, read in the session's statement
# (umis.accounts.sessions): taken once, by the next get_user of that account.
_with_session: ContextVar[User | None] = ContextVar("account_with_session", default=None)


class AccountBackend(ModelBackend):
    """Django's password and permission backend; the account of a session is read with
    its role and agency, which every request's actor needs: with the session itself
    when the session names it, else in one prepared statement of its own (the ORM's
    building of that query cost several times the query itself)."""

    def get_user(self, user_id: Any) -> User | None:
        user = _taken(user_id) or _account(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def keep_for_request(account: User | None) -> None:
    """Hand the account read with the request's session to the coming ``get_user``."""
    _with_session.set(account)


def _taken(user_id: Any) -> User | None:
    account = _with_session.get()
    _with_session.set(None)
    return account if account is not None and str(account.pk) == str(user_id) else None


@cache
def account_columns() -> str:
    """The account's, its role's and its agency's columns, for :func:`account_from_row`."""
    return (
        f"{columns(User, _USER, 'u')}, {columns(Role, _ROLE, 'r')}, {columns(Agency, _AGENCY, 'a')}"
    )


@cache
def account_joins() -> str:
    """The role and agency joined to the account ``u``."""
    table = connection.ops.quote_name
    return (
        f"LEFT JOIN {table(Role._meta.db_table)} r ON r.id = u.role_id "
        f"LEFT JOIN {table(Agency._meta.db_table)} a ON a.id = u.agency_id"
    )


@cache
def _account_sql() -> str:
    table = connection.ops.quote_name(User._meta.db_table)
    return f"SELECT {account_columns()} FROM {table} u {account_joins()} WHERE u.id = %s"  # noqa: S608


def _account(user_id: Any) -> User | None:
    rows = fetch_prepared(_account_sql(), [int(user_id)])
    return account_from_row(rows[0]) if rows else None


def account_from_row(row: tuple[Any, ...]) -> User:
    """The account with its role and agency loaded, as ``select_related`` loads them,
    from the values of :func:`account_columns`."""
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
