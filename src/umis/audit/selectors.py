"""Reading the audit trail."""

from umis.audit.chain import GENESIS_HASH, Break, first_break
from umis.audit.models import AuditEvent, ChainHead

VERIFY_BATCH = 5000


def chain_verify() -> tuple[int, Break | None]:
    """Re-compute the whole chain; return the number of sound events and the first break."""
    head = ChainHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    events = AuditEvent.objects.order_by("seq").iterator(chunk_size=VERIFY_BATCH)
    return first_break(events, head_seq=head_seq, head_hash=head_hash)


def events_for(*, subject_type: str, subject_id: str) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(subject_type=subject_type, subject_id=subject_id).order_by("seq")
    )
