"""An applicant never reaches another's application or files, whatever id they guess."""

import pytest
from django.test import Client
from permit_factories import applicant, organisation_user, submitted

from factories import PASSWORD
from umis.permits.models import Upload

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
    ):
        assert intruder.post(path).status_code == 404, path
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
