"""What permits tell other apps: the stay engine, the person's timeline, the queues."""

from datetime import UTC, date, datetime, time

import pytest
from django.test import Client
from permit_factories import actor, granted, officer, submitted, trp_answers

from factories import PASSWORD, MovableClock
from umis.permits.selectors import queue, queue_counts
from umis.permits.services import cases
from umis.stays.models import Crossing
from umis.stays.selectors import status_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_march")]


def test_a_trp_makes_the_days_under_it_lawful() -> None:
    case = submitted("trp", trp_answers())
    assert case.person is not None
    Crossing.objects.create(
        person=case.person,
        direction="entry",
        at=datetime.combine(date(2026, 1, 1), time(10), tzinfo=UTC),
        day=date(2026, 1, 1),
        nationality="RUS",
        document_kind="passport",
        source="SBS",
        source_ref="feeds-1",
    )
    assert status_for(case.person.pk, date(2026, 5, 1)).overstay_days > 0
    granted(case)
    assert status_for(case.person.pk, date(2026, 5, 1)).overstay_days == 0


def test_profile_timeline_lists_applications_and_permits() -> None:
    case = submitted("trp", trp_answers())
    permit = granted(case)
    client = Client()
    client.cookies["umis_language"] = "en"
    client.login(username=officer().username, password=PASSWORD)
    assert case.person is not None
    html = client.get(f"/people/{case.person.number}/", {"purpose": "case_work"}).content.decode()
    assert f"Application {case.receipt_display}" in html
    assert f"Permit {permit.number_display} issued" in html


def test_due_soon_and_overdue_follow_the_working_day_deadline(clock: MovableClock) -> None:
    worker = officer()
    case = submitted("stay_extension")  # decide by Thu 5 March
    who = actor(worker)
    assert queue_counts(who)["due_soon"] == 0  # Mon 2: three working days left
    clock.advance(days=2)  # Wed 4
    assert list(queue(who, "due_soon")) == [case]
    clock.advance(days=2)  # Fri 6
    assert list(queue(who, "overdue")) == [case]
    cases.information_request(actor=who, application=case, note="Letter?")
    # While the office waits for the applicant the case is neither due nor late.
    assert queue_counts(who)["overdue"] == 0
    assert list(queue(who, "waiting_applicant")) == [case]


def test_reassignment_moves_the_case_between_officers() -> None:
    first, second = officer(), officer()
    case = submitted("stay_extension")
    cases.application_assign(actor=actor(first), application=case, officer=first)
    assert list(queue(actor(first), "mine")) == [case]
    cases.application_assign(actor=actor(first), application=case, officer=second)
    assert list(queue(actor(first), "mine")) == []
    assert list(queue(actor(second), "mine")) == [case]
    police = officer("agency_liaison", "MIA")
    with pytest.raises(Exception, match="officer of this office"):
        cases.application_assign(actor=actor(first), application=case, officer=police)
