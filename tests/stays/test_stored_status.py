"""The stored stay statuses: the daily set-based refresh, merges, other apps' periods, the API."""

import json
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from stay_factories import crossing, person, population

from factories import MovableClock, UserFactory, role
from umis.accounts.tokens import api_token_issue
from umis.audit.models import AuditEvent
from umis.core.permissions import Actor
from umis.identity.models import Merge
from umis.identity.services import merge_approve, merge_request, merge_undo
from umis.people.models import Person
from umis.stays.daily import all_statuses_refresh
from umis.stays.models import StayStatus
from umis.stays.refresh import statuses_refresh
from umis.stays.selectors import status_for
from umis.stays.services import residence_period_changed

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 1)
FIGURES = ("present", "basis", "stay_entry", "days_used", "max_days", "overstay_days",
           "lawful_until", "registration_due_on", "registration_met")  # fmt: skip


def _engine(person_id: int, on: date) -> dict[str, Any]:
    status = status_for(person_id, on)
    figures = {f: getattr(status, f) for f in FIGURES}
    return figures | {"basis": status.basis.value}


def _stored(person_id: int) -> dict[str, Any]:
    row = StayStatus.objects.get(person_id=person_id)
    return {f: getattr(row, f) for f in FIGURES}


def _assert_stored_equals_engine(ids: list[int], on: date) -> int:
    present = 0
    stored = set(StayStatus.objects.values_list("person_id", flat=True))
    for person_id in ids:
        expected = _engine(person_id, on)
        if person_id not in stored:
            assert not expected["present"], person_id
            continue
        if expected["present"]:
            present += 1
            assert _stored(person_id) == expected, person_id
            assert StayStatus.objects.get(person_id=person_id).on == on
        else:
            assert StayStatus.objects.get(person_id=person_id).present is False, person_id
    return present


def test_daily_refresh_from_nothing_equals_the_engine(trp_holders: set[int]) -> None:
    ids = population(random.Random(7), 250, trp_holders, ON)
    result = all_statuses_refresh(ON)
    present = _assert_stored_equals_engine(ids, ON)
    assert (result.present, result.stale) == (present, present)
    assert result.overstaying == StayStatus.objects.filter(overstay_days__gt=0).count() > 0


def test_daily_refresh_a_month_later_keeps_what_did_not_change(trp_holders: set[int]) -> None:
    """Statuses stored on ON by the engine; 40 days later the set-based refresh gives the
    engine's answers for everyone, running the engine only for persons whose stay began,
    ended, or whose registration deadline or place of stay ended in between."""
    ids = population(random.Random(11), 250, trp_holders, ON)
    statuses_refresh(ids, ON)
    later = ON + timedelta(days=40)
    result = all_statuses_refresh(later)
    present = _assert_stored_equals_engine(ids, later)
    assert 0 < result.stale < present


def test_a_stay_that_ended_unseen_is_caught_up() -> None:
    who = person()
    crossing(who, "entry", ON - timedelta(days=10))
    statuses_refresh([who.pk], ON)
    crossing(who, "exit", ON + timedelta(days=2))  # written past the services: no refresh
    result = all_statuses_refresh(ON + timedelta(days=5))
    assert result.stale == 1
    assert StayStatus.objects.get(person=who).present is False


def test_merge_and_unmerge_refresh_both_persons_statuses() -> None:
    kept, absorbed = person(), person()
    crossing(absorbed, "entry", date(2026, 1, 1))
    statuses_refresh([kept.pk, absorbed.pk], ON)
    assert StayStatus.objects.get(person=kept).present is False
    requester = Actor(None, "one", "SMS", "case_worker", frozenset({"identity.merge"}))
    approver = Actor(None, "two", "SMS", "supervisor", frozenset({"identity.approve_merge"}))
    merge = merge_request(actor=requester, survivor=kept, absorbed=absorbed, reason="same passport")
    if merge.status != Merge.Status.MERGED:
        merge = merge_approve(actor=approver, merge=merge)
    today = StayStatus.objects.get(person=kept).on
    assert StayStatus.objects.get(person=kept).stay_entry == date(2026, 1, 1)
    assert not StayStatus.objects.filter(person=absorbed).exists()
    merge_undo(actor=requester, merge=merge, reason="two brothers")
    assert StayStatus.objects.get(person=kept).present is False
    assert StayStatus.objects.get(person=absorbed).stay_entry == date(2026, 1, 1)
    assert StayStatus.objects.get(person=absorbed).on == today
    assert Person.objects.get(pk=absorbed.pk).merged_into_id is None


@pytest.mark.django_db(transaction=True)
def test_a_residence_period_change_refreshes_the_person_on_commit() -> None:
    who = person()
    crossing(who, "entry", date(2026, 1, 1))
    with transaction.atomic():
        residence_period_changed(person_id=who.pk)
        assert not StayStatus.objects.filter(person=who).exists()
    assert StayStatus.objects.get(person=who).present is True


def _api(client: Client, **params: Any) -> Any:
    user = UserFactory(role=role("analyst"))
    token = api_token_issue(actor=Actor.system("tests"), user=user, name="analyst")
    return client.get("/api/v1/stays/overstays", params, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_overstays_api_reads_the_stored_statuses(client: Client, clock: MovableClock) -> None:
    clock.current = datetime(2026, 6, 1, 8, tzinfo=UTC)
    a, b = person(), person()
    crossing(a, "entry", ON - timedelta(days=120), "RUS")  # 121 days, 31 over
    crossing(b, "entry", ON - timedelta(days=100), "KAZ")  # 101 days, 11 over
    assert _api(client).json()["total"] == 0  # nothing stored yet
    all_statuses_refresh()
    answer = _api(client, nationality="kaz").json()
    assert (answer["on"], answer["as_of"], answer["total"]) == ("2026-06-01", "2026-06-01", 1)
    assert [(r["number"], r["overstay_days"]) for r in answer["results"]] == [(b.number, 11)]
    ordered = _api(client, page_size=1, page=2).json()
    assert (ordered["total"], [r["number"] for r in ordered["results"]]) == (2, [b.number])
    assert AuditEvent.objects.filter(event_type="stays.overstays_listed").count() == 3


def test_overstays_api_refuses_another_date(client: Client, clock: MovableClock) -> None:
    clock.current = datetime(2026, 6, 1, 8, tzinfo=UTC)
    response = _api(client, on="2026-05-01")
    assert response.status_code == 422
    assert "umis overstays --on" in json.dumps(response.json())
