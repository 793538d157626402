"""The registry's officer screens: search, register, profile, corrections, dashboard panel."""

from datetime import date
from typing import Any

import pytest
from django.test import Client

from umis.accounts.models import Agency, Role
from umis.accounts.services import officer_create
from umis.audit.models import AuditEvent
from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.people import events
from umis.people.inputs import DocumentInput, NameInput, PersonInput
from umis.people.models import Person, TravelDocument
from umis.people.services import person_register

pytestmark = pytest.mark.django_db

SPECIMEN_MRZ = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
)
HX = {"HTTP_HX_REQUEST": "true"}


def officer_client(client: Client, role: str = "front_desk") -> Client:
    user, _ = officer_create(
        actor=Actor.system("test"),
        username=f"officer_{role}",
        first_name="Aysel",
        last_name="Məmmədova",
        agency=Agency.objects.get(code="SMS"),
        role=Role.objects.get(code=role),
    )
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    client.force_login(user)
    client.cookies["umis_language"] = "en"
    return client


@pytest.fixture
def officer(client: Client) -> Client:
    return officer_client(client)


def registered(names: list[NameInput], *, born: str = "1985-03-14", documents: Any = ()) -> Person:
    return person_register(
        actor=Actor.system("test"),
        data=PersonInput(
            sex="M",
            names=names,
            birth_date=PartialDate.parse(born),
            citizenships=["RUS"],
            documents=list(documents),
        ),
    )


def events_of(event_type: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=event_type))


def register_form(**changes: str) -> dict[str, str]:
    form = {
        "action": "save",
        "surname": "PETROV",
        "given_names": "SERGEI",
        "original_surname": "Петров",
        "original_given_names": "Сергей",
        "sex": "M",
        "birth_date": "1979-11-02",
        "citizenship_status": "citizen",
        "citizenship": "RUS",
        "document_kind": "passport",
        "document_number": "751234567",
        "document_issuing_state": "RUS",
        "document_issued_on": "2020-01-15",
        "document_expires_on": "2030-01-15",
    }
    return {**form, **changes}


# Search


def test_search_by_cyrillic_finds_a_person_registered_in_latin(officer: Client) -> None:
    person = registered([NameInput("IVANOV", "IVAN")])

    response = officer.get("/people/", {"q": "Иванов Иван", "purpose": "counter_service"})

    hits = response.context["page"].hits
    assert [hit.person.number for hit in hits] == [person.number]
    assert person.number_display in response.text


def test_search_in_latin_finds_a_person_registered_in_cyrillic(officer: Client) -> None:
    person = registered([NameInput("Иванов", "Иван", kind="original")])

    response = officer.get("/people/", {"q": "IVANOV IVAN", "purpose": "counter_service"})

    assert [hit.person.number for hit in response.context["page"].hits] == [person.number]
    assert f'href="/people/{person.number}/?purpose=counter_service"' in response.text


def test_search_without_purpose_is_refused_and_reads_nothing(officer: Client) -> None:
    registered([NameInput("IVANOV", "IVAN")])

    response = officer.get("/people/", {"q": "IVANOV"})

    assert response.status_code == 200
    assert response.context["page"] is None
    assert response.context["form"].errors == {"purpose": ["Choose why you need this information."]}
    assert events_of(events.PERSON_SEARCHED) == []


def test_each_search_writes_one_audit_event_with_its_purpose(officer: Client) -> None:
    registered([NameInput("IVANOV", "IVAN")])

    officer.get("/people/", {"q": "IVANOV IVAN", "purpose": "inquiry"})

    [event] = events_of(events.PERSON_SEARCHED)
    assert event.purpose == "inquiry"
    assert event.extra == {"query": "IVANOV IVAN", "results": 1}
    assert event.actor_username == "officer_front_desk"


def test_search_remembers_the_purpose_for_the_next_search(officer: Client) -> None:
    officer.get("/people/", {"q": "IVANOV", "purpose": "case_work"})

    response = officer.get("/people/")

    assert response.context["form"]["purpose"].value() == "case_work"


def test_search_filters_by_date_of_birth_and_shows_a_bad_date_on_its_field(
    officer: Client,
) -> None:
    registered([NameInput("IVANOV", "IVAN")], born="1985-03-14")
    query = {"q": "IVANOV IVAN", "purpose": "counter_service", "birth_mode": "around"}

    near = officer.get("/people/", {**query, "birth_date": "1986"})
    far = officer.get("/people/", {**query, "birth_date": "1990"})
    bad = officer.get("/people/", {**query, "birth_date": "14.03.1985"})

    assert near.context["page"].total == 1
    assert far.context["page"].total == 0
    assert bad.context["form"].errors == {
        "birth_date": ["Write the date as YYYY-MM-DD, YYYY-MM or YYYY (00 for an unknown part)."]
    }
    assert 'aria-describedby="id_birth_date_helptext id_birth_date_error"' in bad.text


def test_results_fragment_answers_htmx_and_points_the_address_bar_at_the_full_page(
    officer: Client,
) -> None:
    registered([NameInput("IVANOV", "IVAN")])
    query = {"q": "IVANOV", "purpose": "counter_service"}

    fragment = officer.get("/people/results", query, **HX)
    plain = officer.get("/people/results", query)

    assert "<html" not in fragment.text
    assert "<caption>1 person found</caption>" in fragment.text
    assert fragment["HX-Push-Url"] == "/people/?q=IVANOV&purpose=counter_service"
    assert plain.status_code == 302
    assert plain["Location"] == "/people/?q=IVANOV&purpose=counter_service"


def test_search_pages_through_results(officer: Client) -> None:
    for number in range(12):
        registered([NameInput("IVANOV", "IVAN")], born=f"{1950 + number}")

    first = officer.get("/people/", {"q": "IVANOV IVAN", "purpose": "counter_service"})
    second = officer.get("/people/", {"q": "IVANOV IVAN", "purpose": "counter_service", "page": 2})

    assert len(first.context["page"].hits) == 10
    assert first.context["next_query"] == "q=IVANOV+IVAN&purpose=counter_service&page=2"
    assert len(second.context["page"].hits) == 2
    assert "next_query" not in second.context
    assert second.context["previous_query"] == "q=IVANOV+IVAN&purpose=counter_service&page=1"


# Profile


def test_profile_view_writes_one_audit_event_with_its_purpose(officer: Client) -> None:
    person = registered([NameInput("IVANOV", "IVAN")])

    response = officer.get(f"/people/{person.number}/", {"purpose": "counter_service"})

    assert response.status_code == 200
    [event] = events_of(events.PERSON_VIEWED)
    assert (event.subject_id, event.purpose) == (str(person.pk), "counter_service")


def test_profile_without_purpose_asks_why_and_reads_nothing(officer: Client) -> None:
    person = registered([NameInput("IVANOV", "IVAN")])

    response = officer.get(f"/people/{person.number}/")

    assert response.status_code == 200
    assert "Why are you opening this record?" in response.text
    assert "IVANOV" not in response.text
    assert events_of(events.PERSON_VIEWED) == []


def test_profile_shows_identity_grouped_number_and_partial_date(officer: Client) -> None:
    person = registered([NameInput("IVANOV", "IVAN")], born="1985-03")

    response = officer.get(f"/people/{person.number}/", {"purpose": "counter_service"})

    assert person.number_display in response.text
    assert '1985-03 <span class="muted">(year and month)</span>' in response.text
    assert "citizen of one or more states: Russian Federation (RUS)</dd>" in response.text


def test_expired_document_is_marked_in_words(officer: Client) -> None:
    person = registered(
        [NameInput("IVANOV", "IVAN")],
        documents=[
            DocumentInput("passport", "OLD123", "RUS", date(2010, 1, 1), date(2020, 1, 1)),
            DocumentInput("passport", "NEW456", "RUS", date(2020, 1, 2), date(2099, 1, 1)),
        ],
    )

    response = officer.get(f"/people/{person.number}/", {"purpose": "counter_service"})

    assert response.text.count('<strong class="tag expired">expired</strong>') == 1
    assert response.text.count("<td>valid</td>") == 1


def test_timeline_shows_the_registration(officer: Client) -> None:
    person = registered([NameInput("IVANOV", "IVAN")])

    response = officer.get(f"/people/{person.number}/", {"purpose": "counter_service"})

    titles = [entry.title for entry in response.context["timeline"]]
    assert titles.count("Person registered") == 1
    assert '<span class="timeline-title">Person registered</span>' in response.text


def test_role_without_people_view_is_refused_and_nothing_is_read(client: Client) -> None:
    person = registered([NameInput("IVANOV", "IVAN")])
    analyst = officer_client(client, role="analyst")

    profile = analyst.get(f"/people/{person.number}/", {"purpose": "counter_service"})
    search = analyst.get("/people/", {"q": "IVANOV", "purpose": "counter_service"})

    assert (profile.status_code, search.status_code) == (403, 403)
    assert "You are not allowed to see this page" in profile.text
    assert events_of(events.PERSON_VIEWED) == []
    assert events_of(events.PERSON_SEARCHED) == []


def test_screens_need_a_signed_in_user(client: Client) -> None:
    response = client.get("/people/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/people/"


# Register


def test_register_creates_one_person_with_names_and_document(officer: Client) -> None:
    response = officer.post("/people/new", register_form())

    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/people/{person.number}/?purpose=registration"
    names = list(
        person.names.order_by("pk").values_list("kind", "script", "surname", "given_names")
    )
    assert names == [
        ("document", "Latn", "PETROV", "SERGEI"),
        ("original", "Cyrl", "Петров", "Сергей"),
    ]
    document = person.documents.get()
    assert (document.kind, document.number, document.issuing_state_id) == (
        "passport",
        "751234567",
        "RUS",
    )
    assert (document.issued_on, document.expires_on) == (date(2020, 1, 15), date(2030, 1, 15))
    assert [c.country_id for c in person.citizenships.all()] == ["RUS"]
    assert str(person.birth_date) == "1979-11-02"
    assert len(events_of(events.PERSON_REGISTERED)) == 1


def test_register_shows_the_success_message_on_the_profile(officer: Client) -> None:
    response = officer.post("/people/new", register_form(), follow=True)

    number = Person.objects.get().number_display
    assert f"Person registered with number {number}." in response.text


def test_reading_the_specimen_mrz_fills_the_form(officer: Client) -> None:
    response = officer.post(
        "/people/new", {"action": "read_mrz", "mrz": SPECIMEN_MRZ, "fin": "5ABC12D"}
    )

    form = response.context["form"]
    filled = {name: form[name].value() for name in form.fields}
    assert filled["surname"] == "ERIKSSON"
    assert filled["given_names"] == "ANNA MARIA"
    assert filled["document_number"] == "L898902C3"
    assert filled["birth_date"] == "1974-08-12"
    assert filled["sex"] == "F"
    assert filled["document_expires_on"] == "2012-04-15"
    assert filled["document_kind"] == "passport"
    assert filled["fin"] == "5ABC12D"
    assert form.errors["document_issuing_state"] == [
        "The MRZ gives the issuing state as “UTO”, which is not in the list of countries. "
        "Check the document and choose the state."
    ]
    assert list(form.errors) == ["document_issuing_state", "citizenship"]
    assert Person.objects.count() == 0


def test_reading_the_mrz_through_htmx_returns_the_form_alone(officer: Client) -> None:
    response = officer.post("/people/new/mrz", {"mrz": SPECIMEN_MRZ}, **HX)

    assert "<html" not in response.text
    assert response.text.lstrip().startswith('<form method="post" action="/people/new"')
    assert 'value="ERIKSSON"' in response.text


def test_a_mistyped_mrz_is_shown_next_to_the_mrz_field(officer: Client) -> None:
    response = officer.post("/people/new", {"action": "read_mrz", "mrz": "P<UTOERIKSSON"})

    assert response.context["form"].errors == {
        "mrz": ["An MRZ has 2 lines (passport) or 3 lines (identity card)."]
    }
    assert 'aria-describedby="id_mrz_helptext id_mrz_error"' in response.text


def test_a_wrong_check_digit_is_a_warning_not_a_stop(officer: Client) -> None:
    damaged = SPECIMEN_MRZ.replace("7408122F", "7408121F")

    response = officer.post("/people/new", {"action": "read_mrz", "mrz": damaged})

    form = response.context["form"]
    assert form["surname"].value() == "ERIKSSON"
    assert form.errors["mrz"][0].startswith("The check digit of the date of birth does not match")


def test_duplicate_safety_net_blocks_until_the_officer_chooses(officer: Client) -> None:
    known = registered([NameInput("PETROV", "SERGEI")], born="1979-11-02")
    form = register_form(document_number="", document_issued_on="", document_expires_on="")

    blocked = officer.post("/people/new", form)

    assert blocked.status_code == 200
    assert Person.objects.count() == 1
    assert [m.person for m in blocked.context["entry_matches"]] == [known]
    assert "Someone else: register a new person" in blocked.text
    assert (
        blocked.context["form"]
        .errors["same_person"][0]
        .startswith("This person is already registered.")
    )

    confirmed = officer.post("/people/new", {**form, "same_person": "new"})

    assert confirmed.status_code == 302
    assert Person.objects.count() == 2


def test_candidates_panel_lists_likely_matches_as_the_officer_types(officer: Client) -> None:
    person = registered([NameInput("PETROV", "SERGEI")], born="1979-11-02")

    response = officer.post(
        "/people/new/candidates",
        {"surname": "Петров", "given_names": "Сергей", "birth_date": "1979"},
        **HX,
    )

    assert "<html" not in response.text
    assert f'href="/people/{person.number}/?purpose=registration" target="_blank"' in response.text
    assert [e.purpose for e in events_of(events.PERSON_SEARCHED)] == ["registration"]


def test_expiry_before_issue_is_shown_on_the_expiry_field_and_nothing_saved(
    officer: Client,
) -> None:
    response = officer.post(
        "/people/new",
        register_form(document_issued_on="2020-01-15", document_expires_on="2019-01-15"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "document_expires_on": ["The document expires before it was issued."]
    }
    assert 'id="id_document_expires_on_error"' in response.text
    assert Person.objects.count() == 0


def test_expiry_date_that_does_not_exist_is_shown_on_its_field(officer: Client) -> None:
    response = officer.post("/people/new", register_form(document_expires_on="2030-02-30"))

    assert response.context["form"].errors == {
        "document_expires_on": ["Write the date as YYYY-MM-DD."]
    }
    assert Person.objects.count() == 0


def test_missing_citizenship_is_shown_on_the_citizenship_field(officer: Client) -> None:
    response = officer.post("/people/new", register_form(citizenship=""))

    assert response.context["form"].errors == {
        "citizenship": [
            "Give at least one citizenship, or mark the person stateless or of "
            "undetermined citizenship."
        ]
    }
    assert Person.objects.count() == 0


def test_register_needs_the_register_permission(client: Client) -> None:
    inspector = officer_client(client, role="inspector")

    response = inspector.post("/people/new", register_form())

    assert response.status_code == 403
    assert Person.objects.count() == 0


# Corrections


def test_edit_records_the_change_with_its_reason(officer: Client) -> None:
    person = registered([NameInput("IVANOV", "IVAN")], born="1985")
    form = {"sex": "M", "birth_date": "1985-03-14", "citizenship_status": "citizen"}

    refused = officer.post(f"/people/{person.number}/edit", form)
    saved = officer.post(f"/people/{person.number}/edit", {**form, "reason": "Seen in passport"})

    assert refused.context["form"].errors == {"reason": ["Say why the record is being changed."]}
    assert saved.status_code == 302
    person.refresh_from_db()
    assert str(person.birth_date) == "1985-03-14"
    [event] = events_of(events.PERSON_UPDATED)
    assert event.extra["reason"] == "Seen in passport"
    timeline = officer.get(f"/people/{person.number}/", {"purpose": "registration"})
    assert "Reason: Seen in passport (date of birth: 1985 → 1985-03-14)" in timeline.text


def test_adding_a_duplicate_document_shows_the_error_on_the_number(officer: Client) -> None:
    registered(
        [NameInput("PETROV", "SERGEI")],
        documents=[DocumentInput("passport", "751234567", "RUS")],
    )
    person = registered([NameInput("IVANOV", "IVAN")])

    response = officer.post(
        f"/people/{person.number}/documents/add",
        {"kind": "passport", "number": "75 1234567", "issuing_state": "RUS"},
    )

    assert response.context["form"].errors == {
        "number": ["This document is already registered to another person."]
    }
    assert TravelDocument.objects.count() == 1


def test_adding_a_name_makes_the_person_findable_by_it(officer: Client) -> None:
    person = registered([NameInput("IVANOV", "IVAN")])

    added = officer.post(
        f"/people/{person.number}/names/add",
        {"kind": "alias", "surname": "SMIRNOV", "given_names": "IVAN"},
    )
    found = officer.get("/people/", {"q": "SMIRNOV IVAN", "purpose": "counter_service"})

    assert added.status_code == 302
    assert [hit.person.number for hit in found.context["page"].hits] == [person.number]
    assert len(events_of(events.NAME_ADDED)) == 1


def test_correction_screens_need_the_edit_permission(client: Client) -> None:
    person = registered([NameInput("IVANOV", "IVAN")])
    inspector = officer_client(client, role="inspector")

    response = inspector.get(f"/people/{person.number}/identifiers/add")

    assert response.status_code == 403
    assert events_of(events.PERSON_VIEWED) == []


# Dashboard


def test_dashboard_panel_offers_search_register_and_todays_count(officer: Client) -> None:
    registered([NameInput("IVANOV", "IVAN")])

    response = officer.get("/")

    assert '<form method="get" action="/people/" role="search"' in response.text
    assert '<a href="/people/new">Register a person</a>' in response.text
    assert "1 person registered today." in response.text
