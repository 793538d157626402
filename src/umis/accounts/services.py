"""Every write about accounts, each with its audit event in the same transaction."""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from umis.accounts import events
from umis.accounts.actors import actor_for, anonymous_from
from umis.accounts.models import Agency, LoginThrottle, Role, User
from umis.audit.services import record
from umis.core import clock
from umis.core.permissions import Actor

# Easy to read aloud and type: no 0/O, 1/l/I.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105
ONE_TIME_PASSWORD_LENGTH = 16


def throttle_key(username: str) -> str:
    return username.strip().casefold()


def locked_until(username: str) -> datetime | None:
    """When the cool-off for ``username`` ends, if it is running now."""
    row = LoginThrottle.objects.filter(username=throttle_key(username)).first()
    if row and row.locked_until and row.locked_until > clock.now():
        return row.locked_until
    return None


@transaction.atomic
def login_failure_record(*, username: str, ip_address: str) -> datetime | None:
    """Count a failed sign-in; lock the name for the cool-off after too many.

    Failures are counted per user name inside a sliding window. The lock always
    expires by itself after ``UMIS_LOGIN_COOL_OFF_SECONDS``, so an attacker can
    delay a user but never lock them out for good. Returns the lock's end when
    this failure triggered it.
    """
    now = clock.now()
    window = timedelta(seconds=settings.UMIS_LOGIN_FAILURE_WINDOW_SECONDS)
    row, _created = LoginThrottle.objects.select_for_update().get_or_create(
        username=throttle_key(username)
    )
    if row.first_failure_at is None or now - row.first_failure_at > window:
        row.failures, row.first_failure_at = 0, now
    row.failures += 1
    actor = anonymous_from(ip_address)
    extra = {"username": username[:150], "failures": row.failures}
    record(
        actor=actor,
        event=events.LOGIN_FAILED,
        subject_type="accounts.user",
        subject_id=username[:64],
        extra=extra,
    )
    lock_ends = None
    if row.failures >= settings.UMIS_LOGIN_MAX_FAILURES:
        lock_ends = now + timedelta(seconds=settings.UMIS_LOGIN_COOL_OFF_SECONDS)
        row.locked_until, row.failures, row.first_failure_at = lock_ends, 0, None
        record(
            actor=actor,
            event=events.ACCOUNT_LOCKED,
            subject_type="accounts.user",
            subject_id=username[:64],
            extra={"locked_until": lock_ends.isoformat()},
        )
    row.save()
    return lock_ends


@transaction.atomic
def login_success_record(*, user: User, ip_address: str) -> None:
    LoginThrottle.objects.filter(username=throttle_key(user.get_username())).delete()
    record(
        actor=actor_for(user), event=events.LOGIN_SUCCEEDED, subject=user, extra={"ip": ip_address}
    )


@transaction.atomic
def logout_record(*, user: User) -> None:
    record(actor=actor_for(user), event=events.LOGGED_OUT, subject=user)


@transaction.atomic
def user_password_change(*, actor: Actor, user: User, new_password: str) -> None:
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    record(actor=actor, event=events.PASSWORD_CHANGED, subject=user)


def one_time_password() -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(ONE_TIME_PASSWORD_LENGTH))


@transaction.atomic
def user_issue_one_time_password(*, actor: Actor, user: User) -> str:
    """Give ``user`` a fresh password they must replace at their next sign-in."""
    password = one_time_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    LoginThrottle.objects.filter(username=throttle_key(user.get_username())).delete()
    record(actor=actor, event=events.PASSWORD_ISSUED, subject=user)
    return password


@transaction.atomic
def officer_create(
    *,
    actor: Actor,
    username: str,
    first_name: str,
    last_name: str,
    agency: Agency,
    role: Role,
    email: str = "",
    is_staff: bool = False,
) -> tuple[User, str]:
    """Create an officer account with a one-time password; returns both."""
    user = User.objects.create(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        agency=agency,
        role=role,
        is_staff=is_staff,
    )
    return user, user_issue_one_time_password(actor=actor, user=user)
