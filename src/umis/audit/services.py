"""Writing to the audit trail."""

from typing import Any

from django.db import transaction
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

    Writers are serialised by a row lock on the chain head, so the chain stays
    a single line under concurrent requests on PostgreSQL; on SQLite every write
    transaction already holds the database write lock.
    """
    events.ensure_known(event)
    if subject is not None:
        subject_type = subject._meta.label_lower
        subject_id = str(subject.pk)
    with transaction.atomic():
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
        entry.save(force_insert=True)
        head.seq, head.hash = entry.seq, entry.hash
        head.save(update_fields=["seq", "hash"])
    return entry


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
