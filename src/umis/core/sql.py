"""Raw statements on a hot path, alike on PostgreSQL and SQLite.

A statement whose text does not change from call to call (its lists passed as
one parameter, see :func:`in_list`) is prepared once per connection on
PostgreSQL: parsing and planning are paid at its first run only. Django's own
cursor sends every statement as text with its values bound on the client, so
nothing it runs is prepared; statements run here are not in Django's query log.
"""

import json
from collections.abc import Sequence
from typing import Any

import psycopg
from django.db import connection


def in_list(column: str) -> str:
    """``column`` is one of a list given as a single parameter (see :func:`list_param`)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)"
    return f"{column} IN (SELECT value FROM json_each(%s))"  # noqa: S608 (a column name)


def list_param(values: Sequence[Any]) -> Any:
    """The parameter :func:`in_list` reads: an array on PostgreSQL, JSON text on SQLite."""
    return list(values) if connection.vendor == "postgresql" else json.dumps(list(values))


def fetch_prepared(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` (none for a statement that returns none), prepared on
    PostgreSQL, in the caller's transaction."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows: list[tuple[Any, ...]] = cursor.fetchall() if cursor.description else []
            return rows
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, psycopg.Connection)
    with psycopg.Cursor(raw) as cursor:  # binds on the server, as a prepared statement needs
        cursor.execute(sql, params, prepare=True)
        return cursor.fetchall() if cursor.description else []
