from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _

from umis.core.models import TranslatedNameMixin


class Agency(TranslatedNameMixin):
    """A government body taking part in migration management, or a registered
    organisation (hotel, landlord, employer) that uses the e-services."""

    class Kind(models.TextChoices):
        MIGRATION = "migration", _("migration service")
        BORDER = "border", _("border service")
        POLICE = "police", _("police")
        SECURITY = "security", _("state security service")
        LABOUR = "labour", _("labour ministry")
        TAX = "tax", _("tax service")
        FOREIGN_AFFAIRS = "foreign", _("foreign ministry and consulates")
        HOST = "host", _("host organisation (hotel, landlord)")
        EMPLOYER = "employer", _("employer")

    GOVERNMENT_KINDS = frozenset(
        {
            Kind.MIGRATION,
            Kind.BORDER,
            Kind.POLICE,
            Kind.SECURITY,
            Kind.LABOUR,
            Kind.TAX,
            Kind.FOREIGN_AFFAIRS,
        }
    )

    code = models.CharField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    tax_id = models.CharField(_("tax identification number"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering: ClassVar = ["code"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    @property
    def is_government(self) -> bool:
        return self.kind in self.GOVERNMENT_KINDS


class Role(TranslatedNameMixin):
    """A job with its permissions; permissions are data so they can be reviewed."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    permissions = models.JSONField(_("permissions"), default=list)
    customised = models.BooleanField(
        _("customised"),
        default=False,
        help_text=_("Set when an administrator changed the permissions; upgrades keep them."),
    )

    class Meta:
        ordering: ClassVar = ["code"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")


class User(AbstractUser):
    """An officer or administrator working for one agency in one role."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("agency")
    )
    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("role")
    )
    preferred_language = models.CharField(_("preferred language"), max_length=5, default="az")
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set for one-time passwords: the user chooses a new one at first login."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class LoginThrottle(models.Model):
    """Failed sign-ins for one user name, and the cool-off they triggered."""

    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    first_failure_at = models.DateTimeField(null=True)
    locked_until = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return self.username

    def as_dict(self) -> dict[str, Any]:
        return {"failures": self.failures, "locked_until": self.locked_until}


class ApiToken(models.Model):
    """A bearer token an agency's system uses to call the API as one account.

    Only a hash of the secret is stored; the token is shown once when issued.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"


class Session(AbstractBaseSession):
    """A browser session as Django keeps it, with the account signed in to it, so that
    one statement reads a request's session and account (``umis.accounts.sessions``)."""

    account = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls) -> type[SessionBase]:
        from umis.accounts.sessions import SessionStore

        return SessionStore
