"""The people API's refusals and filters: one error shape, a field per problem, nothing saved."""

from collections.abc import Callable
from typing import Any

import pytest
from api_factories import call, person_body
from django.test import Client

from umis.audit.models import AuditEvent
from umis.people.models import Person

pytestmark = pytest.mark.django_db

PETROV = person_body(
    "PETROV", "SERGEI", born="1979-11-02", passport="751234567", state="RUS", issuing_state="rus"
)


def audit_count() -> int:
    return AuditEvent.objects.count()


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        (
            {"citizenship_status": "stateless"},
            {
                "citizenships": [
                    "A stateless person or one of undetermined citizenship has no "
                    "citizenship to list."
                ]
            },
        ),
        (
            {"birth_date": "02.11.1979"},
            {
                "birth_date": [
                    "Write the date as YYYY-MM-DD, YYYY-MM or YYYY (00 for an unknown part)."
                ]
            },
        ),
        ({"birth_date": "2199"}, {"birth_date": ["The date of birth is in the future."]}),
        (
            {"names": [{"surname": " ", "given_names": ""}]},
            {"names.0": ["A name needs a surname or given names."]},
        ),
        (
            {
                "identifiers": [
                    {"kind": "fin", "value": "5ABC12D"},
                    {"kind": "fin", "value": "5abc12d"},
                ]
            },
            {"identifiers.1.value": ["This identifier is given twice."]},
        ),
        (
            {"addresses": [{"kind": "stay", "line": "Nizami 10", "country": "ZZZ"}]},
            {"addresses.0.country": ["Unknown country code ZZZ."]},
        ),
    ],
)
def test_a_rule_violation_is_refused_on_its_field_and_nothing_is_saved(
    client: Client, token: str, change: dict[str, Any], fields: dict[str, list[str]]
) -> None:
    before = audit_count()

    response = call(client, token, "/api/v1/people", {**PETROV, **change})

    assert response.status_code == 422
    error = response.json()["error"]
    assert (error["code"], error["fields"]) == ("validation_failed", fields)
    assert Person.objects.count() == 0
    assert audit_count() == before


def test_a_document_registered_to_another_person_is_refused(client: Client, token: str) -> None:
    assert call(client, token, "/api/v1/people", PETROV).status_code == 201
    again = {**PETROV, "names": [{"surname": "SIDOROV", "given_names": "OLEG"}]}

    response = call(client, token, "/api/v1/people", again)

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "documents.0.number": ["This document is already registered to another person."]
    }
    assert Person.objects.count() == 1


def test_a_role_that_may_not_register_is_refused_and_the_refusal_audited(
    client: Client, token_for: Callable[[str], str]
) -> None:
    response = call(client, token_for("inspector"), "/api/v1/people", PETROV)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert Person.objects.count() == 0
    [refusal] = AuditEvent.objects.filter(event_type="access.refused")
    assert refusal.extra["permission"] == "people.register"


def test_an_unknown_number_is_not_found_and_no_read_is_logged(client: Client, token: str) -> None:
    response = call(client, token, "/api/v1/people/P000000000?purpose=inquiry")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert not AuditEvent.objects.filter(event_type="people.person_viewed").exists()


def test_search_filters_and_pages_through_the_api(client: Client, token: str) -> None:
    numbers = []
    for year in (1979, 1980, 1981, 1990):
        body = {**PETROV, "birth_date": str(year), "documents": []}
        numbers.append(call(client, token, "/api/v1/people", body).json()["number"])

    around = call(
        client,
        token,
        "/api/v1/people/search?q=Петров+Сергей&birth_date=1980&birth_mode=around"
        "&purpose=inquiry&page_size=2",
    ).json()
    second = call(
        client,
        token,
        "/api/v1/people/search?q=Петров+Сергей&birth_date=1980&birth_mode=around"
        "&purpose=inquiry&page_size=2&page=2",
    ).json()

    assert (around["total"], around["page"], around["page_size"]) == (3, 1, 2)
    found = [r["person"]["number"] for r in around["results"] + second["results"]]
    assert sorted(found) == sorted(numbers[:3])
    assert around["results"][0]["reasons"][0].startswith("name “PETROV SERGEI”")


def test_search_refuses_a_bad_date_on_its_field(client: Client, token: str) -> None:
    response = call(
        client, token, "/api/v1/people/search?q=PETROV&birth_date=1980-13&purpose=inquiry"
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "birth_date": ["The month must be between 01 and 12."]
    }
    assert not AuditEvent.objects.filter(event_type="people.searched").exists()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/people/search?q=IVA%00NOV&purpose=inquiry",
        "/api/v1/people/search?q=IVANOV&nationality=R%00S&purpose=inquiry",
        "/api/v1/people/P%00123?purpose=inquiry",
    ],
)
def test_a_nul_character_in_a_query_is_refused_as_input(
    client: Client, token: str, path: str
) -> None:
    before = audit_count()

    response = call(client, token, path)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_input"
    assert audit_count() == before


def test_a_nul_character_in_a_registration_is_refused_on_its_field(
    client: Client, token: str
) -> None:
    body = {**PETROV, "place_of_birth": "Tu\x00la", "source_ref": "R1"}

    response = call(client, token, "/api/v1/people", body)

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "place_of_birth": ["Remove the NUL control character from this text."]
    }
    assert Person.objects.count() == 0


def test_a_request_too_large_is_refused_in_the_error_shape_and_saves_nothing(
    client: Client, token: str, settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = {**PETROV, "names": [{"surname": "PETROV", "given_names": "S" * 200}] * 6000}

    response = call(client, token, "/api/v1/people", body)

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["error"] == {
        "code": "too_large",
        "message": "The request is larger than 1 MB. Send it in smaller parts.",
        "fields": {},
    }
    assert not Person.objects.exists()
