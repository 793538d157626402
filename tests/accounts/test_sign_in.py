"""Signing in, the lock-out after repeated failures and its cool-off."""

from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from factories import PASSWORD, MovableClock, UserFactory, agency, role
from umis.accounts import services
from umis.accounts.models import LoginThrottle, User
from umis.audit.models import AuditEvent
from umis.audit.selectors import chain_verify
from umis.core.permissions import Actor

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
WRONG = "not my password"
INVALID = "The user name or password is not right. Both are case-sensitive."
# The clock fixture stands at 09:00 in Baku; the fifth failure locks until 09:15.
LOCKED = (
    "Too many failed attempts. For your safety, sign-in for this user name is paused "
    "until 09:15. Try again then, or ask your administrator."
)
WAIT_TEN_MINUTES = "Too many attempts. For your safety, wait 10 minutes and try again."


def sign_in(client: Client, username: str, password: str) -> list[str]:
    """Post the sign-in form; return its error messages (empty when it let us in)."""
    response = client.post(LOGIN, {"username": username, "password": password})
    if response.status_code == 302:
        return []
    assert response.status_code == 200
    return list(response.context["form"].non_field_errors())


def event_types() -> list[str]:
    return list(AuditEvent.objects.values_list("event_type", flat=True))


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def test_correct_password_signs_in_to_the_dashboard(
    english_client: Client, clock: MovableClock
) -> None:
    # given an officer who has chosen a password
    user = UserFactory(username="aysel")

    # when she signs in
    response = english_client.post(LOGIN, {"username": "aysel", "password": PASSWORD})

    # then she lands on her dashboard and the sign-in is recorded
    assert response.status_code == 302
    assert response.url == "/"
    dashboard = english_client.get("/")
    assert dashboard.status_code == 200
    assert dashboard.templates[0].name == "core/home.html"
    assert signed_in_user_id(english_client) == str(user.pk)
    (event,) = AuditEvent.objects.all()
    assert (event.event_type, event.actor_username, event.subject_id, event.extra) == (
        "accounts.login_succeeded",
        "aysel",
        str(user.pk),
        {"ip": "127.0.0.1"},
    )


def test_one_time_password_leads_to_the_password_change_first(english_client: Client) -> None:
    # given an account created with a one-time password
    user, one_time = services.officer_create(
        actor=Actor.system("tests"),
        username="rashad",
        first_name="Rəşad",
        last_name="Hüseynov",
        agency=agency(),
        role=role(),
    )

    # when the officer signs in with it
    assert sign_in(english_client, "rashad", one_time) == []

    # then every page sends him to choose his own password
    assert english_client.get("/").url == reverse("accounts:password_change")
    assert english_client.get("/admin/").url == reverse("accounts:password_change")

    # when he chooses one
    response = english_client.post(
        reverse("accounts:password_change"),
        {
            "old_password": one_time,
            "new_password1": "Quiet-river-lantern-2026",
            "new_password2": "Quiet-river-lantern-2026",
        },
    )

    # then he stays signed in, reaches the dashboard and the old password is gone
    assert response.url == "/"
    assert english_client.get("/").status_code == 200
    user.refresh_from_db()
    assert user.must_change_password is False
    assert user.check_password("Quiet-river-lantern-2026")
    assert not user.check_password(one_time)
    assert event_types() == [
        "accounts.password_issued",
        "accounts.login_succeeded",
        "accounts.password_changed",
    ]


def test_signing_out_ends_the_session_and_is_recorded(english_client: Client) -> None:
    # given a signed-in officer
    user = UserFactory(username="nigar")
    sign_in(english_client, "nigar", PASSWORD)

    # when she signs out
    response = english_client.post(reverse("accounts:logout"))

    # then the session is gone
    assert response.url == LOGIN
    assert signed_in_user_id(english_client) is None
    assert english_client.get("/").url == f"{LOGIN}?next=/"
    assert event_types() == ["accounts.login_succeeded", "accounts.logged_out"]
    assert AuditEvent.objects.last().subject_id == str(user.pk)


def test_signing_out_needs_a_post(english_client: Client) -> None:
    UserFactory(username="nigar")
    sign_in(english_client, "nigar", PASSWORD)

    assert english_client.get(reverse("accounts:logout")).status_code == 405
    assert signed_in_user_id(english_client) is not None


def test_five_wrong_passwords_lock_the_user_name(
    english_client: Client, clock: MovableClock
) -> None:
    # given an officer
    UserFactory(username="elvin")

    # when someone tries five wrong passwords
    errors = [sign_in(english_client, "elvin", WRONG) for _ in range(5)]

    # then the first four are told it is wrong, the fifth that sign-in is paused
    assert errors == [[INVALID]] * 4 + [[LOCKED]]
    assert event_types() == ["accounts.login_failed"] * 5 + ["accounts.locked"]
    failed = AuditEvent.objects.filter(event_type="accounts.login_failed").last()
    assert (failed.actor_username, failed.subject_type, failed.subject_id, failed.extra) == (
        "anonymous@127.0.0.1",
        "accounts.user",
        "elvin",
        {"username": "elvin", "failures": 5},
    )
    locked = AuditEvent.objects.get(event_type="accounts.locked")
    assert locked.extra == {"locked_until": "2026-03-02T05:15:00+00:00"}
    assert chain_verify() == (6, None)


def test_locked_user_name_refuses_even_the_right_password(
    english_client: Client, clock: MovableClock
) -> None:
    # given a user name locked by five failures
    user = UserFactory(username="elvin")
    for _ in range(5):
        sign_in(english_client, "elvin", WRONG)
    throttle_before = LoginThrottle.objects.get(username="elvin").as_dict()
    events_before = event_types()

    # when the right password is given during the cool-off
    clock.advance(seconds=899)
    errors = sign_in(english_client, "elvin", PASSWORD)

    # then it is refused with the lock message, and nothing else changed
    assert errors == [LOCKED]
    assert signed_in_user_id(english_client) is None
    assert LoginThrottle.objects.get(username="elvin").as_dict() == throttle_before
    assert throttle_before == {
        "failures": 0,
        "locked_until": datetime(2026, 3, 2, 5, 15, tzinfo=UTC),
    }
    assert event_types() == events_before
    user.refresh_from_db()
    assert user.last_login is None


def test_after_the_cool_off_the_right_password_works(
    english_client: Client, clock: MovableClock
) -> None:
    # given a user name locked by five failures
    user = UserFactory(username="elvin")
    for _ in range(5):
        sign_in(english_client, "elvin", WRONG)

    # when the cool-off of 15 minutes has passed
    clock.advance(seconds=901)
    errors = sign_in(english_client, "elvin", PASSWORD)

    # then the officer is let in and the count starts afresh
    assert errors == []
    assert signed_in_user_id(english_client) == str(user.pk)
    assert not LoginThrottle.objects.filter(username="elvin").exists()
    assert event_types()[-1] == "accounts.login_succeeded"


def test_after_the_cool_off_a_wrong_password_does_not_relock_at_once(
    english_client: Client,
    clock: MovableClock,
) -> None:
    UserFactory(username="elvin")
    for _ in range(5):
        sign_in(english_client, "elvin", WRONG)
    clock.advance(seconds=901)

    errors = sign_in(english_client, "elvin", WRONG)

    assert errors == [INVALID]
    assert LoginThrottle.objects.get(username="elvin").failures == 1


def test_failures_outside_the_window_do_not_add_up(
    english_client: Client, clock: MovableClock
) -> None:
    # given four failures, then sixteen quiet minutes
    user = UserFactory(username="samir")
    for _ in range(4):
        sign_in(english_client, "samir", WRONG)
    clock.advance(seconds=901)

    # when four more failures follow
    errors = [sign_in(english_client, "samir", WRONG) for _ in range(4)]

    # then no lock: the window holds only the last four
    assert errors == [[INVALID]] * 4
    assert LoginThrottle.objects.get(username="samir").failures == 4
    assert "accounts.locked" not in event_types()
    assert sign_in(english_client, "samir", PASSWORD) == []
    assert signed_in_user_id(english_client) == str(user.pk)


def test_unknown_user_names_are_throttled_alike(
    english_client: Client, clock: MovableClock
) -> None:
    # given one real officer and one name that does not exist
    UserFactory(username="leyla")

    # when both get five wrong passwords
    known = [sign_in(english_client, "leyla", WRONG) for _ in range(5)]
    unknown = [sign_in(english_client, "nobody", WRONG) for _ in range(5)]

    # then the answers cannot tell them apart
    assert known == unknown == [[INVALID]] * 4 + [[LOCKED]]
    assert LoginThrottle.objects.get(username="nobody").locked_until == datetime(
        2026, 3, 2, 5, 15, tzinfo=UTC
    )
    assert not User.objects.filter(username="nobody").exists()


def test_the_lock_ignores_letter_case(english_client: Client, clock: MovableClock) -> None:
    UserFactory(username="tural")
    for typed in ["Tural", "TURAL", "tural", "tUral", "TurAL"]:
        sign_in(english_client, typed, WRONG)

    assert sign_in(english_client, "tural", PASSWORD) == [LOCKED]


def test_an_inactive_account_cannot_sign_in(english_client: Client) -> None:
    UserFactory(username="orxan", is_active=False)

    assert sign_in(english_client, "orxan", PASSWORD) == [INVALID]
    assert signed_in_user_id(english_client) is None


def test_the_admin_site_signs_in_through_the_umis_page(english_client: Client) -> None:
    response = english_client.get("/admin/login/")

    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=/admin/login/"


def test_failed_sign_ins_are_limited_per_client_address(settings: Any, clock: MovableClock) -> None:
    # given three failures per ten minutes allowed, and a client that signed in once
    settings.UMIS_RATE_LIMITS = {**settings.UMIS_RATE_LIMITS, "officer_login": (3, 600)}
    UserFactory(username="aysel")
    guesser = Client(REMOTE_ADDR="203.0.113.60")
    guesser.cookies["umis_language"] = "en"
    assert sign_in(guesser, "aysel", PASSWORD) == []
    guesser.post("/accounts/logout/")
    # when it fails three times with three different user names
    for name in ("elvin", "leyla", "samir"):
        assert sign_in(guesser, name, WRONG) == [INVALID]
    events_before, throttles_before = event_types(), LoginThrottle.objects.count()
    # then even the right password waits for the window, and nothing is checked or recorded
    refused = guesser.post(LOGIN, {"username": "aysel", "password": PASSWORD})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "600"
    assert WAIT_TEN_MINUTES in refused.content.decode()
    assert signed_in_user_id(guesser) is None
    assert (event_types(), LoginThrottle.objects.count()) == (events_before, throttles_before)
    # while another client signs in, and the first one does after the window
    elsewhere = Client(REMOTE_ADDR="198.51.100.60")
    assert sign_in(elsewhere, "aysel", PASSWORD) == []
    clock.advance(minutes=10)
    assert sign_in(guesser, "aysel", PASSWORD) == []


def test_behind_the_proxy_a_sign_in_is_recorded_with_the_address_it_is_limited_by(
    settings: Any,
) -> None:
    settings.UMIS_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    UserFactory(username="aysel")
    behind = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.61")
    behind.cookies["umis_language"] = "en"

    assert sign_in(behind, "aysel", WRONG) == [INVALID]
    assert sign_in(behind, "aysel", PASSWORD) == []

    failed, succeeded = AuditEvent.objects.order_by("seq")
    assert failed.actor_username == "anonymous@203.0.113.61"
    assert succeeded.extra == {"ip": "203.0.113.61"}
