"""Every read of a person is authorised, needs a purpose, and leaves one audit event."""

import json
from typing import Any

import pytest
from django.http import Http404
from django.test import Client
from people_factories import events_of, officer, officer_actor, registered, row_counts

from umis.accounts.tokens import api_token_issue
from umis.audit.events import ACCESS_REFUSED
from umis.core.errors import NotAllowed
from umis.core.permissions import Actor
from umis.people import events
from umis.people.access import PurposeRequired, access_person, access_person_by_number
from umis.people.inputs import NameInput
from umis.people.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def person() -> Person:
    return registered(NameInput("IVANOV", "IVAN"))


# The access helper


def test_each_read_leaves_its_own_event_with_who_why_and_whom(person: Person) -> None:
    # given a border guard liaison officer, who may read the registry
    guard = officer_actor("agency_liaison", "SBS")

    # when they read the person twice, for two purposes
    first = access_person(actor=guard, person_id=person.pk, purpose="inquiry")
    second = access_person_by_number(actor=guard, number=person.number, purpose="enforcement")

    # then both reads return the person and each left one event
    assert first.pk == second.pk == person.pk
    reads = events_of(events.PERSON_VIEWED)
    assert [
        (e.subject_type, e.subject_id, e.actor_username, e.agency_code, e.role_code, e.purpose)
        for e in reads
    ] == [
        ("people.person", str(person.pk), guard.username, "SBS", "agency_liaison", "inquiry"),
        ("people.person", str(person.pk), guard.username, "SBS", "agency_liaison", "enforcement"),
    ]
    assert [e.extra for e in reads] == [{}, {}]


@pytest.mark.parametrize("purpose", ["", "because", "COUNTER_SERVICE"])
def test_a_read_without_a_known_purpose_is_refused_and_leaves_nothing(
    person: Person, purpose: str
) -> None:
    before = row_counts()

    with pytest.raises(PurposeRequired) as refused:
        access_person(actor=officer_actor("front_desk"), person_id=person.pk, purpose=purpose)

    assert refused.value.message == "State why you need this record."
    assert row_counts() == before


@pytest.mark.parametrize(("role_code", "agency_code"), [("analyst", "SMS"), ("analyst", "MLSP")])
def test_a_role_without_people_view_is_refused_and_leaves_nothing(
    person: Person, role_code: str, agency_code: str
) -> None:
    actor = officer_actor(role_code, agency_code)
    before = row_counts()

    with pytest.raises(NotAllowed) as refused:
        access_person(actor=actor, person_id=person.pk, purpose="inquiry")
    with pytest.raises(NotAllowed):
        access_person_by_number(actor=actor, number=person.number, purpose="inquiry")

    assert refused.value.permission == "people.view"
    assert row_counts() == before


def test_an_unknown_person_is_not_found_and_leaves_nothing(person: Person) -> None:
    before = row_counts()

    with pytest.raises(Http404):
        access_person(actor=officer_actor(), person_id=person.pk + 1000, purpose="inquiry")
    with pytest.raises(Http404):
        access_person_by_number(actor=officer_actor(), number="P000000000", purpose="inquiry")

    assert row_counts() == before


def test_whether_a_number_exists_is_not_told_to_whom_may_not_read() -> None:
    with pytest.raises(NotAllowed):
        access_person_by_number(
            actor=officer_actor("analyst"), number="P000000000", purpose="inquiry"
        )
    with pytest.raises(PurposeRequired):
        access_person_by_number(actor=officer_actor(), number="P000000000", purpose="")


def test_a_merged_record_opens_the_person_it_was_merged_into(person: Person) -> None:
    # given a second record of the same man, merged into the first
    duplicate = registered(NameInput("IVANOV", "IVAN"))
    Person.objects.filter(pk=duplicate.pk).update(merged_into=person)

    # when the old number is opened
    opened = access_person_by_number(
        actor=Actor.system("tests"), number=duplicate.number, purpose="case_work"
    )

    # then the surviving record is read, and the event says which number was asked for
    assert opened.pk == person.pk
    [event] = events_of(events.PERSON_VIEWED)
    assert (event.subject_id, event.extra) == (str(person.pk), {"asked_for": duplicate.number})


# Screens


def signed_in(client: Client, role_code: str, agency_code: str = "SMS") -> Client:
    client.force_login(officer(role_code, agency_code, username=f"{agency_code}_{role_code}"))
    client.cookies["umis_language"] = "en"
    return client


def test_the_profile_screen_leaves_one_event_per_opening(client: Client, person: Person) -> None:
    officer_client = signed_in(client, "inspector")

    for purpose in ("inspection", "enforcement"):
        response = officer_client.get(f"/people/{person.number}/", {"purpose": purpose})
        assert response.status_code == 200

    assert [
        (e.subject_id, e.actor_username, e.purpose) for e in events_of(events.PERSON_VIEWED)
    ] == [
        (str(person.pk), "SMS_inspector", "inspection"),
        (str(person.pk), "SMS_inspector", "enforcement"),
    ]


def test_another_agencys_officer_without_the_permission_is_refused_and_that_is_audited(
    client: Client, person: Person
) -> None:
    # given an analyst of the labour ministry (no people.view)
    analyst = signed_in(client, "analyst", "MLSP")

    # when they open the profile and search the registry
    profile = analyst.get(f"/people/{person.number}/", {"purpose": "inquiry"})
    search = analyst.get("/people/", {"q": "IVANOV", "purpose": "inquiry"})

    # then both are refused, nothing is read, and each refusal is in the audit trail
    assert (profile.status_code, search.status_code) == (403, 403)
    assert "IVANOV" not in profile.text
    assert events_of(events.PERSON_VIEWED) == events_of(events.PERSON_SEARCHED) == []
    refusals = events_of(ACCESS_REFUSED)
    assert [(e.actor_username, e.agency_code, e.extra) for e in refusals] == [
        (
            "MLSP_analyst",
            "MLSP",
            {"permission": "people.view", "method": "GET", "path": f"/people/{person.number}/"},
        ),
        (
            "MLSP_analyst",
            "MLSP",
            {"permission": "people.view", "method": "GET", "path": "/people/"},
        ),
    ]


# API


def api_get(client: Client, token: str, path: str) -> Any:
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="en")


def token_of(role_code: str, agency_code: str) -> str:
    user = officer(role_code, agency_code, username=f"{agency_code}_{role_code}")
    return api_token_issue(actor=Actor.system("tests"), user=user, name="tests")


def test_the_api_get_and_search_each_leave_their_event(client: Client, person: Person) -> None:
    token = token_of("agency_liaison", "MIA")

    got = api_get(client, token, f"/api/v1/people/{person.number}?purpose=enforcement")
    found = api_get(client, token, "/api/v1/people/search?q=Иванов+Иван&purpose=inquiry")

    assert got.status_code == found.status_code == 200
    assert got.json()["number"] == person.number
    assert [r["person"]["number"] for r in found.json()["results"]] == [person.number]
    [read] = events_of(events.PERSON_VIEWED)
    assert (read.subject_id, read.agency_code, read.purpose) == (
        str(person.pk),
        "MIA",
        "enforcement",
    )
    [searched] = events_of(events.PERSON_SEARCHED)
    assert (searched.agency_code, searched.purpose, searched.extra) == (
        "MIA",
        "inquiry",
        {"query": "Иванов Иван", "results": 1},
    )


def test_the_api_refuses_another_agencys_officer_without_the_permission_and_audits_it(
    client: Client, person: Person
) -> None:
    token = token_of("analyst", "STS")

    got = api_get(client, token, f"/api/v1/people/{person.number}?purpose=inquiry")
    found = api_get(client, token, "/api/v1/people/search?q=IVANOV&purpose=inquiry")

    assert (got.status_code, found.status_code) == (403, 403)
    assert json.loads(got.content)["error"]["code"] == "forbidden"
    assert events_of(events.PERSON_VIEWED) == events_of(events.PERSON_SEARCHED) == []
    assert [(e.agency_code, e.extra["permission"]) for e in events_of(ACCESS_REFUSED)] == [
        ("STS", "people.view"),
        ("STS", "people.view"),
    ]


def test_the_api_refuses_an_unknown_purpose_without_reading(client: Client, person: Person) -> None:
    token = token_of("agency_liaison", "MIA")

    response = api_get(client, token, f"/api/v1/people/{person.number}?purpose=curiosity")

    assert response.status_code == 422
    assert events_of(events.PERSON_VIEWED) == []
