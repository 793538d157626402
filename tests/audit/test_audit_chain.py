"""The audit trail: written in the caller's transaction, and any tampering is detected."""

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from factories import MovableClock
from umis.audit.chain import GENESIS_HASH, Break, event_hash
from umis.audit.events import AUDIT_VERIFIED, UnknownEvent
from umis.audit.models import AuditEvent, ChainHead
from umis.audit.selectors import chain_verify
from umis.audit.services import record
from umis.core.permissions import Actor

pytestmark = pytest.mark.django_db

OFFICER = Actor(
    user_id=7,
    username="case_worker",
    agency_code="SMS",
    role_code="case_worker",
    permissions=frozenset({"dashboard.view"}),
)
ALTERED = "its content was altered"
UNLINKED = "does not link to the event before it"


def record_events(count: int) -> list[AuditEvent]:
    return [
        record(
            actor=OFFICER,
            event=AUDIT_VERIFIED,
            subject_type="people.person",
            subject_id=100 + n,
            purpose="case_work",
            extra={"n": n},
        )
        for n in range(1, count + 1)
    ]


def tamper(sql: str, params: list[object] | None = None) -> None:
    """Change the table behind the application's back, as someone with database access could.

    On PostgreSQL the append-only trigger is switched off first; the test's
    transaction rolls that back with everything else.
    """
    if connection.vendor == "postgresql":
        raw_sql("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
    raw_sql(sql, params)


def raw_sql(sql: str, params: list[object] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def verify_command() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_record_appends_an_event_linked_to_the_one_before(clock: MovableClock) -> None:
    # given one event already in the chain
    (first,) = record_events(1)

    # when another is recorded
    second = record(
        actor=OFFICER,
        event=AUDIT_VERIFIED,
        subject_type="people.person",
        subject_id=42,
        purpose="case_work",
        extra={"checked": 3},
    )

    # then it carries who, what, when and the link to the first
    stored = AuditEvent.objects.get(seq=2)
    assert (stored.at, stored.actor_user_id, stored.actor_username) == (
        datetime(2026, 3, 2, 5, 0, tzinfo=UTC),
        7,
        "case_worker",
    )
    assert (stored.agency_code, stored.role_code, stored.event_type) == (
        "SMS",
        "case_worker",
        "audit.verified",
    )
    assert (stored.subject_type, stored.subject_id, stored.purpose, stored.extra) == (
        "people.person",
        "42",
        "case_work",
        {"checked": 3},
    )
    assert first.prev_hash == GENESIS_HASH
    assert stored.prev_hash == first.hash
    assert stored.hash == second.hash == event_hash(stored)
    head = ChainHead.objects.get()
    assert (head.seq, head.hash) == (2, second.hash)


def test_the_hash_is_sha256_of_the_events_canonical_json_list() -> None:
    # given an event whose details need escaping and are not in key order
    extra = {"query": 'Məmmədov "Elçin" \\ 单\n', "n": [2, {"b": None, "a": 1.5}]}
    recorded = record(actor=OFFICER, event=AUDIT_VERIFIED, subject_id="x", extra=extra)

    # then the stored hash (on PostgreSQL computed by the database) is the SHA-256 of
    # the documented form, and verification agrees
    stored = AuditEvent.objects.get(pk=recorded.pk)
    content = [
        stored.seq,
        stored.at.astimezone(UTC).isoformat(timespec="microseconds"),
        7, "case_worker", "SMS", "case_worker", "audit.verified", "", "x", "",
        extra,
        GENESIS_HASH,
    ]  # fmt: skip
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert stored.hash == recorded.hash == hashlib.sha256(canonical.encode()).hexdigest()
    assert stored.extra == extra
    assert chain_verify() == (1, None)


def test_record_names_a_model_subject_by_label_and_key() -> None:
    # given a row of some model (the chain head will do)
    subject = ChainHead.objects.create(pk=9, seq=0, hash="x")

    event = record(actor=OFFICER, event=AUDIT_VERIFIED, subject=subject)

    assert (event.subject_type, event.subject_id) == ("audit.chainhead", "9")


def test_record_refuses_an_unregistered_event_type() -> None:
    record_events(1)

    with pytest.raises(UnknownEvent, match=r"audit event type 'people\.typo' is not registered"):
        record(actor=OFFICER, event="people.typo")

    assert AuditEvent.objects.count() == 1
    assert ChainHead.objects.get().seq == 1


def test_record_is_rolled_back_with_the_callers_transaction() -> None:
    # given a chain of two events
    record_events(2)
    head_before = ChainHead.objects.values("seq", "hash").get()

    def change_that_fails() -> None:
        with transaction.atomic():
            record(actor=OFFICER, event=AUDIT_VERIFIED, extra={"n": 3})
            raise RuntimeError("the change failed")

    # when the caller's transaction fails after recording
    with pytest.raises(RuntimeError, match="the change failed"):
        change_that_fails()

    # then neither the event nor the head moved
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == [1, 2]
    assert ChainHead.objects.values("seq", "hash").get() == head_before
    assert chain_verify() == (2, None)


def test_an_empty_chain_verifies() -> None:
    assert chain_verify() == (0, None)
    assert verify_command() == "Audit chain intact: 0 events verified.\n"


def test_an_untouched_chain_verifies() -> None:
    record_events(5)

    assert chain_verify() == (5, None)
    assert verify_command() == "Audit chain intact: 5 events verified.\n"


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("event_type", "accounts.login_succeeded"),
        ("actor_username", "supervisor"),
        ("actor_user_id", 8),
        ("agency_code", "MIA"),
        ("role_code", "administrator"),
        ("subject_type", "people.document"),
        ("subject_id", "999"),
        ("purpose", "curiosity"),
        ("at", datetime(2026, 3, 2, 5, 0, 0, 1, tzinfo=UTC)),
        ("hash", "f" * 64),
    ],
)
def test_altering_any_field_is_detected(column: str, value: object) -> None:
    # given a chain of five events
    record_events(5)

    # when one field of event #3 is changed behind the application's back
    tamper(f"UPDATE audit_auditevent SET {column} = %s WHERE seq = 3", [value])  # noqa: S608

    # then verification stops at event #3
    assert chain_verify() == (2, Break(3, ALTERED))


def test_altering_the_details_is_detected() -> None:
    record_events(5)

    tamper("UPDATE audit_auditevent SET extra = %s WHERE seq = 3", ['{"n": 4}'])

    assert AuditEvent.objects.get(seq=3).extra == {"n": 4}
    assert chain_verify() == (2, Break(3, ALTERED))


def test_altering_the_link_is_detected() -> None:
    record_events(5)

    tamper("UPDATE audit_auditevent SET prev_hash = %s WHERE seq = 3", ["0" * 64])

    assert chain_verify() == (2, Break(3, UNLINKED))


def test_re_hashing_an_altered_event_breaks_the_next_link() -> None:
    # given an altered event #3 whose hash was re-computed to look sound
    record_events(5)
    forged = AuditEvent.objects.get(seq=3)
    forged.event_type = "accounts.logged_out"
    tamper(
        "UPDATE audit_auditevent SET event_type = %s, hash = %s WHERE seq = 3",
        [forged.event_type, event_hash(forged)],
    )

    # then event #4 no longer links to it
    assert chain_verify() == (3, Break(4, UNLINKED))


def test_re_hashing_the_last_event_is_detected_by_the_head() -> None:
    # given the last event altered and re-hashed, so no later event can break a link
    record_events(3)
    forged = AuditEvent.objects.get(seq=3)
    forged.extra = {"n": 30}
    tamper(
        "UPDATE audit_auditevent SET extra = %s, hash = %s WHERE seq = 3",
        ['{"n": 30}', event_hash(forged)],
    )

    # then it differs from what the chain head recorded
    assert chain_verify() == (2, Break(3, "it is not the last event the chain head recorded"))


def test_deleting_an_event_in_the_middle_is_detected() -> None:
    record_events(5)

    tamper("DELETE FROM audit_auditevent WHERE seq = 3")

    assert chain_verify() == (2, Break(3, "event #3 is missing"))


def test_deleting_the_last_event_is_detected() -> None:
    record_events(5)

    tamper("DELETE FROM audit_auditevent WHERE seq = 5")

    assert chain_verify() == (4, Break(5, "the chain should end at event #5"))


def test_deleting_every_event_is_detected() -> None:
    record_events(2)

    tamper("DELETE FROM audit_auditevent")

    assert chain_verify() == (0, Break(1, "the chain should end at event #2"))


def test_swapping_two_events_is_detected() -> None:
    # given a chain of five events
    events = record_events(5)

    # when events #2 and #3 exchange their places in the sequence
    tamper("UPDATE audit_auditevent SET seq = -2 WHERE id = %s", [events[1].pk])
    tamper("UPDATE audit_auditevent SET seq = 2 WHERE id = %s", [events[2].pk])
    tamper("UPDATE audit_auditevent SET seq = 3 WHERE id = %s", [events[1].pk])

    # then the event now at #2 does not link to #1
    assert chain_verify() == (1, Break(2, UNLINKED))


def test_a_forged_event_with_a_sound_hash_is_detected_by_the_head() -> None:
    # given a chain of three events
    last = record_events(3)[-1]

    # when someone inserts a fourth event that links and hashes correctly
    forged = AuditEvent(
        seq=4,
        at=last.at,
        actor_user_id=None,
        actor_username="supervisor",
        agency_code="SMS",
        role_code="supervisor",
        event_type="accounts.login_succeeded",
        subject_type="",
        subject_id="",
        purpose="",
        extra={},
        prev_hash=last.hash,
    )
    forged.hash = event_hash(forged)
    forged.save(force_insert=True)

    # then the chain is longer than its head says: the forged event is named
    assert chain_verify() == (3, Break(4, "the chain should end at event #3"))


def test_a_forged_event_in_the_middle_is_detected() -> None:
    # given a chain with event #3 deleted and replaced by a forgery with the same number
    events = record_events(4)
    tamper("DELETE FROM audit_auditevent WHERE seq = 3")
    AuditEvent.objects.create(
        seq=3,
        at=events[2].at,
        actor_username="supervisor",
        agency_code="SMS",
        role_code="supervisor",
        event_type="audit.verified",
        prev_hash=events[1].hash,
        hash="a" * 64,
    )

    assert chain_verify() == (2, Break(3, ALTERED))


def test_verify_command_reports_the_first_break_with_exit_code_1() -> None:
    # given a chain whose event #3 was deleted
    record_events(5)
    tamper("DELETE FROM audit_auditevent WHERE seq = 3")

    # when the command runs
    with pytest.raises(CommandError) as broken:
        verify_command()

    # then it names the place and fails
    assert broken.value.returncode == 1
    assert str(broken.value) == (
        "Audit chain broken at event #3: event #3 is missing (2 events before it are sound)."
    )


UPDATE = "audit events are append-only: UPDATE refused on audit_auditevent"
DELETE = "audit events are append-only: DELETE refused on audit_auditevent"


def refusal(change: Callable[[], object]) -> str:
    """Try ``change`` in a savepoint; return the first line of the database's refusal."""
    with pytest.raises(DatabaseError) as refused, transaction.atomic():
        change()
    return str(refused.value).splitlines()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_to_update_or_delete_events() -> None:
    # given a chain of two events
    record_events(2)
    before = list(AuditEvent.objects.values_list("seq", "event_type", "hash"))

    # when the application itself tries to change or remove them, the database refuses
    assert refusal(lambda: AuditEvent.objects.filter(seq=1).update(event_type="x")) == UPDATE
    assert refusal(lambda: AuditEvent.objects.filter(seq=2).delete()) == DELETE
    assert refusal(lambda: AuditEvent.objects.get(seq=1).delete()) == DELETE
    assert refusal(lambda: raw_sql("DELETE FROM audit_auditevent WHERE seq = 2")) == DELETE

    # then nothing changed
    assert list(AuditEvent.objects.values_list("seq", "event_type", "hash")) == before
    assert chain_verify() == (2, None)
