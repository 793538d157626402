from django.utils.translation import gettext_lazy as _

from umis.audit.events import register

ACCOUNT_CREATED = register("portal.account_created", _("Portal account created"))
ORGANISATION_CREATED = register("portal.organisation_created", _("Organisation registered"))
ORGANISATION_USER_ADDED = register("portal.organisation_user_added", _("Organisation user added"))
TOTP_ENABLED = register("portal.totp_enabled", _("Two-step sign-in turned on"))
TOTP_DISABLED = register("portal.totp_disabled", _("Two-step sign-in turned off"))
