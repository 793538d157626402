"""Sessions kept in the database as Django keeps them, each with the account signed in
to it (``accounts.Session``), read with that account in one prepared statement.

Every signed-in request reads its session, then its account; one statement for both
spares a round trip to the database on every request. Writing, expiry and clearing
are Django's; the account is taken from the session's data whenever it is saved.
"""

from functools import cache
from typing import Any, cast

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.db import connection
from django.utils import timezone

from umis.accounts.backends import (
    account_columns,
    account_from_row,
    account_joins,
    keep_for_request,
)
from umis.accounts.models import Session, User
from umis.core.sql import fetch_prepared


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls) -> type[Session]:
        return Session

    def create_model_instance(self, data: dict[str, Any]) -> Session:
        session = cast(Session, super().create_model_instance(data))
        signed_in = data.get(SESSION_KEY)
        session.account_id = int(signed_in) if signed_in is not None else None
        return session

    def load(self) -> dict[str, Any]:
        """The session's data; an empty session (and no key) when it is unknown or
        expired. The account it is signed in to is handed to the account backend."""
        rows = fetch_prepared(
            _load_sql(),
            [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
        )
        if not rows:
            self._session_key = None
            keep_for_request(None)
            return {}
        session_data, *account = rows[0]
        keep_for_request(account_from_row(tuple(account)) if account[0] is not None else None)
        data: dict[str, Any] = self.decode(session_data)
        return data


@cache
def _load_sql() -> str:
    table = connection.ops.quote_name
    sessions, users = table(Session._meta.db_table), table(User._meta.db_table)
    return (
        f"SELECT s.session_data, {account_columns()} FROM {sessions} s "  # noqa: S608 (no user text)
        f"LEFT JOIN {users} u ON u.id = s.account_id {account_joins()} "
        "WHERE s.session_key = %s AND s.expire_date > %s"
    )
