"""A TRP granted in Chromium, its PDF downloaded and its QR code decoded and followed to
the public page; a tampered code is recognised as forged."""

import sys
from datetime import date
from pathlib import Path

from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer
from test_e2e_portal_extension import english, officer_signs_in

# The permits tests' PDF reader (tests/permits/pdf_qr.py) serves here too.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "permits"))
from pdf_qr import qr_texts

from factories import UserFactory, role
from umis.core.models import Country
from umis.permits.actors import applicant_actor
from umis.permits.config import checklist_for
from umis.permits.models import Application, Permit
from umis.permits.services import cases
from umis.permits.services.uploads import upload_store
from umis.permits.verification import number_from_token, token_for
from umis.portal.models import PortalAccount

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def submitted_trp() -> Application:
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = UserFactory(username="ali@example.org", email="ali@example.org", agency=None, role=None)
    PortalAccount.objects.create(user=user, kind=PortalAccount.Kind.PERSON)
    actor = applicant_actor(user)
    assert Country.objects.filter(code="TUR").exists()
    answers = {
        "surname": "Yılmaz",
        "given_names": "Ali",
        "birth_date": "1988-04-02",
        "sex": "M",
        "nationality": "TUR",
        "passport_number": "U87654321",
        "passport_expires_on": date(date.today().year + 6, 1, 1).isoformat(),
        "application_kind": "first",
        "ground": "work",
        "validity_months": "12",
        "address": "Bakı, Nizami 10",
    }
    application = cases.application_create(
        actor=actor, applicant=user, service="trp", track="standard", answers=answers, language="az"
    )
    for item in checklist_for("trp", application.answers, date.today()):
        upload_store(
            actor=actor,
            application=application,
            checklist_code=item.code,
            file=SimpleUploadedFile(f"{item.code}.pdf", PDF, "application/pdf"),
        )
    return cases.application_submit(actor=actor, application=application)


def test_trp_granted_and_its_qr_verified(browser: Browser, live_server: LiveServer) -> None:
    base = live_server.url
    application = submitted_trp()
    UserFactory(username="worker", role=role("case_worker"))
    officers = english(browser, base)
    worker = officer_signs_in(officers, base, "worker")
    worker.goto(f"{base}/permits/cases/{application.pk}")
    worker.get_by_text("Decide", exact=True).click()
    worker.locator("#decision-form input[name=dec-outcome][value=grant]").check()
    worker.locator("#decision-form input[value=work_ground]").check()
    worker.locator("#decision-form button[type=submit]").click()
    expect(worker.locator("[data-status]").first).to_have_attribute("data-status", "issued")
    permit = Permit.objects.get(application=application)
    expect(worker.locator("[data-figure=permit]")).to_have_text(permit.number_display)
    with worker.expect_download() as download:
        worker.get_by_role("link", name="PDF", exact=True).click()
    assert download.value.suggested_filename == f"{permit.number}.pdf"

    # the QR code printed on the PDF, read back as a phone would, opens the public check
    (scanned,) = qr_texts(Path(download.value.path()).read_bytes())
    assert scanned.startswith(f"{base}/verify/?t=")
    assert number_from_token(scanned.split("?t=", 1)[1]) == permit.number
    public = english(browser, base).new_page()
    public.goto(scanned)
    expect(public.locator("#verdict")).to_have_attribute("data-state", "valid")
    expect(public.get_by_text("The QR code is genuine.")).to_be_visible()
    expect(public.get_by_text("Yılmaz")).to_have_count(0)
    public.goto(f"{base}/verify/?t={token_for(permit)[:-3]}abc")
    expect(public.locator("#verdict")).to_have_attribute("data-state", "forged")
    public.goto(f"{base}/verify/")
    public.locator("input[name=number]").fill(permit.number_display)
    public.locator("main button[type=submit]").click()
    expect(public.locator("#verdict")).to_have_attribute("data-state", "valid")
