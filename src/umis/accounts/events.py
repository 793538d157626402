from django.utils.translation import gettext_lazy as _

from umis.audit.events import register

LOGIN_SUCCEEDED = register("accounts.login_succeeded", _("Signed in"))
LOGIN_FAILED = register("accounts.login_failed", _("Sign-in failed"))
ACCOUNT_LOCKED = register("accounts.locked", _("Sign-in locked after repeated failures"))
LOGGED_OUT = register("accounts.logged_out", _("Signed out"))
PASSWORD_CHANGED = register("accounts.password_changed", _("Password changed"))
PASSWORD_ISSUED = register("accounts.password_issued", _("One-time password issued"))
API_TOKEN_ISSUED = register("accounts.api_token_issued", _("API token issued"))
