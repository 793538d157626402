"""Officer screens: queues by office, case actions, clearances by agency, PDFs, public check."""

import pytest
from django.test import Client
from permit_factories import actor, granted, officer, submitted, trp_answers

from factories import PASSWORD, MovableClock, agency
from umis.permits.models import Status
from umis.permits.pdf import FONT_DIR
from umis.permits.services import decisions
from umis.permits.verification import token_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_march")]


def signed_in(user: object) -> Client:
    client = Client()
    client.cookies["umis_language"] = "en"
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def test_queues_show_only_the_officers_office() -> None:
    ours = submitted("stay_extension")
    theirs = submitted("stay_extension")
    theirs.office = "NAX"
    theirs.save()
    client = signed_in(officer())
    html = client.get("/permits/queue/new").content.decode()
    assert ours.receipt_display in html
    assert theirs.receipt_display not in html
    assert client.get(f"/permits/cases/{theirs.pk}").status_code == 404
    assert client.get(f"/permits/cases/{ours.pk}").status_code == 200


def test_other_agencies_cannot_open_the_migration_queues() -> None:
    case = submitted("stay_extension")
    police = signed_in(officer("agency_liaison", "MIA"))
    assert police.get("/permits/queue/new").status_code == 403
    assert police.get(f"/permits/cases/{case.pk}").status_code == 403


def test_queue_is_sorted_by_deadline() -> None:
    slow = submitted("trp", track="standard")  # 20 working days
    fast = submitted("stay_extension")  # 3 working days
    html = signed_in(officer()).get("/permits/queue/new").content.decode()
    assert html.index(fast.receipt_display) < html.index(slow.receipt_display)


def test_officer_takes_asks_police_who_answer_in_their_queue() -> None:
    case = submitted("stay_extension")
    worker = officer()
    client = signed_in(worker)
    assert client.post(f"/permits/cases/{case.pk}/take").status_code == 302
    response = client.post(
        f"/permits/cases/{case.pk}/clearance",
        {
            "clr-agency": decisions.Agency.objects.get(code="MIA").pk,
            "clr-question": "Record?",
            "clr-working_days": 5,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.assigned_to) == (Status.WAITING_AGENCY, worker)
    police = signed_in(officer("agency_liaison", "MIA"))
    security = signed_in(officer("agency_liaison", "SSS"))
    assert case.receipt_display in police.get("/permits/clearances").content.decode()
    assert case.receipt_display not in security.get("/permits/clearances").content.decode()
    clearance = case.clearances.get()
    assert security.get(f"/permits/clearances/{clearance.pk}").status_code == 404
    refused = police.post(f"/permits/clearances/{clearance.pk}", {"answer": "no", "note": ""})
    assert "Say why you object." in refused.content.decode()
    police.post(f"/permits/clearances/{clearance.pk}", {"answer": "yes", "note": "No record"})
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW


def test_decision_form_reports_each_problem() -> None:
    case = submitted("stay_extension")
    client = signed_in(officer())
    response = client.post(
        f"/permits/cases/{case.pk}/decide", {"dec-outcome": "refuse", "dec-reasons": ""}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    response = client.post(
        f"/permits/cases/{case.pk}/decide",
        {"dec-outcome": "refuse", "dec-grounds": ["entry_ban"], "dec-reasons": ""},
    )
    assert "A refusal must give its reasons." in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED


def test_refusal_letter_is_a_pdf_with_azerbaijani_text() -> None:
    case = submitted("stay_extension")
    case.language = "az"
    case.save()
    worker, boss = officer(), officer("supervisor")
    decisions.decision_make(
        actor=actor(worker),
        application=case,
        outcome="refuse",
        grounds=["entry_ban"],
        reasons="Giriş qadağası var",
    )
    assert signed_in(boss).post(f"/permits/cases/{case.pk}/approve").status_code == 302
    response = signed_in(worker).get(f"/permits/cases/{case.pk}/letter.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert b"DejaVu" in response.content  # the shipped Unicode font is embedded
    assert (FONT_DIR / "DejaVuSans.ttf").is_file()
    applicant_client = signed_in(case.applicant)
    assert applicant_client.get(f"/portal/applications/{case.pk}/letter.pdf").content.startswith(
        b"%PDF"
    )


def test_permit_pdf_and_public_verification() -> None:
    case = submitted("trp", trp_answers())
    permit = granted(case)
    pdf = signed_in(case.applicant).get(f"/portal/applications/{case.pk}/permit.pdf")
    assert pdf.content.startswith(b"%PDF")
    public = Client()
    public.cookies["umis_language"] = "en"
    genuine = public.get("/verify/", {"t": token_for(permit)}).content.decode()
    assert 'data-state="valid"' in genuine
    assert "The QR code is genuine." in genuine
    assert "Ivanov" not in genuine
    assert (
        'data-state="forged"'
        in public.get("/verify/", {"t": token_for(permit) + "x"}).content.decode()
    )
    by_number = public.get("/verify/", {"number": permit.number}).content.decode()
    assert 'data-state="valid"' in by_number
    typo = permit.number[:-1] + str((int(permit.number[-1]) + 1) % 10)
    assert "mistyped" in public.get("/verify/", {"number": typo}).content.decode()


def test_quota_screen_shows_what_is_left() -> None:
    html = signed_in(officer()).get("/permits/quota").content.decode()
    assert 'data-figure="left">6800<' in html


def test_an_overdue_clearance_is_marked_in_the_agency_queue(clock: MovableClock) -> None:
    case = submitted("stay_extension")
    decisions.clearance_request(
        actor=actor(officer()), application=case, agency=agency("MIA"), working_days=1
    )  # due Tue 3 March
    police = signed_in(officer("agency_liaison", "MIA"))
    assert "overdue" not in police.get("/permits/clearances").content.decode()
    clock.advance(days=2)  # Wed 4
    assert "overdue" in police.get("/permits/clearances").content.decode()


def test_only_approvers_have_the_queue_of_refusals_to_approve() -> None:
    assert signed_in(officer()).get("/permits/queue/approval").status_code == 404
    boss = signed_in(officer("supervisor"))
    assert boss.get("/permits/queue/approval").status_code == 200
    assert "Refusals to approve" in boss.get("/").content.decode()
    assert "Refusals to approve" not in signed_in(officer()).get("/").content.decode()
