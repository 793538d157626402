"""The QR code on a permit, read back from the PDF as a phone would, and where it leads."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.test import Client
from pdf_qr import qr_texts
from permit_factories import granted, submitted, trp_answers

from factories import PASSWORD, MovableClock
from umis.permits.models import Application, Permit
from umis.permits.verification import SALT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_march")]


def granted_trp() -> Application:
    case = submitted("trp", trp_answers(surname="Petrov", given_names="Oleg"))
    granted(case)
    return case


def scanned_url(case: Application) -> str:
    """Download the permit as its holder and decode the one QR code printed on it."""
    holder = Client()
    assert holder.login(username=case.applicant.username, password=PASSWORD)
    pdf = holder.get(f"/portal/applications/{case.pk}/permit.pdf")
    assert pdf.status_code == 200
    (text,) = qr_texts(pdf.content)
    return text


def visit(url: str) -> str:
    """Open ``url`` as a member of the public who reads English."""
    public = Client()
    public.cookies["umis_language"] = "en"
    parts = urlsplit(url)
    response = public.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_qr_code_leads_to_the_verdict_and_shows_only_the_minimum() -> None:
    # given a granted TRP and its PDF
    case = granted_trp()
    permit = Permit.objects.get(application=case)

    # when the QR code printed on the PDF is scanned
    url = scanned_url(case)

    # then it points at the public check of this server, carrying a signed token
    assert url.startswith("http://testserver/verify/?t=")
    (token,) = parse_qs(urlsplit(url).query)["t"]
    assert signing.loads(token, salt=SALT) == permit.number
    # and the page it opens says valid, genuine, which permit, when, and the initials only
    page = visit(url)
    assert 'data-state="valid"' in page
    assert "The QR code is genuine." in page
    assert f"temporary residence permit {permit.number_display}" in page
    assert "2026-03-02 – 2027-03-01" in page
    assert "<dd>O.P.</dd>" in page
    private = ["Petrov", "Oleg", "1990-05-17", case.answers["passport_number"], "FIN"]
    for text in [*private, *permit.card_mrz.splitlines()]:
        assert text not in page


def test_a_tampered_or_foreign_qr_code_is_refused_as_not_genuine() -> None:
    case = granted_trp()
    permit = Permit.objects.get(application=case)
    url = scanned_url(case)
    token = parse_qs(urlsplit(url).query)["t"][0]
    last = token[-1]
    tampered = token[:-1] + ("A" if last != "A" else "B")
    made_elsewhere = signing.dumps(permit.number, key="x" * 50, salt=SALT, compress=True)
    other_purpose = signing.dumps(permit.number, compress=True)  # the right key, another salt
    for forged in (tampered, made_elsewhere, other_purpose):
        page = visit(f"/verify/?t={forged}")
        assert 'data-state="forged"' in page, forged
        assert permit.number_display not in page
        assert "The QR code is genuine." not in page


def test_the_same_qr_code_says_expired_after_the_permit_ends(clock: MovableClock) -> None:
    case = granted_trp()
    url = scanned_url(case)
    clock.advance(days=365)  # 2 March 2027: the last day is 1 March
    page = visit(url)
    assert 'data-state="expired"' in page
    assert "The QR code is genuine." in page
