"""An applicant never reaches another's application or files, whatever id they guess."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from permit_factories import (
    PDF,
    applicant,
    draft,
    extension_answers,
    officer,
    organisation_user,
    submitted,
)

from factories import PASSWORD
from umis.accounts.models import Agency
from umis.permits.models import Application, Payment, Upload

pytestmark = pytest.mark.django_db


def signed_in(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def test_guessed_application_and_file_ids_all_answer_not_found() -> None:
    victim_case = submitted("stay_extension")
    victim_file = Upload.objects.filter(application=victim_case).first()
    assert victim_file is not None
    intruder = signed_in(applicant())
    pk = victim_case.pk
    for path in (
        f"/portal/applications/{pk}",
        f"/portal/applications/{pk}/letter.pdf",
        f"/portal/applications/{pk}/permit.pdf",
        f"/portal/files/{victim_file.pk}",
    ):
        assert intruder.get(path).status_code == 404, path
    for path in (
        f"/portal/applications/{pk}/withdraw",
        f"/portal/applications/{pk}/answer",
        f"/portal/applications/{pk}/upload",
        f"/portal/applications/{pk}/pay",
        f"/portal/applications/{pk}/submit",
    ):
        assert intruder.post(path).status_code == 404, path
    # the officers' download of the same file is not theirs either
    assert intruder.get(f"/permits/files/{victim_file.pk}").status_code == 403
    victim_case.refresh_from_db()
    assert victim_case.status == "submitted"
    owner = signed_in(victim_case.applicant)
    assert owner.get(f"/portal/files/{victim_file.pk}").status_code == 200


def test_colleagues_share_their_organisation_applications_and_no_one_else_does() -> None:
    employer = organisation_user()
    case = submitted("work_permit", user=employer)
    colleague = organisation_user(org=employer.agency)
    assert signed_in(colleague).get(f"/portal/applications/{case.pk}").status_code == 200
    stranger = organisation_user()
    assert signed_in(stranger).get(f"/portal/applications/{case.pk}").status_code == 404


def test_officer_screens_refuse_applicants() -> None:
    case = submitted("stay_extension")
    client = signed_in(case.applicant)
    assert client.get(f"/permits/cases/{case.pk}").status_code == 403
    assert client.get("/permits/").status_code == 403


def test_a_person_cannot_file_an_employers_service() -> None:
    client = signed_in(applicant())
    assert client.get("/portal/apply/work_permit").status_code == 404


def test_nothing_reaches_someone_elses_draft() -> None:
    # given a draft of one applicant, its documents not yet all sent
    owner = applicant()
    victim_draft = draft(owner, "stay_extension", extension_answers())
    uploads_before = Upload.objects.count()
    intruder = signed_in(applicant())
    # when another applicant sends a file to it, submits it or pays for it
    document = SimpleUploadedFile("passport.pdf", PDF, "application/pdf")
    pk = victim_draft.pk
    sent = intruder.post(f"/portal/applications/{pk}/upload", {"doc-passport": document})
    submitted_ = intruder.post(f"/portal/applications/{pk}/submit")
    paid = intruder.post(f"/portal/applications/{pk}/pay")
    # then each is not found, and the draft is as it was
    assert (sent.status_code, submitted_.status_code, paid.status_code) == (404, 404, 404)
    assert Upload.objects.count() == uploads_before
    assert not Payment.objects.filter(application=victim_draft).exists()
    victim_draft.refresh_from_db()
    assert (victim_draft.status, victim_draft.receipt_number) == ("draft", None)


def test_officers_of_another_office_reach_no_case_file_or_action() -> None:
    # given a case of the Baku office (SMS) with a document
    case = submitted("stay_extension")
    document = Upload.objects.filter(application=case).first()
    assert document is not None
    Agency.objects.create(
        code="NAX", kind=Agency.Kind.MIGRATION, name_az="NAX", name_en="NAX", name_ru="NAX"
    )
    elsewhere = signed_in(officer(agency_code="NAX"))
    # when an officer of another office guesses its ids
    for path in (
        f"/permits/cases/{case.pk}",
        f"/permits/cases/{case.pk}/letter.pdf",
        f"/permits/cases/{case.pk}/permit.pdf",
        f"/permits/files/{document.pk}",
    ):
        assert elsewhere.get(path).status_code == 404, path
    decide = {"dec-outcome": "grant", "dec-grounds": ["requirements_met"], "dec-reasons": ""}
    for path, data in (
        (f"/permits/cases/{case.pk}/take", {}),
        (f"/permits/cases/{case.pk}/decide", decide),
        (f"/permits/cases/{case.pk}/information", {"info-note": "More?"}),
    ):
        assert elsewhere.post(path, data).status_code == 404, path
    # then the case is untouched
    case.refresh_from_db()
    assert (case.status, case.assigned_to) == ("submitted", None)
    assert list(case.actions.values_list("kind", flat=True)) == ["create", "submit"]


def test_a_bad_answer_is_explained_in_the_applicants_language() -> None:
    client = Client()
    client.cookies["umis_language"] = "ru"
    assert client.login(username=applicant().username, password=PASSWORD)
    form = {f"a-{k}": v for k, v in extension_answers(birth_date="1990-13-45").items()}
    response = client.post("/portal/apply/stay_extension", form | {"track": "standard"})
    assert response.status_code == 400
    assert "Введите правильную дату." in response.content.decode()
    assert not Application.objects.exists()
