"""Portal accounts: a person applying for themself, or a user of an organisation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PortalAccount(models.Model):
    """What makes a sign-in account an applicant's: never an officer's."""

    class Kind(models.TextChoices):
        PERSON = "person", _("private person")
        ORGANISATION = "organisation", _("organisation user")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_account"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    is_organisation_admin = models.BooleanField(
        _("manages the organisation's users"), default=False
    )
    totp_secret = models.CharField(max_length=64, blank=True)
    totp_enabled = models.BooleanField(_("two-step sign-in"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("portal account")
        verbose_name_plural = _("portal accounts")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_organisation(self) -> bool:
        return self.kind == self.Kind.ORGANISATION
