"""The people API: contract, error shape, audit, and fuzzing from its own OpenAPI schema."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from factories import UserFactory, role
from umis.accounts.models import Role
from umis.accounts.tokens import api_token_issue
from umis.audit.models import AuditEvent
from umis.core.permissions import Actor
from umis.people.models import Person

pytestmark = pytest.mark.django_db

RASHAD = {
    "sex": "M",
    "birth_date": "1980-05",
    "citizenships": ["AZE"],
    "names": [
        {"surname": "Məmmədov", "given_names": "Rəşad", "patronymic": "Əli oğlu"},
        {"surname": "MAMMADOV", "given_names": "RASHAD"},
    ],
    "documents": [
        {
            "kind": "passport",
            "number": "C0123456",
            "issuing_state": "AZE",
            "issued_on": "2020-01-10",
            "expires_on": "2030-01-09",
        }
    ],
    "identifiers": [{"kind": "fin", "value": "5abc12d"}],
    "source": "border",
    "source_ref": "BS-1",
}


def call(client: Client, method: str, path: str, token: str, body: Any = None) -> Any:
    kwargs: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}", "HTTP_ACCEPT_LANGUAGE": "en"}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(path, **kwargs)


def test_create_then_get_returns_the_same_person(client: Client, token: str) -> None:
    created = call(client, "post", "/api/v1/people", token, RASHAD)
    assert created.status_code == 201
    number = created.json()["number"]

    fetched = call(client, "get", f"/api/v1/people/{number}?purpose=counter_service", token)

    assert fetched.status_code == 200
    body = fetched.json()
    assert body["birth_date"] == "1980-05"
    assert body["citizenships"] == ["AZE"]
    assert body["identifiers"] == [{"kind": "fin", "value": "5ABC12D", "issued_by": ""}]
    assert {n["script"] for n in body["names"]} == {"Latn"}


def test_create_is_idempotent_on_source_reference(client: Client, token: str) -> None:
    first = call(client, "post", "/api/v1/people", token, RASHAD).json()
    second = call(client, "post", "/api/v1/people", token, RASHAD).json()
    assert first["number"] == second["number"]
    assert Person.objects.count() == 1


def test_a_source_reference_sent_again_is_a_read_of_the_person_it_names(
    client: Client, token: str
) -> None:
    # given Rashad was registered from the border's record BS-1
    number = call(client, "post", "/api/v1/people", token, RASHAD).json()["number"]
    registrar = Role.objects.create(
        code="registrar", name_az="r", name_en="r", name_ru="r", permissions=["people.register"]
    )
    others = api_token_issue(
        actor=Actor.system("tests"), user=UserFactory(role=registrar), name="tests"
    )

    # when a caller who may register but not read persons sends BS-1 again
    refused = call(client, "post", "/api/v1/people", others, RASHAD)

    # then they are refused and learn nothing of him
    assert refused.status_code == 403
    assert number not in refused.content.decode()
    # and a caller who may read gets him, the read recorded with its purpose
    again = call(client, "post", "/api/v1/people", token, RASHAD)
    assert again.json()["number"] == number
    read = AuditEvent.objects.filter(event_type="people.person_viewed").get()
    assert (read.subject_id, read.purpose) == (str(Person.objects.get().pk), "registration")


def test_search_across_scripts_is_audited_with_its_purpose(client: Client, token: str) -> None:
    number = call(client, "post", "/api/v1/people", token, RASHAD).json()["number"]
    before = AuditEvent.objects.filter(event_type="people.searched").count()

    found = call(client, "get", "/api/v1/people/search?q=Мамедов Рашад&purpose=inquiry", token)

    assert found.status_code == 200
    assert [r["person"]["number"] for r in found.json()["results"]] == [number]
    searches = AuditEvent.objects.filter(event_type="people.searched")
    assert searches.count() == before + 1
    assert searches.last().purpose == "inquiry"  # type: ignore[union-attr]


def test_rule_violations_come_back_per_field_and_nothing_is_saved(
    client: Client, token: str
) -> None:
    bad = {
        **RASHAD,
        "citizenships": ["ZZZ"],
        "documents": [{**RASHAD["documents"][0], "issued_on": "2031-01-01"}],
    }

    response = call(client, "post", "/api/v1/people", token, bad)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert error["fields"]["citizenships.0"] == ["Unknown country code ZZZ."]
    assert error["fields"]["documents.0.expires_on"] == [
        "The document expires before it was issued."
    ]
    assert Person.objects.count() == 0


def test_schema_violations_share_the_error_shape(client: Client, token: str) -> None:
    response = call(client, "post", "/api/v1/people", token, {"sex": "Q", "names": []})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert set(error["fields"]) == {"sex", "names"}


def test_a_missing_purpose_is_refused_and_not_read(client: Client, token: str) -> None:
    number = call(client, "post", "/api/v1/people", token, RASHAD).json()["number"]
    response = call(client, "get", f"/api/v1/people/{number}", token)
    assert response.status_code == 422
    assert not AuditEvent.objects.filter(event_type="people.person_viewed").exists()


def test_without_a_token_nothing_is_answered(client: Client) -> None:
    response = client.get("/api/v1/people/search?q=x&purpose=inquiry")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_a_role_without_the_permission_is_refused(client: Client) -> None:
    analyst = UserFactory(role=role("analyst"))
    token = api_token_issue(actor=Actor.system("tests"), user=analyst, name="t")
    response = call(client, "get", "/api/v1/people/search?q=x&purpose=inquiry", token)
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(event_type="people.searched").exists()


@pytest.fixture
def connections_kept_open() -> Iterator[None]:
    """As Django's test client does: a raw WSGI call must not close the test's connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_never_breaks_its_own_contract(
    case: schemathesis.Case, token: str, connections_kept_open: None
) -> None:
    # The schema cannot say every registry rule (a known country, a unique document),
    # so a schema-valid request may still be refused with 422: that check is left out.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        excluded_checks=[positive_data_acceptance],
    )
