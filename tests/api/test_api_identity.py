"""The matcher through the API: registering someone already known, and resolving a traveller."""

from collections.abc import Callable
from pathlib import Path

import pytest
from api_factories import call, person_body
from django.test import Client
from pytest_django.fixtures import Settings

from umis.audit.models import AuditEvent
from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.identity.models import CandidatePair
from umis.people.inputs import DocumentInput, NameInput, PersonInput
from umis.people.models import Person
from umis.people.services import person_register

pytestmark = pytest.mark.django_db

ALI = person_body("Мамедов", "Али", born="1980-05-12", passport="C 0123 4567", state="AZE")


@pytest.fixture(autouse=True)
def own_data_dir(settings: Settings, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # the shipped model


def ali(document: str = "C01234567", born: str = "1980-05-12") -> Person:
    return person_register(
        actor=Actor.system("tests"),
        data=PersonInput(
            sex="M",
            names=[NameInput("MAMMADOV", "ALI")],
            birth_date=PartialDate.parse(born),
            citizenships=["AZE"],
            documents=[DocumentInput("passport", document, "AZE")] if document else [],
        ),
    )


def events(event_type: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=event_type).order_by("seq"))


# Registering someone the registry surely knows


def test_a_sure_match_is_refused_with_409_and_the_person_in_the_error_shape(
    client: Client, token: str
) -> None:
    known = ali()

    response = call(client, token, "/api/v1/people", ALI)

    assert response.status_code == 409
    body = response.json()
    assert body["error"]["code"] == "person_exists"
    assert body["error"]["fields"] == {}
    [match] = body["matches"]
    assert match["number"] == known.number
    assert match["match_probability"] > 0.99
    assert match["names"] == ["MAMMADOV ALI"]
    assert {"comparison": "document", "level": "same number"} in [
        {k: e[k] for k in ("comparison", "level")} for e in match["evidence"]
    ]
    assert Person.objects.count() == 1
    assert [(e.subject_id, e.purpose) for e in events("people.person_viewed")] == [
        (str(known.pk), "registration")
    ]


def test_on_match_link_adds_the_new_spelling_to_the_registered_person(
    client: Client, token: str
) -> None:
    known = ali()

    response = call(client, token, "/api/v1/people", {**ALI, "on_match": "link"})

    assert response.status_code == 200
    assert response.json()["number"] == known.number
    assert Person.objects.count() == 1
    assert sorted(str(n) for n in known.names.all()) == ["MAMMADOV ALI", "Мамедов Али"]
    assert known.documents.count() == 1
    [linked] = events("identity.entry_linked")
    assert linked.extra["added"] == {"names": 1}


def test_on_match_link_adds_what_the_registration_repeats_once(client: Client, token: str) -> None:
    known = ali()
    cyrillic = {"surname": "Мамедов", "given_names": "Али"}
    renewed = {"kind": "passport", "number": "C07654321", "issuing_state": "AZE"}
    body = {
        **ALI,
        "names": [cyrillic, cyrillic],
        "documents": [*ALI["documents"], renewed, {**renewed, "number": "C 0765 4321"}],
        "on_match": "link",
    }

    response = call(client, token, "/api/v1/people", body)

    assert response.status_code == 200
    assert sorted(str(n) for n in known.names.all()) == ["MAMMADOV ALI", "Мамедов Али"]
    assert sorted(known.documents.values_list("number", flat=True)) == ["C01234567", "C07654321"]
    [linked] = events("identity.entry_linked")
    assert linked.extra["added"] == {"names": 1, "documents": 1}


def test_on_match_link_needs_the_edit_permission_and_changes_nothing(
    client: Client, token_for: Callable[[str], str]
) -> None:
    known = ali()

    response = call(client, token_for("agency_liaison"), "/api/v1/people",
                    {**ALI, "on_match": "link"})  # fmt: skip

    assert response.status_code == 403
    assert known.names.count() == 1
    assert not events("identity.entry_linked")
    assert not events("people.person_viewed")


def test_on_match_create_registers_someone_else_and_queues_the_pair(
    client: Client, token: str
) -> None:
    known = ali(document="C07654321")
    body = {**ALI, "documents": [], "on_match": "create"}

    response = call(client, token, "/api/v1/people", body)

    assert response.status_code == 201
    new = Person.objects.get(number=response.json()["number"])
    pair = CandidatePair.objects.get()
    assert (pair.first_id, pair.second_id, pair.status) == (known.pk, new.pk, "open")
    assert pair.found_by == "registration"
    assert pair.note.startswith("At registration, ")
    assert pair.note.endswith("different people.")


def test_a_possible_match_is_registered_and_queued_without_asking(
    client: Client, token: str
) -> None:
    # given two Ali Mammadovs born in 1980, and a third known by his year of birth only
    first = ali(document="", born="1980-05-12")
    second = ali(document="", born="1980-09-30")
    body = {**ALI, "birth_date": "1980", "documents": []}

    response = call(client, token, "/api/v1/people", body)

    assert response.status_code == 201
    new = Person.objects.get(number=response.json()["number"])
    pairs = CandidatePair.objects.order_by("first_id")
    assert [(p.first_id, p.second_id, p.status) for p in pairs] == [
        (first.pk, new.pk, "open"), (second.pk, new.pk, "open"),
    ]  # fmt: skip


def test_a_sure_match_is_answered_before_the_registration_rules(client: Client, token: str) -> None:
    # the passport already registered is how the matcher knows him, not a refusal
    ali()
    refused = call(client, token, "/api/v1/people", ALI)
    assert refused.status_code == 409
    # and registering him apart all the same meets the registry's rules
    apart = call(client, token, "/api/v1/people", {**ALI, "on_match": "create"})
    assert apart.status_code == 422
    assert apart.json()["error"]["fields"] == {
        "documents.0.number": ["This document is already registered to another person."]
    }
    assert Person.objects.count() == 1


# Resolving a traveller

TRAVELLER = {
    "purpose": "inquiry",
    "surname": "MAMEDOV",
    "given_names": "ALI",
    "sex": "M",
    "date_of_birth": "1980-05-12",
    "nationality": "aze",
    "document_number": "C01234567",
}


def test_resolve_links_a_known_traveller_reads_him_audited_and_creates_nothing(
    client: Client, token: str
) -> None:
    known = ali()

    response = call(client, token, "/api/v1/identity/resolve", TRAVELLER)

    assert response.status_code == 200
    body = response.json()
    assert (body["decision"], body["person"], body["created"]) == ("link", known.number, False)
    assert body["match_probability"] > 0.99
    assert [c["number"] for c in body["candidates"]] == [known.number]
    assert Person.objects.count() == 1
    [asked] = events("identity.traveller_resolved")
    assert (asked.purpose, asked.extra) == ("inquiry", {"decision": "link", "candidates": 1})
    assert [(e.subject_id, e.purpose) for e in events("people.person_viewed")] == [
        (str(known.pk), "inquiry")
    ]


def test_resolve_proposes_namesakes_with_a_partial_date(client: Client, token: str) -> None:
    first = ali(document="", born="1980-05-12")
    second = ali(document="", born="1980-09-30")
    traveller = {**TRAVELLER, "date_of_birth": "1980-00-00", "document_number": ""}

    body = call(client, token, "/api/v1/identity/resolve", traveller).json()

    assert (body["decision"], body["person"]) == ("propose", None)
    assert {c["number"] for c in body["candidates"]} == {first.number, second.number}


def test_resolve_an_unknown_traveller_is_none_and_create_registers_him(
    client: Client, token: str
) -> None:
    ali()
    nino = {**TRAVELLER, "surname": "BERIDZE", "given_names": "NINO", "sex": "F",
            "date_of_birth": "1990-03-21", "nationality": "GEO",
            "document_number": "13AB45678"}  # fmt: skip

    asked = call(client, token, "/api/v1/identity/resolve", nino).json()
    assert (asked["decision"], asked["person"], asked["candidates"]) == ("none", None, [])
    assert Person.objects.count() == 1

    created = call(client, token, "/api/v1/identity/resolve", {**nino, "create": True}).json()
    assert (created["decision"], created["created"]) == ("none", True)
    person = Person.objects.get(number=created["person"])
    assert person.documents.get().number_normalised == "13AB45678"


def test_resolve_create_says_what_is_missing_on_its_own_fields(client: Client, token: str) -> None:
    body = {**TRAVELLER, "sex": "", "nationality": "", "create": True}

    response = call(client, token, "/api/v1/identity/resolve", body)

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"nationality"}
    assert Person.objects.count() == 0


def test_resolve_without_a_name_or_purpose_is_refused(client: Client, token: str) -> None:
    no_name = call(client, token, "/api/v1/identity/resolve", {"purpose": "inquiry"})
    assert no_name.status_code == 422
    assert set(no_name.json()["error"]["fields"]) == {"surname"}
    no_purpose = call(client, token, "/api/v1/identity/resolve", {"surname": "X"})
    assert no_purpose.status_code == 422
    assert not events("identity.traveller_resolved")


def test_resolve_needs_a_role_that_may_read_persons(
    client: Client, token_for: Callable[[str], str]
) -> None:
    ali()

    response = call(client, token_for("analyst"), "/api/v1/identity/resolve", TRAVELLER)

    assert response.status_code == 403
    assert not events("identity.traveller_resolved")
    assert not events("people.person_viewed")


# The review queue


def queued_pair(token: str) -> CandidatePair:
    """Two Ali Mammadovs born in 1980, and a third the matcher is unsure of, registered
    with ``token``: each pair waits for review."""
    first = ali(document="", born="1980-05-12")
    second = ali(document="", born="1980-09-30")
    call(Client(), token, "/api/v1/people", {**ALI, "birth_date": "1980", "documents": []})
    return CandidatePair.objects.get(first=first, second__gt=second)


def test_a_reviewer_lists_the_queue_and_decides_a_pair(
    client: Client, token: str, token_for: Callable[[str], str]
) -> None:
    pair = queued_pair(token)
    reviewer = token_for("case_worker")

    listed = call(client, reviewer, "/api/v1/identity/pairs?status=open").json()
    assert listed["total"] == 2
    [row] = [r for r in listed["results"] if r["id"] == pair.pk]
    assert (row["first"], row["second"]) == (pair.first.number, pair.second.number)
    assert (row["found_by"], row["note"]) == ("registration", "")

    decided = call(client, reviewer, f"/api/v1/identity/pairs/{pair.pk}/decision",
                   {"decision": "different", "note": "other father"})  # fmt: skip
    assert decided.status_code == 200
    assert (decided.json()["status"], decided.json()["note"]) == ("different", "other father")
    pair.refresh_from_db()
    assert pair.status == "different"
    assert [e.extra["decision"] for e in events("identity.pair_decided")] == ["different"]
    assert call(client, reviewer, "/api/v1/identity/pairs").json()["total"] == 1


def test_the_queue_needs_the_review_permission_and_a_real_pair(
    client: Client, token: str, token_for: Callable[[str], str]
) -> None:
    pair = queued_pair(token)

    assert call(client, token, "/api/v1/identity/pairs").status_code == 403
    refused = call(client, token, f"/api/v1/identity/pairs/{pair.pk}/decision",
                   {"decision": "same"})  # fmt: skip
    assert refused.status_code == 403
    pair.refresh_from_db()
    assert pair.status == "open"
    missing = call(client, token_for("case_worker"), "/api/v1/identity/pairs/999999/decision",
                   {"decision": "same"})  # fmt: skip
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
