"""Raw statements on a hot path, alike on PostgreSQL and SQLite.

A statement whose text does not change from call to call (its lists passed as
one parameter, see :func:`in_list`) is prepared once per connection on
PostgreSQL: parsing and planning are paid at its first run only (the settings
let psycopg prepare what :func:`fetch_prepared` marks, and :func:`plan_once`
keeps each prepared statement's generic plan). Django's own cursor sends every
statement as text with its values bound on the client, so nothing it runs is
prepared; statements run here are not in Django's query log.
"""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import psycopg
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DEFERRED, Model


def in_list(column: str) -> str:
    """``column`` is one of a list given as a single parameter (see :func:`list_param`)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)"
    return f"{column} IN (SELECT value FROM json_each(%s))"  # noqa: S608 (a column name)


def list_param(values: Sequence[int | str]) -> str:
    """The parameter :func:`in_list` reads: on PostgreSQL an array written as text, whose
    type the statement gives it (the column's); on SQLite JSON text.

    Writing the array costs less than psycopg's adapting a list, element by element, on
    every run of a prepared statement.
    """
    if connection.vendor != "postgresql":
        return json.dumps([_listable(value) for value in values])
    return "{" + ",".join(_array_element(_listable(value)) for value in values) + "}"


def _listable(value: int | str) -> int | str:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"a list parameter holds numbers or texts, not {type(value).__name__}")
    return value


def _array_element(value: int | str) -> str:
    if isinstance(value, int):
        return str(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


_ROWS = psycopg.pq.ExecStatus.TUPLES_OK


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
        # (the result's status, not the cursor's description: that builds an object per column)
        returned = cursor.pgresult is not None and cursor.pgresult.status == _ROWS
        return cursor.fetchall() if returned else []


def plan_once(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """On a new PostgreSQL connection, plan each prepared statement once for any values
    (the statements prepared here look rows up by keys and ids, where one plan fits
    all); left to itself, PostgreSQL plans a statement anew for its first five runs
    and keeps doing so whenever it guesses a plan for the values would be cheaper."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_generic_plan")


def columns(model: type[Model], fields: Sequence[str], alias: str = "") -> str:
    """The quoted columns of ``fields`` (attribute names), each prefixed with ``alias.``."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(f"{prefix}{connection.ops.quote_name(name)}" for name in fields)


Converter = Callable[[Any, Any, Any], Any]


def instance(model: type[Model], fields: Sequence[str], values: Sequence[Any]) -> Model:
    """A model instance from raw ``values`` of ``fields`` (attribute names, in any order),
    each converted as the ORM converts what it reads (JSON text, SQLite's dates and
    booleans); fields not given are loaded when first used."""
    plan = _plan(model, tuple(fields))
    converted = list(values)
    for position, column, converters in plan.converters:
        value = converted[position]
        for convert in converters:
            value = convert(value, column, connection)
        converted[position] = value
    # a value for every concrete field, in their order, as Model.from_db would make them
    ordered = [DEFERRED if at is None else converted[at] for at in plan.positions]
    return model.from_db(connection.alias, plan.names, ordered)


@dataclass(frozen=True)
class _Plan:
    converters: list[tuple[int, Any, list[Converter]]]  # position, column, its converters
    positions: list[int | None]  # for each concrete field, its position in the values
    names: list[str]  # the concrete fields' attribute names


@cache
def _plan(model: type[Model], fields: tuple[str, ...]) -> _Plan:
    table = model._meta.db_table
    concrete = {f.attname: f for f in model._meta.concrete_fields}
    converters = []
    for position, name in enumerate(fields):
        column = concrete[name].get_col(table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((position, column, found))
    at = {name: position for position, name in enumerate(fields)}
    return _Plan(converters, [at.get(name) for name in concrete], list(concrete))
