"""The applicant answers a request for information; organisations manage their users."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from permit_factories import PDF, actor, officer, organisation_user, submitted

from factories import PASSWORD, MovableClock
from umis.accounts.models import User
from umis.permits.models import Status
from umis.permits.services import cases

pytestmark = pytest.mark.django_db


def signed_in(user: User, password: str = PASSWORD) -> Client:
    client = Client()
    client.cookies["umis_language"] = "en"
    assert client.login(username=user.username, password=password)
    return client


def test_applicant_answers_with_a_document_and_the_deadline_moves(clock: MovableClock) -> None:
    case = submitted("stay_extension")
    cases.information_request(actor=actor(officer()), application=case, note="Hospital letter?")
    client = signed_in(case.applicant)
    page = client.get(f"/portal/applications/{case.pk}").content.decode()
    assert "Hospital letter?" in page
    clock.advance(days=7)  # Mon 9: Tue 3 … Mon 9 are five working days given back
    response = client.post(
        f"/portal/applications/{case.pk}/answer",
        {"note": "Attached", "doc-other": SimpleUploadedFile("letter.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW
    assert case.deadline is not None
    assert case.deadline.isoformat() == "2026-03-12"
    assert case.uploads.filter(checklist_code="other").count() == 1


def test_an_empty_answer_is_refused() -> None:
    case = submitted("stay_extension")
    cases.information_request(actor=actor(officer()), application=case, note="Letter?")
    response = signed_in(case.applicant).post(
        f"/portal/applications/{case.pk}/answer", {"note": ""}
    )
    assert response.status_code == 400
    assert "Write an answer or attach a document." in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.WAITING_APPLICANT


def test_organisation_manager_adds_a_colleague_and_others_cannot() -> None:
    manager = organisation_user()
    response = signed_in(manager).post(
        "/portal/organisation/users",
        {"email": "colleague@firm.example", "password": "another long secret 7"},
    )
    assert response.status_code == 302
    colleague = User.objects.get(username="colleague@firm.example")
    assert colleague.agency == manager.agency
    refused = signed_in(colleague, "another long secret 7").post(
        "/portal/organisation/users",
        {"email": "third@firm.example", "password": "another long secret 7"},
    )
    assert "Only the organisation&#x27;s manager can add users." in refused.content.decode()
    assert not User.objects.filter(username="third@firm.example").exists()


def test_registration_of_an_organisation_checks_every_field() -> None:
    client = Client()
    client.cookies["umis_language"] = "en"
    response = client.post(
        "/portal/register/organisation",
        {"name": "", "kind": "police", "tax_id": "12", "email": "bad", "password": "short"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    for message in (
        "This field is required.",
        "Select a valid choice.",
        "Enter a valid email address.",
    ):
        assert message in html
    assert not User.objects.exists()
