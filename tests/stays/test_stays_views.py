"""The public calculator (no sign-in, nothing stored), the overstay screen and the API."""

import json
from datetime import UTC, date, datetime

import pytest
from django.test import Client
from stay_factories import crossing, person

from factories import PASSWORD, MovableClock, UserFactory, role
from umis.audit.models import AuditEvent
from umis.core.permissions import Actor
from umis.stays.daily import all_statuses_refresh
from umis.stays.models import StayExtension
from umis.stays.selectors import status_for
from umis.stays.services import stay_extension_grant

pytestmark = pytest.mark.django_db


def test_public_calculator_needs_no_sign_in_and_stores_nothing(english_client: Client) -> None:
    before = AuditEvent.objects.count()
    response = english_client.get(
        "/stays/calculator",
        {"kind": "per_entry", "max_days": 30, "stays": "2026-01-01", "on": "2026-02-15"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="overstay_days">16<' in html
    assert 'data-figure="last_legal_day">2026-01-30<' in html
    assert AuditEvent.objects.count() == before


def test_public_calculator_says_what_is_wrong(english_client: Client) -> None:
    response = english_client.get(
        "/stays/calculator",
        {"kind": "per_entry", "max_days": 30, "stays": "2026-13-01", "on": "2026-02-15"},
    )
    assert "not a valid date" in response.content.decode()


def test_calculator_api_is_public(client: Client) -> None:
    body = {
        "rule": {"kind": "per_entry", "max_days": 30},
        "stays": [{"entry": "2026-01-01"}],
        "on": "2026-02-15",
        "plan_entry": "2026-03-01",
    }
    response = client.post(
        "/api/v1/stays/calculate", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["max_days_from_entry"] == 30


def test_overstay_screen_lists_the_stored_statuses_and_audits(
    client: Client, clock: MovableClock
) -> None:
    """The screen reads the stored statuses: a crossing written straight to the table
    (no refresh) shows only once the daily refresh has run."""
    clock.current = datetime(2026, 6, 1, 8, tzinfo=UTC)
    over, within = person(), person()
    crossing(over, "entry", date(2026, 1, 1), "RUS")  # 152 days, 62 over
    crossing(within, "entry", date(2026, 5, 1), "RUS")
    officer = UserFactory(role=role("supervisor"))
    client.login(username=officer.username, password=PASSWORD)
    assert over.number not in client.get("/stays/overstays").content.decode()
    all_statuses_refresh()
    html = client.get("/stays/overstays").content.decode()
    assert over.number in html
    assert within.number not in html
    assert "<td>62</td>" in html
    assert AuditEvent.objects.filter(event_type="stays.overstays_listed").count() == 2


def test_overstay_screen_refused_without_permission(client: Client) -> None:
    officer = UserFactory(role=role("detention_officer"))
    client.login(username=officer.username, password=PASSWORD)
    assert client.get("/stays/overstays").status_code == 403


def test_extension_grant_is_idempotent_and_makes_days_lawful() -> None:
    who = person()
    crossing(who, "entry", date(2026, 1, 1), "RUS")  # 90 days: to 31 Mar
    on = date(2026, 4, 10)
    assert status_for(who.pk, on).overstay_days == 10
    for _ in range(2):
        stay_extension_grant(
            actor=Actor.system("permits"),
            person=who,
            valid_from=date(2026, 4, 1),
            valid_to=date(2026, 4, 30),
            source_ref="APP-1",
        )
    assert StayExtension.objects.count() == 1
    status = status_for(who.pk, on)
    assert (status.overstay_days, status.lawful_until) == (0, date(2026, 4, 30))
    assert status_for(who.pk, date(2026, 5, 5)).overstay_days == 5
