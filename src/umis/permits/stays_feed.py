"""Residence-permit periods for the stay engine: days under a TRP or PRP are lawful."""

from collections.abc import Collection, Iterator
from typing import Any

from django.db import connection

from umis.core.rows import as_date
from umis.core.sql import fetch_prepared, in_list, list_param
from umis.permits.models import Permit, PermitKind
from umis.stays.providers import ResidencePeriod


def residence_periods(person_ids: Collection[int] | None) -> Iterator[ResidencePeriod]:
    """The TRP and PRP periods of ``person_ids`` (None: everyone's), revoked ones left out.

    A prepared statement: refreshing one person's stay status asks this on every
    crossing recorded, and building the ORM query cost four times running it.
    """
    if person_ids is not None and not person_ids:
        return
    table = connection.ops.quote_name(Permit._meta.db_table)
    sql = (
        f"SELECT person_id, kind, valid_from, valid_to FROM {table} "  # noqa: S608
        "WHERE kind IN (%s, %s) AND revoked_at IS NULL"
    )
    params: list[Any] = [PermitKind.TRP.value, PermitKind.PRP.value]
    if person_ids is not None:
        sql += f" AND {in_list('person_id')}"
        params.append(list_param(sorted(person_ids)))
    for person_id, kind, valid_from, valid_to in fetch_prepared(sql, params):
        yield ResidencePeriod(
            person_id,
            "TRP" if kind == PermitKind.TRP else "PRP",
            as_date(valid_from),
            as_date(valid_to),
        )
