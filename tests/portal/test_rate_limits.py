"""Public pages slow guessing down: past a few attempts they answer 429 and say how long
to wait. The clock (plain_march) stands at 05:00 UTC, the start of a ten-minute window."""

from typing import Any

import pyotp
import pytest
from django.test import Client
from permit_factories import applicant, granted, submitted, trp_answers

from factories import PASSWORD, MovableClock
from umis.accounts.models import User
from umis.audit.models import AuditEvent
from umis.permits.models import Application
from umis.permits.verification import token_for
from umis.portal import services as portal_services

pytestmark = pytest.mark.django_db

WAIT_TEN_MINUTES = "Too many attempts. For your safety, wait 10 minutes and try again."


@pytest.fixture
def limits(settings: Any) -> dict[str, tuple[int, int]]:
    """Small limits, so the tests reach them quickly; ten-minute windows."""
    settings.UMIS_RATE_LIMITS = {
        "status": (3, 600),
        "status_receipt": (2, 600),
        "verify": (3, 600),
        "portal_login": (3, 600),
        "portal_code": (2, 600),
        "portal_register": (2, 600),
    }
    return dict(settings.UMIS_RATE_LIMITS)


def from_address(address: str) -> Client:
    client = Client(REMOTE_ADDR=address)
    client.cookies["umis_language"] = "en"
    return client


def status_of(client: Client, application: Application, birth_date: str) -> Any:
    return client.get(
        "/portal/status", {"receipt": application.receipt_display, "birth_date": birth_date}
    )


def assert_refused(response: Any) -> None:
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert WAIT_TEN_MINUTES in response.content.decode()


@pytest.mark.usefixtures("limits")
def test_status_page_lookups_are_limited_per_client(clock: MovableClock) -> None:
    # given one client that has looked up three times (right or wrong, all count)
    case = submitted("stay_extension")
    guesser = from_address("203.0.113.7")
    for birth_date in ("1990-05-17", "1990-05-18", "1990-05-17"):
        assert status_of(guesser, case, birth_date).status_code == 200
    # when it looks up once more, even with the right date of birth
    refused = status_of(guesser, case, "1990-05-17")
    # then it is told to wait, and learns nothing about the application
    assert_refused(refused)
    assert "We received your application" not in refused.content.decode()
    # while another client is still answered
    other = status_of(from_address("198.51.100.1"), case, "1990-05-17")
    assert "We received your application" in other.content.decode()
    # and after the window the first client is answered again
    clock.advance(minutes=10)
    assert "We received your application" in status_of(guesser, case, "1990-05-17").content.decode()


@pytest.mark.usefixtures("limits")
def test_wrong_dates_of_birth_lock_the_receipt_number_whoever_guesses() -> None:
    # given two wrong dates of birth for one receipt number, from two clients
    case, other_case = submitted("stay_extension"), submitted("stay_extension")
    assert status_of(from_address("203.0.113.1"), case, "1990-01-01").status_code == 200
    assert status_of(from_address("203.0.113.2"), case, "1990-01-02").status_code == 200
    # when a third client tries that receipt number, even with the right date
    refused = status_of(from_address("203.0.113.3"), case, "1990-05-17")
    # then it is refused, while other receipt numbers are still answered
    assert_refused(refused)
    answered = status_of(from_address("203.0.113.3"), other_case, "1990-05-17")
    assert "We received your application" in answered.content.decode()


@pytest.mark.usefixtures("limits")
def test_right_dates_of_birth_do_not_use_up_the_receipt_number() -> None:
    case = submitted("stay_extension")
    for n in range(4):
        found = status_of(from_address(f"203.0.113.{n}"), case, "1990-05-17")
        assert "We received your application" in found.content.decode()


@pytest.mark.usefixtures("limits", "plain_march")
def test_permit_checks_are_limited_per_client_on_the_page_and_in_the_api() -> None:
    permit = granted(submitted("trp", trp_answers()))
    client = from_address("203.0.113.9")
    # a forged code, a number and the API all count against the same client
    assert 'data-state="forged"' in client.get("/verify/", {"t": "forged"}).content.decode()
    assert (
        'data-state="valid"' in client.get("/verify/", {"number": permit.number}).content.decode()
    )
    api = client.get("/api/v1/permits/verify", {"number": permit.number})
    assert api.status_code == 200
    refused = client.get("/verify/", {"t": token_for(permit)})
    assert_refused(refused)
    assert 'data-state="valid"' not in refused.content.decode()
    api_refused = client.get("/api/v1/permits/verify", {"number": permit.number})
    assert api_refused.status_code == 429
    assert api_refused["Retry-After"] == "600"
    assert api_refused.json()["error"]["code"] == "throttled"
    # an empty form is no attempt, and another client is answered
    assert client.get("/verify/").status_code == 200
    other = from_address("198.51.100.9").get("/verify/", {"t": token_for(permit)})
    assert 'data-state="valid"' in other.content.decode()


@pytest.mark.usefixtures("limits")
def test_portal_sign_in_is_limited_per_client_and_checks_nothing_past_the_limit() -> None:
    # given a client that failed three times with three different e-mail addresses
    user = applicant()
    client = from_address("203.0.113.20")
    for n in range(3):
        response = client.post("/portal/login", {"username": f"x{n}@example.org", "password": "x"})
        assert response.status_code == 200
    failures = AuditEvent.objects.filter(event_type="accounts.login_failed").count()
    # when it tries once more, with the right password
    refused = client.post("/portal/login", {"username": user.username, "password": PASSWORD})
    # then it is refused without the password being checked or a failure recorded
    assert_refused(refused)
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(event_type="accounts.login_failed").count() == failures
    # and the same account signs in from elsewhere
    elsewhere = from_address("198.51.100.20")
    signed_in = elsewhere.post("/portal/login", {"username": user.username, "password": PASSWORD})
    assert signed_in.status_code == 302


@pytest.mark.usefixtures("limits")
def test_authenticator_codes_are_limited_per_account() -> None:
    # given an account with two-step sign-in, its password given
    user = applicant()
    secret = portal_services.totp_start(user=user)
    portal_services.totp_confirm(user=user, code=pyotp.TOTP(secret).now())
    client = from_address("203.0.113.30")
    response = client.post("/portal/login", {"username": user.username, "password": PASSWORD})
    assert response["Location"].startswith("/portal/login/code")
    # when two wrong codes are tried
    for code in ("000000", "111111"):
        assert (
            "This code is not right"
            in client.post("/portal/login/code", {"code": code}).content.decode()
        )
    # then even the right code waits for the window to end
    refused = client.post("/portal/login/code", {"code": pyotp.TOTP(secret).now()})
    assert_refused(refused)
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("limits")
def test_sign_ups_are_limited_per_client_and_nothing_is_saved_past_the_limit() -> None:
    client = from_address("203.0.113.40")
    for n in range(2):
        form = {"email": f"new{n}@example.org", "password": "a long enough secret 42"}
        assert client.post("/portal/register", form).status_code == 302
        client.post("/portal/logout")
    form = {"email": "third@example.org", "password": "a long enough secret 42"}
    refused = client.post("/portal/register", form)
    assert_refused(refused)
    organisation = client.post(
        "/portal/register/organisation",
        form | {"name": "Firm", "kind": "host", "tax_id": "1234567890"},
    )
    assert_refused(organisation)
    assert not User.objects.filter(username="third@example.org").exists()
    # a form that is only looked at counts nothing
    assert client.get("/portal/register").status_code == 200


@pytest.mark.usefixtures("limits")
def test_codes_to_turn_two_step_sign_in_off_count_against_the_account() -> None:
    # given a signed-in account with two-step sign-in on
    user = applicant()
    secret = portal_services.totp_start(user=user)
    portal_services.totp_confirm(user=user, code=pyotp.TOTP(secret).now())
    client = from_address("203.0.113.50")
    assert client.login(username=user.username, password=PASSWORD)
    # when two wrong codes are tried to turn it off
    for code in ("000000", "111111"):
        wrong = client.post("/portal/security", {"action": "disable", "code": code})
        assert "This code is not right" in wrong.content.decode()
    # then even the right code waits, and two-step sign-in stays on
    refused = client.post(
        "/portal/security", {"action": "disable", "code": pyotp.TOTP(secret).now()}
    )
    assert_refused(refused)
    user.portal_account.refresh_from_db()
    assert user.portal_account.totp_enabled
