"""Writing to the audit trail."""

from functools import cache
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.http import HttpRequest

from umis.audit import events
from umis.audit.chain import GENESIS_HASH, chained_content, event_hash
from umis.audit.models import AuditEvent, ChainHead
from umis.core import clock
from umis.core.errors import NotAllowed
from umis.core.permissions import Actor
from umis.core.sql import fetch_prepared


def record(
    *,
    actor: Actor,
    event: str,
    subject: Model | None = None,
    subject_type: str = "",
    subject_id: str | int = "",
    purpose: str = "",
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction when there is one.

    Writers are serialised by a row lock on the chain head, held to the end of the
    transaction, so the chain stays a single line under concurrent requests. On
    PostgreSQL, locking the head, inserting the event (hashed from the head) and
    moving the head are one statement: a transaction of its own for a caller without
    one, such as a read. On SQLite every write transaction already holds the
    database write lock. No savepoint: when the write fails, the caller's
    transaction fails with it, as it must (nothing happens unrecorded).
    """
    events.ensure_known(event)
    if subject is not None:
        subject_type = subject._meta.label_lower
        subject_id = str(subject.pk)
    entry = AuditEvent(
        at=clock.now(),
        actor_user_id=actor.user_id,
        actor_username=actor.username,
        agency_code=actor.agency_code,
        role_code=actor.role_code,
        event_type=event,
        subject_type=subject_type,
        subject_id=str(subject_id),
        purpose=purpose,
        extra=extra or {},
    )
    if connection.vendor == "postgresql":
        _append_in_one_statement(entry)
    else:
        _append(entry)
    return entry


def _append(entry: AuditEvent) -> None:
    """Lock the head, insert the event after it and move the head to it."""
    with transaction.atomic(savepoint=False):
        head = ChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head, _ = ChainHead.objects.get_or_create(pk=1, defaults=_GENESIS)
        entry.seq, entry.prev_hash = head.seq + 1, head.hash
        entry.hash = event_hash(entry)
        entry.save(force_insert=True)
        ChainHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)


_GENESIS = {"seq": 0, "hash": GENESIS_HASH}
# What the writer gives; the number and both hashes come from the head (the id is made).
_FROM_HEAD = {"id", "seq", "prev_hash", "hash"}
_GIVEN_FIELDS = [f for f in AuditEvent._meta.concrete_fields if f.attname not in _FROM_HEAD]


def _append_in_one_statement(entry: AuditEvent) -> None:
    values = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in _GIVEN_FIELDS]
    params = [*values, chained_content(entry)]
    rows = fetch_prepared(_append_sql(), params)
    if not rows:  # the first event: no head yet
        ChainHead.objects.get_or_create(pk=1, defaults=_GENESIS)
        rows = fetch_prepared(_append_sql(), params)
    entry.pk, entry.seq, entry.prev_hash, entry.hash = rows[0]
    entry._state.adding = False
    entry._state.db = connection.alias


@cache
def _append_sql() -> str:
    """Lock the head, insert the event after it with its hash (SHA-256 of
    ``chain.chained``, the head giving the number and previous hash) and move the head."""
    quote = connection.ops.quote_name
    events_table, head_table = (quote(m._meta.db_table) for m in (AuditEvent, ChainHead))
    columns = ", ".join(quote(f.attname) for f in _GIVEN_FIELDS)
    placeholders = ", ".join(["%s"] * len(_GIVEN_FIELDS))
    canonical = "'[' || head.seq || ',' || %s || ',\"' || head.hash || '\"]'"
    return (
        f"WITH head AS (SELECT seq + 1 AS seq, hash FROM {head_table} WHERE id = 1 FOR UPDATE), "  # noqa: S608 (the models' own names)
        f"added AS (INSERT INTO {events_table} (seq, {columns}, prev_hash, hash) "
        f"SELECT head.seq, {placeholders}, head.hash, "
        f"encode(sha256(convert_to({canonical}, 'UTF8')), 'hex') FROM head "
        "RETURNING id, seq, prev_hash, hash) "
        f"UPDATE {head_table} SET seq = added.seq, hash = added.hash FROM added "
        f"WHERE {head_table}.id = 1 RETURNING added.id, added.seq, added.prev_hash, added.hash"
    )


def record_refusal(request: HttpRequest, exc: BaseException | None) -> None:
    """Note a signed-in actor's attempt at something their role does not allow."""
    actor = getattr(request, "actor", None)
    if not isinstance(exc, NotAllowed) or actor is None or actor.user_id is None:
        return
    record(
        actor=actor,
        event=events.ACCESS_REFUSED,
        extra={"permission": exc.permission, "method": request.method, "path": request.path},
    )
