"""Reading the audit trail."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from umis.audit.chain import GENESIS_HASH, Break, first_break
from umis.audit.models import AuditEvent, ChainHead

VERIFY_BATCH = 5000


@contextmanager
def _one_snapshot() -> Iterator[None]:
    """Read the head and the events as of one moment, while writers carry on.

    Otherwise an event appended between the two reads looks like a forgery.
    SQLite's write lock gives the snapshot (and holds writers back meanwhile).
    """
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def chain_verify() -> tuple[int, Break | None]:
    """Re-compute the whole chain; return the number of sound events and the first break."""
    with _one_snapshot():
        head = ChainHead.objects.filter(pk=1).first()
        head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS_HASH)
        events = AuditEvent.objects.order_by("seq").iterator(chunk_size=VERIFY_BATCH)
        return first_break(events, head_seq=head_seq, head_hash=head_hash)


def events_for(*, subject_type: str, subject_id: str) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(subject_type=subject_type, subject_id=subject_id).order_by("seq")
    )
