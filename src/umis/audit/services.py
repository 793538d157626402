"""Writing to the audit trail."""

from typing import Any

from django.db import connections, transaction
from django.db.models import Model
from django.http import HttpRequest

from umis.audit import events
from umis.audit.chain import GENESIS_HASH, event_hash
from umis.audit.models import AuditEvent, ChainHead
from umis.core import clock
from umis.core.errors import NotAllowed
from umis.core.permissions import Actor


def _locked_head() -> ChainHead:
    try:
        return ChainHead.objects.select_for_update().get(pk=1)
    except ChainHead.DoesNotExist:
        ChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS_HASH})
        return ChainHead.objects.select_for_update().get(pk=1)


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
        head = _locked_head()
        entry = AuditEvent(
            seq=head.seq + 1,
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
            prev_hash=head.hash,
        )
        entry.hash = event_hash(entry)
        _append(entry)
    return entry


_EVENT_FIELDS = [f for f in AuditEvent._meta.concrete_fields if f.attname != "id"]


def _append(entry: AuditEvent) -> None:
    """Insert the event and move the head to it; on PostgreSQL in one statement."""
    connection = connections[AuditEvent.objects.db]
    if connection.vendor != "postgresql":
        entry.save(force_insert=True)
        ChainHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
        return
    quote = connection.ops.quote_name
    events_table, head_table = (quote(m._meta.db_table) for m in (AuditEvent, ChainHead))
    columns = ", ".join(quote(f.attname) for f in _EVENT_FIELDS)
    values = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in _EVENT_FIELDS]
    placeholders = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH added AS (INSERT INTO {events_table} ({columns}) VALUES ({placeholders})"  # noqa: S608 (the model's own names)
            f" RETURNING id, seq, hash) UPDATE {head_table} SET seq = added.seq,"
            f" hash = added.hash FROM added WHERE {head_table}.id = 1 RETURNING added.id",
            values,
        )
        entry.pk = cursor.fetchone()[0]
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
