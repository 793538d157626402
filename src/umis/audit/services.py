"""Writing to the audit trail."""

from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.http import HttpRequest

from umis.audit import events
from umis.audit.chain import GENESIS_HASH, event_hash
from umis.audit.models import AuditEvent, ChainHead
from umis.core import clock
from umis.core.errors import NotAllowed
from umis.core.permissions import Actor
from umis.core.sql import fetch_prepared


def _locked_head() -> tuple[int, str]:
    """The chain head's sequence number and hash, locked to the end of the transaction
    (made at the first event)."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    table = connection.ops.quote_name(ChainHead._meta.db_table)
    sql = f"SELECT seq, hash FROM {table} WHERE id = 1{lock}"  # noqa: S608 (the model's own name)
    rows = fetch_prepared(sql, [])
    if not rows:
        ChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS_HASH})
        rows = fetch_prepared(sql, [])
    seq, head_hash = rows[0]
    return seq, head_hash


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
    """Append one event to the chain inside the caller's transaction.

    Writers are serialised by a row lock on the chain head, held to the end of
    the caller's transaction, so the chain stays a single line under concurrent
    requests on PostgreSQL; on SQLite every write transaction already holds the
    database write lock. No savepoint: when the write fails, the caller's
    transaction fails with it, as it must (nothing happens unrecorded).
    """
    events.ensure_known(event)
    if subject is not None:
        subject_type = subject._meta.label_lower
        subject_id = str(subject.pk)
    with transaction.atomic(savepoint=False):
        head_seq, head_hash = _locked_head()
        entry = AuditEvent(
            seq=head_seq + 1,
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
            prev_hash=head_hash,
        )
        entry.hash = event_hash(entry)
        _append(entry)
    return entry


_EVENT_FIELDS = [f for f in AuditEvent._meta.concrete_fields if f.attname != "id"]


def _append(entry: AuditEvent) -> None:
    """Insert the event and move the head to it; on PostgreSQL in one statement."""
    if connection.vendor != "postgresql":
        entry.save(force_insert=True)
        ChainHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
        return
    quote = connection.ops.quote_name
    events_table, head_table = (quote(m._meta.db_table) for m in (AuditEvent, ChainHead))
    columns = ", ".join(quote(f.attname) for f in _EVENT_FIELDS)
    values = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in _EVENT_FIELDS]
    placeholders = ", ".join(["%s"] * len(values))
    added = fetch_prepared(
        f"WITH added AS (INSERT INTO {events_table} ({columns}) VALUES ({placeholders})"  # noqa: S608 (the model's own names)
        f" RETURNING id, seq, hash) UPDATE {head_table} SET seq = added.seq,"
        f" hash = added.hash FROM added WHERE {head_table}.id = 1 RETURNING added.id",
        values,
    )
    entry.pk = added[0][0]
    entry._state.adding = False
    entry._state.db = connection.alias


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
