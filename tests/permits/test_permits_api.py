"""The permits API: public checks, case status for the office, clearances for agencies."""

import json
from typing import Any

import pytest
from django.test import Client
from permit_factories import actor, granted, officer, submitted, trp_answers

from umis.accounts.models import User
from umis.accounts.tokens import api_token_issue
from umis.core.permissions import Actor
from umis.permits.models import Status
from umis.permits.services import decisions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_march")]


def token_for(user: User) -> str:
    return api_token_issue(actor=Actor.system("tests"), user=user, name="tests")


def call(method: str, path: str, token: str = "", body: Any = None) -> Any:
    headers: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"}
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    if body is not None:
        return getattr(Client(), method)(
            path, json.dumps(body), content_type="application/json", **headers
        )
    return getattr(Client(), method)(path, **headers)


def test_anyone_checks_a_permit_number_and_learns_only_its_validity() -> None:
    case = submitted("trp", trp_answers())
    permit = granted(case)
    response = call("get", f"/api/v1/permits/verify?number={permit.number}")
    assert response.status_code == 200
    assert response.json() == {
        "number": permit.number_display,
        "kind": "temporary residence permit",
        "valid_from": "2026-03-02",
        "valid_to": "2027-03-01",
        "state": "valid",
    }
    mistyped = call("get", f"/api/v1/permits/verify?number={permit.number[:-1]}0")
    assert mistyped.status_code == 400


def test_application_status_only_for_the_office_holding_it() -> None:
    case = submitted("stay_extension")
    ours = call("get", f"/api/v1/permits/applications/{case.receipt_number}", token_for(officer()))
    assert ours.status_code == 200
    assert ours.json()["status"] == "submitted"
    assert [a["kind"] for a in ours.json()["history"]] == ["create", "submit"]
    police = call(
        "get",
        f"/api/v1/permits/applications/{case.receipt_number}",
        token_for(officer("agency_liaison", "MIA")),
    )
    assert police.status_code == 403


def test_police_system_answers_its_clearances_through_the_api() -> None:
    case = submitted("stay_extension")
    clearance = decisions.clearance_request(
        actor=actor(officer()), application=case, agency=decisions.Agency.objects.get(code="MIA")
    )
    police, security = (
        token_for(officer("agency_liaison", "MIA")),
        token_for(officer("agency_liaison", "SSS")),
    )
    assert [c["id"] for c in call("get", "/api/v1/permits/clearances", police).json()] == [
        clearance.pk
    ]
    assert call("get", "/api/v1/permits/clearances", security).json() == []
    path = f"/api/v1/permits/clearances/{clearance.pk}/answer"
    assert call("post", path, security, {"answer": "yes"}).status_code == 404
    refused = call("post", path, police, {"answer": "no"})
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == {"note": ["Say why you object."]}
    assert call("post", path, police, {"answer": "yes", "note": "ok"}).status_code == 200
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW
