"""Sessions kept in the database, as Django keeps them, read with a prepared statement.

Every signed-in request reads its session first; the ORM's query for it cost more
than the round trip itself. Writing, expiry and clearing are Django's.
"""

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connection
from django.utils import timezone

from umis.core.sql import fetch_prepared


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        """The session's data; an empty session (and no key) when it is unknown or expired."""
        table = connection.ops.quote_name(self.model._meta.db_table)
        rows = fetch_prepared(
            f"SELECT session_data FROM {table} "  # noqa: S608 (the model's own name)
            "WHERE session_key = %s AND expire_date > %s",
            [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
        )
        if not rows:
            self._session_key = None
            return {}
        data: dict[str, Any] = self.decode(rows[0][0])
        return data
