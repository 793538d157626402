"""The officers' form for one crossing: by person number or by the traveller described."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from pytest_django.fixtures import Settings
from stay_factories import crossing, person, registered

from factories import PASSWORD, UserFactory, role
from umis.audit.models import AuditEvent
from umis.identity.models import CandidatePair
from umis.people.models import Person
from umis.stays.models import Crossing, StayStatus

pytestmark = pytest.mark.django_db
URL = "/stays/crossings/new"


@pytest.fixture(autouse=True)
def shipped_matching_model(settings: Settings, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path


@pytest.fixture
def officer(english_client: Client) -> Client:
    user = UserFactory(role=role("front_desk"))
    english_client.login(username=user.username, password=PASSWORD)
    return english_client


def _form(**values: str) -> dict[str, str]:
    return {
        "direction": "entry",
        "at": "2026-03-01T10:30",
        "point": "GYD",
        "purpose": "tourism",
        "document_kind": "passport",
        "document_number": "751234567",
        "nationality": "RUS",
        "source_ref": "form-test-1",
        **values,
    }


def test_form_offers_the_border_points(officer: Client) -> None:
    response = officer.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="GYD"' in html
    assert 'name="source_ref"' in html


def test_entry_by_person_number_is_recorded_audited_and_refreshes_the_status(
    officer: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    who = person()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(URL, _form(person_number=who.number.lower()))
    assert response.status_code == 302
    stored = Crossing.objects.get()
    assert (stored.person_id, stored.direction, stored.day, stored.point_id) == (
        who.pk,
        "entry",
        date(2026, 3, 1),
        "GYD",
    )
    assert stored.at == datetime(2026, 3, 1, 6, 30, tzinfo=UTC)  # 10:30 in Baku
    assert (stored.nationality, stored.document_number, stored.purpose) == (
        "RUS",
        "751234567",
        "tourism",
    )
    assert AuditEvent.objects.filter(event_type="stays.crossing_recorded").count() == 1
    assert AuditEvent.objects.filter(event_type="people.person_viewed").count() == 1
    assert StayStatus.objects.get(person=who).stay_entry == date(2026, 3, 1)
    page = officer.get(response["Location"]).content.decode()
    assert f"Entry of person {who.number} on 2026-03-01 recorded." in page


def test_sending_the_same_form_twice_records_one_crossing(officer: Client) -> None:
    who = person()
    for _ in range(2):
        assert officer.post(URL, _form(person_number=who.number)).status_code == 302
    assert Crossing.objects.count() == 1


def test_unknown_traveller_is_registered_through_the_matcher(officer: Client) -> None:
    response = officer.post(
        URL, _form(surname="PETROV", given_names="PYOTR", sex="M", birth_date="1979-04-02")
    )
    assert response.status_code == 302
    newcomer = Person.objects.get()
    assert Crossing.objects.get().person_id == newcomer.pk
    assert newcomer.documents.get().number_normalised == "751234567"
    assert "has been registered" in officer.get(response["Location"]).content.decode()


def test_traveller_holding_a_known_document_is_that_person(officer: Client) -> None:
    known = registered("PETROV", "PYOTR", document="751234567", nationality="RUS")
    officer.post(URL, _form(surname="PETROV", direction="exit"))
    assert Person.objects.count() == 1
    assert Crossing.objects.get().person_id == known.pk


def test_traveller_the_matcher_is_sure_of_is_linked(officer: Client) -> None:
    """Same person, same passport number, but declared as an identity card: the document
    is not on record as such, the matcher links them to the registered person."""
    known = registered("PETROV", "PYOTR", born="1979-04-02", document="751234567",
                       nationality="RUS")  # fmt: skip
    response = officer.post(
        URL,
        _form(surname="ПЕТРОВ", given_names="ПЁТР", sex="M", birth_date="1979-04-02",
              document_kind="id_card"),
    )  # fmt: skip
    assert response.status_code == 302
    assert Person.objects.count() == 1
    assert Crossing.objects.get().person_id == known.pk
    page = officer.get(response["Location"]).content.decode()
    assert "recognised as a registered person" in page


def test_a_doubtful_traveller_is_registered_and_left_for_review(officer: Client) -> None:
    first = registered("IVANOV", "YURIY", born="1975-03-14", document="700000001",
                       nationality="RUS")  # fmt: skip
    second = registered("IVANOV", "IURII", born="1975-08-01", nationality="RUS")
    response = officer.post(
        URL, _form(surname="ИВАНОВ", given_names="ЮРИЙ", birth_date="1975", sex="M",
                   document_number="769999999"),
    )  # fmt: skip
    assert response.status_code == 302
    newcomer = Person.objects.exclude(pk__in=[first.pk, second.pk]).get()
    assert Crossing.objects.get().person_id == newcomer.pk
    pairs = {(p.first_id, p.second_id) for p in CandidatePair.objects.all()}
    assert pairs == {(first.pk, newcomer.pk), (second.pk, newcomer.pk)}
    assert "waiting for review" in officer.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"point": ""}, "point", "This field is required."),
        ({"point": "NOWHERE"}, "point", "Choose a border crossing point from the list."),
        ({"at": "1 March"}, "at", "Give the date and time as YYYY-MM-DD HH:MM."),
        ({"at": "2099-01-01T10:00"}, "at", "A crossing cannot be recorded in the future."),
        ({"document_number": ""}, "document_number", "Give the number of the travel document"),
        ({"nationality": ""}, "nationality", "Choose the state that issued the document."),
        ({}, "surname", "Give the person number, or the traveller&#x27;s surname."),
        ({"person_number": "P999999999"}, "person_number", "No person has this number."),
        ({"surname": "X", "birth_date": "1990-13-01"}, "birth_date", "month"),
    ],
)
def test_each_field_says_what_is_wrong_and_nothing_is_stored(
    officer: Client, values: dict[str, str], field: str, message: str
) -> None:
    before = Person.objects.count()
    response = officer.post(URL, _form(**values))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message.replace("&#x27;", "'") in " ".join(errors[field])
    assert message in response.content.decode()
    assert Crossing.objects.count() == 0
    assert Person.objects.count() == before
    assert not AuditEvent.objects.filter(event_type="stays.crossing_recorded").exists()


def test_messages_follow_the_officers_language(client: Client) -> None:
    user = UserFactory(role=role("front_desk"))
    client.login(username=user.username, password=PASSWORD)
    client.cookies["umis_language"] = "ru"
    response = client.get(URL)
    assert response.headers["Content-Language"] == "ru"


def test_officer_without_the_permission_is_refused_and_nothing_is_stored(client: Client) -> None:
    who = person()
    crossing(who, "entry", date(2026, 1, 1))
    user = UserFactory(role=role("analyst"))
    client.login(username=user.username, password=PASSWORD)
    assert client.get(URL).status_code == 403
    assert client.post(URL, _form(person_number=who.number)).status_code == 403
    assert Crossing.objects.count() == 1
