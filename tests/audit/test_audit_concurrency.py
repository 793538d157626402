"""Concurrent writers still build one unbroken chain, on SQLite and on PostgreSQL."""

from collections.abc import Callable

import pytest

from concurrency import run_together
from umis.audit.chain import Break
from umis.audit.events import AUDIT_VERIFIED
from umis.audit.models import AuditEvent
from umis.audit.selectors import chain_verify
from umis.audit.services import record
from umis.core.permissions import Actor

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 8
EVENTS_EACH = 25


def writer(number: int) -> Callable[[], None]:
    actor = Actor.system(f"writer-{number}")

    def write() -> None:
        for n in range(EVENTS_EACH):
            record(actor=actor, event=AUDIT_VERIFIED, extra={"writer": number, "n": n})

    return write


def test_concurrent_writers_build_one_unbroken_chain() -> None:
    # when eight writers each record 25 events at the same time
    errors = run_together([writer(number) for number in range(WRITERS)])

    # then every event is in one chain numbered 1..200 without gaps
    assert errors == []
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 201))
    assert chain_verify() == (200, None)
    # and each writer's events kept their own order
    for number in range(WRITERS):
        mine = AuditEvent.objects.filter(actor_username=f"system:writer-{number}")
        assert [event.extra["n"] for event in mine] == list(range(EVENTS_EACH))


def test_verifying_while_others_write_reports_no_false_break() -> None:
    # given writers appending while an auditor verifies again and again
    results: list[tuple[int, Break | None]] = []

    def auditor() -> None:
        for _ in range(15):
            results.append(chain_verify())

    # when they run together
    errors = run_together([writer(number) for number in range(3)] + [auditor])

    # then every verification saw a sound chain (of whatever length it had then)
    assert errors == []
    assert [broken for _checked, broken in results] == [None] * 15
    assert chain_verify() == (75, None)
