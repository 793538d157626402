"""The applicant's path through the portal with Django's test client."""

from typing import Any

import pyotp
import pytest
from django.core import mail
from django.test import Client

from umis.audit.models import AuditEvent
from umis.permits.gateways import SimulatedGateway
from umis.permits.models import Application, Payment, Status, Upload
from umis.portal.models import PortalAccount

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough secret 42"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_HEADER_ONLY = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def signed_up(client: Client, email: str = "anna@example.org") -> Client:
    client.cookies["umis_language"] = "en"
    response = client.post("/portal/register", {"email": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def extension_form(**overrides: Any) -> dict[str, str]:
    answers = {
        "surname": "Eriksson",
        "given_names": "Anna",
        "birth_date": "1974-08-12",
        "sex": "F",
        "nationality": "SWE",
        "passport_number": "L898902C3",
        "passport_expires_on": "2030-01-01",
        "stay_ends_on": "2026-03-20",
        "requested_days": "30",
        "reason": "Family visit",
    } | overrides
    return {f"a-{k}": v for k, v in answers.items()} | {"track": "standard"}


def started(client: Client, **overrides: Any) -> Application:
    response = client.post("/portal/apply/stay_extension", extension_form(**overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Application.objects.latest("pk")


def upload_all(client: Client, application: Application) -> None:
    files = {}
    for code in ("passport", "stay_document"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        files[f"doc-{code}"] = SimpleUploadedFile(f"{code}.pdf", PDF, "application/pdf")
    response = client.post(f"/portal/applications/{application.pk}/upload", files)
    assert response.status_code == 302


def pay(client: Client, application: Application, outcome: str = "paid") -> Any:
    response = client.post(f"/portal/applications/{application.pk}/pay")
    assert response.status_code == 302
    bank = response["Location"]
    response = client.post(bank, {"outcome": outcome})
    return client.get(response["Location"], follow=True)


def test_register_apply_upload_pay_and_receipt(django_capture_on_commit_callbacks: Any) -> None:
    client = signed_up(Client())
    application = started(client)
    assert application.status == Status.DRAFT
    assert application.fee_amount == 30
    upload_all(client, application)
    with django_capture_on_commit_callbacks(execute=True):
        page = pay(client, application)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    html = page.content.decode()
    assert application.receipt_display in html
    assert 'data-figure="deadline">2026-03-05<' in html
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]


def test_failed_payment_leaves_the_application_unsubmitted() -> None:
    client = signed_up(Client())
    application = started(client)
    upload_all(client, application)
    page = pay(client, application, outcome="failed")
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    assert application.receipt_number is None
    assert "did not go through" in page.content.decode()
    # Paying again works.
    pay(client, application)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_gateway_callback_is_idempotent_and_checks_its_signature() -> None:
    client = signed_up(Client())
    application = started(client)
    upload_all(client, application)
    client.post(f"/portal/applications/{application.pk}/pay")
    payment = Payment.objects.get(application=application)
    token = SimulatedGateway().sign(payment.reference, "paid")
    for _ in range(2):
        assert Client().get("/portal/payments/callback", {"token": token}).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert AuditEvent.objects.filter(event_type="permits.application_submitted").count() == 1
    forged = Client().get("/portal/payments/callback", {"token": token[:-2] + "xx"})
    assert forged.status_code == 400


def test_paying_is_refused_while_documents_are_missing() -> None:
    client = signed_up(Client())
    application = started(client)
    response = client.post(f"/portal/applications/{application.pk}/pay", follow=True)
    assert "Still missing" in response.content.decode()
    assert not Payment.objects.exists()


def test_bad_answers_get_a_message_each_and_nothing_is_saved() -> None:
    client = signed_up(Client())
    response = client.post(
        "/portal/apply/stay_extension",
        extension_form(birth_date="not a date", nationality="ZZZ", stay_ends_on="2026-03-03"),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid date." in html
    assert "Select a valid choice." in html
    assert not Application.objects.exists()


def test_each_rejected_file_is_named_and_good_files_are_kept() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = signed_up(Client())
    application = started(client)
    response = client.post(
        f"/portal/applications/{application.pk}/upload",
        {
            "doc-passport": SimpleUploadedFile("passport.pdf", PDF, "application/pdf"),
            "doc-stay_document": [
                SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
                SimpleUploadedFile("broken.png", PNG_HEADER_ONLY, "image/png"),
                SimpleUploadedFile("empty.jpg", b"", "image/jpeg"),
            ],
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "virus.pdf is not a PDF, JPEG or PNG file." in html
    assert "broken.png is not a PDF, JPEG or PNG file." in html
    assert "empty.jpg is empty." in html
    assert list(Upload.objects.values_list("original_name", flat=True)) == ["passport.pdf"]


def test_kept_files_are_counted_in_the_plural_form_of_the_language() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = signed_up(Client())
    application = started(client)
    url = f"/portal/applications/{application.pk}/upload"
    one = {"doc-passport": SimpleUploadedFile("passport.pdf", PDF, "application/pdf")}
    assert "1 file kept." in client.post(url, one, follow=True).content.decode()
    client.cookies["umis_language"] = "ru"
    two = {
        "doc-stay_document": [
            SimpleUploadedFile(f"page{n}.pdf", PDF, "application/pdf") for n in (1, 2)
        ]
    }
    assert "Сохранено 2 файла." in client.post(url, two, follow=True).content.decode()


def test_too_large_file_is_refused(settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UMIS_PORTAL_UPLOAD_MAX_BYTES = 100
    client = signed_up(Client())
    application = started(client)
    big = PDF + b"%" * 200 + b"\n%%EOF\n"
    response = client.post(
        f"/portal/applications/{application.pk}/upload",
        {"doc-passport": SimpleUploadedFile("big.pdf", big, "application/pdf")},
    )
    assert "big.pdf is larger than" in response.content.decode()
    assert not Upload.objects.exists()


def test_uploads_are_stored_outside_the_web_root_under_server_names(settings: Any) -> None:
    client = signed_up(Client())
    application = started(client)
    upload_all(client, application)
    upload = Upload.objects.first()
    assert upload is not None
    assert "passport" not in upload.stored_name
    from umis.permits.services.uploads import upload_path

    path = upload_path(upload)
    assert path.is_file()
    assert settings.STATIC_ROOT not in path.parents
    assert settings.MEDIA_ROOT not in path.parents


def test_public_status_needs_receipt_and_date_of_birth() -> None:
    client = signed_up(Client())
    application = started(client)
    upload_all(client, application)
    pay(client, application)
    application.refresh_from_db()
    public = Client()
    public.cookies["umis_language"] = "en"
    found = public.get(
        "/portal/status", {"receipt": application.receipt_display, "birth_date": "1974-08-12"}
    )
    assert "We received your application." in found.content.decode()
    wrong = public.get(
        "/portal/status", {"receipt": application.receipt_display, "birth_date": "1974-08-13"}
    )
    assert "We found no application" in wrong.content.decode()
    typo = application.receipt_number[:-1] + str((int(application.receipt_number[-1]) + 1) % 10)
    mistyped = public.get("/portal/status", {"receipt": typo, "birth_date": "1974-08-12"})
    assert "mistyped" in mistyped.content.decode()


def test_two_step_sign_in() -> None:
    client = signed_up(Client())
    client.post("/portal/security", {"action": "start"})
    account = PortalAccount.objects.get(user__email="anna@example.org")
    wrong = client.post("/portal/security", {"action": "confirm", "code": "000000"})
    assert "This code is not right" in wrong.content.decode()
    client.post(
        "/portal/security", {"action": "confirm", "code": pyotp.TOTP(account.totp_secret).now()}
    )
    account.refresh_from_db()
    assert account.totp_enabled
    fresh = Client()
    response = fresh.post("/portal/login", {"username": "anna@example.org", "password": PASSWORD})
    assert response["Location"].startswith("/portal/login/code")
    assert fresh.get("/portal/").status_code == 200
    assert "My applications" not in fresh.get("/portal/").content.decode()
    fresh.post("/portal/login/code", {"code": pyotp.TOTP(account.totp_secret).now()})
    assert fresh.get("/portal/applications/999999").status_code == 404


def test_the_simulated_bank_refuses_to_work_in_production(settings: Any) -> None:
    client = signed_up(Client())
    application = started(client)
    upload_all(client, application)
    settings.PRODUCTION = True
    response = client.post(f"/portal/applications/{application.pk}/pay", follow=True)
    assert "no payment gateway is configured" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.DRAFT
