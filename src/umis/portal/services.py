"""Portal accounts: people, organisations and their users, two-step sign-in."""

import pyotp
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from umis.accounts.models import Agency, User
from umis.audit.services import record
from umis.core.errors import NotAllowed, ValidationFailed
from umis.core.services import sequence_allocate
from umis.permits.actors import applicant_actor
from umis.portal import events
from umis.portal.models import PortalAccount

ORGANISATION_KINDS = (Agency.Kind.HOST, Agency.Kind.EMPLOYER)
ORGANISATION_SERIES = "organisation"


def _check_credentials(email: str, password: str) -> str:
    email = email.strip().lower()
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Enter a valid e-mail address.")]
    if User.objects.filter(username=email).exists():
        errors["email"] = [_("An account with this e-mail address exists. Sign in instead.")]
    try:
        validate_password(password, User(username=email, email=email))
    except ValidationError as error:
        errors["password"] = [str(m) for m in error.messages]
    if errors:
        raise ValidationFailed(errors)
    return email


def _account(
    email: str, password: str, agency: Agency | None, kind: str, admin: bool, language: str
) -> User:
    user = User(username=email, email=email, agency=agency, role=None, preferred_language=language)
    user.set_password(password)
    user.save()
    PortalAccount.objects.create(user=user, kind=kind, is_organisation_admin=admin)
    return user


@transaction.atomic
def applicant_register(*, email: str, password: str, language: str = "az") -> User:
    """Open an account for a person applying for themself."""
    email = _check_credentials(email, password)
    user = _account(email, password, None, PortalAccount.Kind.PERSON, False, language)
    record(actor=applicant_actor(user), event=events.ACCOUNT_CREATED, subject=user)
    return user


@transaction.atomic
def organisation_register(
    *, name: str, kind: str, tax_id: str, email: str, password: str, language: str = "az"
) -> User:
    """Register a host or employer and its first user, who manages the others."""
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Give the organisation's name.")]
    if kind not in ORGANISATION_KINDS:
        errors["kind"] = [_("Choose host or employer.")]
    if not (tax_id.strip().isdigit() and len(tax_id.strip()) == 10):
        errors["tax_id"] = [_("The tax number (VÖEN) has 10 digits.")]
    try:
        email = _check_credentials(email, password)
    except ValidationFailed as refused:
        errors |= refused.errors
    if errors:
        raise ValidationFailed(errors)
    (sequence,) = sequence_allocate(name=ORGANISATION_SERIES)
    organisation = Agency.objects.create(
        code=f"ORG{sequence:06d}",
        kind=kind,
        tax_id=tax_id.strip(),
        name_az=name.strip(),
        name_en=name.strip(),
        name_ru=name.strip(),
    )
    user = _account(email, password, organisation, PortalAccount.Kind.ORGANISATION, True, language)
    record(actor=applicant_actor(user), event=events.ORGANISATION_CREATED, subject=organisation)
    return user


@transaction.atomic
def organisation_user_add(*, admin: User, email: str, password: str) -> User:
    """An organisation's manager adds a colleague who files for the same organisation."""
    account = getattr(admin, "portal_account", None)
    if account is None or not account.is_organisation_admin or admin.agency is None:
        raise NotAllowed("portal.organisation_manage")
    email = _check_credentials(email, password)
    user = _account(
        email,
        password,
        admin.agency,
        PortalAccount.Kind.ORGANISATION,
        False,
        admin.preferred_language,
    )
    record(actor=applicant_actor(admin), event=events.ORGANISATION_USER_ADDED, subject=user)
    return user


@transaction.atomic
def totp_start(*, user: User) -> str:
    """A fresh secret to show in an authenticator app; on only once a code confirms it."""
    account = user.portal_account
    account.totp_secret = pyotp.random_base32()
    account.totp_enabled = False
    account.save(update_fields=["totp_secret", "totp_enabled"])
    return account.totp_secret


def totp_valid(account: PortalAccount, code: str) -> bool:
    return bool(account.totp_secret) and pyotp.TOTP(account.totp_secret).verify(
        code.strip(), valid_window=1
    )


@transaction.atomic
def totp_confirm(*, user: User, code: str) -> None:
    account = user.portal_account
    if not totp_valid(account, code):
        raise ValidationFailed.single("code", _("This code is not right. Enter the current one."))
    account.totp_enabled = True
    account.save(update_fields=["totp_enabled"])
    record(actor=applicant_actor(user), event=events.TOTP_ENABLED, subject=user)


@transaction.atomic
def totp_disable(*, user: User, code: str) -> None:
    account = user.portal_account
    if not totp_valid(account, code):
        raise ValidationFailed.single("code", _("This code is not right. Enter the current one."))
    account.totp_enabled, account.totp_secret = False, ""
    account.save(update_fields=["totp_enabled", "totp_secret"])
    record(actor=applicant_actor(user), event=events.TOTP_DISABLED, subject=user)
