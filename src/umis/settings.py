"""All UMIS settings, driven by environment variables.

Defaults are safe for the embedded demo (SQLite under ``var/``, loopback only).
``UMIS_ENV=production`` switches on every production safeguard and refuses to
start without a real secret key and an explicit list of allowed hosts.
"""

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

# Lets model and admin classes be written with their type parameters.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent
MIN_SECRET_KEY_LENGTH = 50
DEMO_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]


def env_flag(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    value = environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, environ: Mapping[str, str] = os.environ) -> list[str]:
    return [item.strip() for item in environ.get(name, "").split(",") if item.strip()]


def env_rate(name: str, default: str, environ: Mapping[str, str] = os.environ) -> tuple[int, int]:
    """A rate limit ``"attempts/seconds"`` from the environment, e.g. ``20/900``."""
    text = environ.get(name, default)
    attempts, _slash, seconds = text.partition("/")
    if not (attempts.strip().isdigit() and seconds.strip().isdigit() and int(seconds) > 0):
        raise ImproperlyConfigured(f"{name} must read attempts/seconds, like 20/900; not {text!r}")
    return int(attempts), int(seconds)


def production_problems(environ: Mapping[str, str]) -> list[str]:
    """What stops this environment from running in production (empty when fine)."""
    problems = []
    key = environ.get("UMIS_SECRET_KEY", "")
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 10:
        problems.append(
            f"UMIS_SECRET_KEY must be a random value of at least {MIN_SECRET_KEY_LENGTH} characters"
        )
    if key.startswith("django-insecure"):
        problems.append("UMIS_SECRET_KEY must not be a development key")
    hosts = env_list("UMIS_ALLOWED_HOSTS", environ)
    if not hosts or "*" in hosts:
        problems.append("UMIS_ALLOWED_HOSTS must list the host names this server answers to")
    if env_flag("UMIS_DEBUG", False, environ):
        problems.append("UMIS_DEBUG must be off in production")
    return problems


def demo_secret_key(data_dir: Path) -> str:
    """A per-installation key kept in the data directory, never in the code."""
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


# psycopg prepares a statement after this many runs, or at once when told to.
PREPARE_ONLY_WHEN_ASKED = 2**31 - 1


def database_config(url: str | None, data_dir: Path) -> dict[str, Any]:
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    else:
        data_dir.mkdir(parents=True, exist_ok=True)
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(data_dir / "umis.sqlite3")}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # IMMEDIATE makes every transaction take the write lock up front, so
            # concurrent writers queue instead of failing on lock upgrade.
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
            ),
        }
        config["TEST"] = {"NAME": str(data_dir / "test_umis.sqlite3")}
    else:
        # Django turns psycopg's prepared statements off; ask for them, but only
        # for the statements umis.core.sql.fetch_prepared marks (no count of runs
        # makes any other statement prepared).
        config.setdefault("OPTIONS", {})["prepare_threshold"] = PREPARE_ONLY_WHEN_ASKED
    config["ATOMIC_REQUESTS"] = False
    return config


ENVIRONMENT = os.environ.get("UMIS_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DATA_DIR = Path(os.environ.get("UMIS_DATA_DIR", Path.cwd() / "var")).resolve()

if PRODUCTION:
    _problems = production_problems(os.environ)
    if _problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(_problems))
    SECRET_KEY = os.environ["UMIS_SECRET_KEY"]
    ALLOWED_HOSTS = env_list("UMIS_ALLOWED_HOSTS")
else:
    SECRET_KEY = os.environ.get("UMIS_SECRET_KEY") or demo_secret_key(DATA_DIR)
    ALLOWED_HOSTS = env_list("UMIS_ALLOWED_HOSTS") or DEMO_HOSTS

DEBUG = env_flag("UMIS_DEBUG", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "umis.core",
    "umis.audit",
    "umis.accounts",
    "umis.people",
    "umis.stays",
    "umis.identity",
    "umis.permits",
    "umis.portal",
    "umis.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "umis.accounts.middleware.ActorMiddleware",
    "umis.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "umis.urls"
WSGI_APPLICATION = "umis.wsgi.application"
ASGI_APPLICATION = "umis.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "umis.accounts.context_processors.actor",
            ],
        },
    }
]

DATABASES = {"default": database_config(os.environ.get("UMIS_DATABASE_URL"), DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["umis.accounts.backends.AccountBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock-out: this many failures inside the window lock the account name for the
# cool-off; the lock always lifts by itself, so an attacker cannot lock anyone out
# for longer than the cool-off.
UMIS_LOGIN_MAX_FAILURES = int(os.environ.get("UMIS_LOGIN_MAX_FAILURES", "5"))
UMIS_LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("UMIS_LOGIN_FAILURE_WINDOW", "900"))
UMIS_LOGIN_COOL_OFF_SECONDS = int(os.environ.get("UMIS_LOGIN_COOL_OFF", "900"))

# Public pages (status check, permit check, portal sign-in and sign-up) count
# attempts per client address, receipt number or account in a database table that
# every server process shares, and answer 429 past the limit: "attempts/seconds"
# each (see umis.core.throttle).
# Officers' sign-in counts its failures per client address.
UMIS_RATE_LIMITS = {
    "status": env_rate("UMIS_RATE_STATUS", "30/600"),
    "status_receipt": env_rate("UMIS_RATE_STATUS_RECEIPT", "5/3600"),
    "verify": env_rate("UMIS_RATE_VERIFY", "60/600"),
    "portal_login": env_rate("UMIS_RATE_PORTAL_LOGIN", "20/900"),
    "portal_code": env_rate("UMIS_RATE_PORTAL_CODE", "5/900"),
    "portal_register": env_rate("UMIS_RATE_PORTAL_REGISTER", "10/3600"),
    "officer_login": env_rate("UMIS_RATE_OFFICER_LOGIN", "30/900"),
}
# Behind a reverse proxy every request comes from the proxy's address: name the
# header it puts the client's address in (e.g. HTTP_X_REAL_IP); its last entry is used.
UMIS_CLIENT_IP_HEADER = os.environ.get("UMIS_CLIENT_IP_HEADER", "")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_NAME = "umis_session"
SESSION_ENGINE = "umis.accounts.sessions"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and env_flag("UMIS_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_flag("UMIS_BEHIND_TLS_PROXY", False) else None
)
CSRF_TRUSTED_ORIGINS = env_list("UMIS_CSRF_TRUSTED_ORIGINS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
}

LANGUAGE_CODE = "az"
LANGUAGES = [("az", _("Azerbaijani")), ("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "umis_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Baku"

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
# Outside production, serve static files straight from the packages.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Background work. The immediate backend runs a task at once, in the caller's
# process; production sets a queue-backed backend (see docs/operations.md).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "UMIS_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}
UMIS_UPLOAD_MAX_BYTES = int(os.environ.get("UMIS_UPLOAD_MAX_BYTES", str(50 * 1024 * 1024)))
# Applicants' documents in the portal (PDF, JPEG, PNG), each file.
UMIS_PORTAL_UPLOAD_MAX_BYTES = int(
    os.environ.get("UMIS_PORTAL_UPLOAD_MAX_BYTES", str(5 * 1024 * 1024))
)
# The payment gateway class; the built-in simulated bank takes no money and is
# refused in production.
UMIS_PAYMENT_GATEWAY = os.environ.get(
    "UMIS_PAYMENT_GATEWAY", "umis.permits.gateways.SimulatedGateway"
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("UMIS_LOG_LEVEL", "WARNING")},
}

# Outside production, e-mail is written to files under the data directory (one file
# per batch) instead of the console, so the demo's and the server's output stay readable.
FILE_EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_BACKEND_PATH = os.environ.get(
    "UMIS_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else FILE_EMAIL_BACKEND,
)
EMAIL_FILE_DIR = Path(os.environ.get("UMIS_EMAIL_FILE_DIR", DATA_DIR / "mail")).resolve()
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": {"file_path": str(EMAIL_FILE_DIR)}
        if EMAIL_BACKEND_PATH == FILE_EMAIL_BACKEND
        else {},
    }
}
