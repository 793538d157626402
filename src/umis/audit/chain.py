"""The hash chain: how an event's hash is computed and how the chain is checked."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from umis.audit.models import AuditEvent

GENESIS_HASH = "0" * 64


def event_hash(event: AuditEvent) -> str:
    """SHA-256 over the event's canonical JSON form, which ends with the previous hash."""
    canonical = chained(event.seq, chained_content(event), event.prev_hash)
    return hashlib.sha256(canonical.encode()).hexdigest()


def chained(seq: int, content: str, prev_hash: str) -> str:
    """The canonical JSON form hashed: the list of the sequence number, the fields of
    ``content`` (:func:`chained_content`) and the previous hash."""
    return f"[{seq},{content},{_canonical(prev_hash)}]"


def chained_content(event: AuditEvent) -> str:
    """The canonical JSON of the fields between the sequence number and the previous
    hash, the items of a JSON list without its brackets.

    Known before the chain head is read, so a writer can leave the two ends to the
    database (see ``services.record``).
    """
    content: list[Any] = [
        event.at.astimezone(UTC).isoformat(timespec="microseconds"),
        event.actor_user_id,
        event.actor_username,
        event.agency_code,
        event.role_code,
        event.event_type,
        event.subject_type,
        event.subject_id,
        event.purpose,
        event.extra,
    ]
    return ",".join(map(_canonical, content))


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class Break:
    """The first place the chain does not hold."""

    seq: int
    reason: str


def first_break(
    events: Iterable[AuditEvent], *, head_seq: int, head_hash: str
) -> tuple[int, Break | None]:
    """Walk ``events`` in sequence order; return how many held and the first break."""
    expected_seq, expected_prev = 1, GENESIS_HASH
    checked = 0
    for event in events:
        if event.seq != expected_seq:
            return checked, Break(expected_seq, f"event #{expected_seq} is missing")
        if event.prev_hash != expected_prev:
            return checked, Break(event.seq, "does not link to the event before it")
        if event_hash(event) != event.hash:
            return checked, Break(event.seq, "its content was altered")
        expected_seq, expected_prev = event.seq + 1, event.hash
        checked += 1
    if checked > head_seq:
        # Events beyond the head were added behind the application's back.
        return head_seq, Break(head_seq + 1, f"the chain should end at event #{head_seq}")
    if checked < head_seq:
        return checked, Break(checked + 1, f"the chain should end at event #{head_seq}")
    if checked and expected_prev != head_hash:
        return checked - 1, Break(checked, "it is not the last event the chain head recorded")
    return checked, None
