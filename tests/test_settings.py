"""Production mode refuses to start with unsafe settings; a good set passes ``check --deploy``."""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from umis import settings as umis_settings
from umis.settings import PREPARE_ONLY_WHEN_ASKED, database_config, production_problems

GOOD_KEY = "kq3V9x_T7m2LpZc8RwYe4NbHs6JdUf1Ga5QiXoKv0tWyAr-PlMnBjEhCgSuDzIO"
KEY_PROBLEM = "UMIS_SECRET_KEY must be a random value of at least 50 characters"
DEV_KEY_PROBLEM = "UMIS_SECRET_KEY must not be a development key"
HOSTS_PROBLEM = "UMIS_ALLOWED_HOSTS must list the host names this server answers to"
DEBUG_PROBLEM = "UMIS_DEBUG must be off in production"

START = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.ALLOWED_HOSTS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
    "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
)


def production_env(base: dict[str, str], data_dir: Path, **overrides: str | None) -> dict[str, str]:
    """``base`` (without any UMIS_* variable) plus a good production set, then ``overrides``."""
    env = base | {
        "DJANGO_SETTINGS_MODULE": "umis.settings",
        "UMIS_ENV": "production",
        "UMIS_SECRET_KEY": GOOD_KEY,
        "UMIS_ALLOWED_HOSTS": "umis.migration.gov.az",
        "UMIS_DATA_DIR": str(data_dir),
    }
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


UNSAFE = {
    "no-key": ({"UMIS_SECRET_KEY": None}, KEY_PROBLEM),
    "short-key": ({"UMIS_SECRET_KEY": "0123456789" * 3}, KEY_PROBLEM),
    "no-hosts": ({"UMIS_ALLOWED_HOSTS": None}, HOSTS_PROBLEM),
    "any-host": ({"UMIS_ALLOWED_HOSTS": "*"}, HOSTS_PROBLEM),
    "debug": ({"UMIS_DEBUG": "1"}, DEBUG_PROBLEM),
}
CHECK_DEPLOY = ["-c", "from umis.cli import main; main()", "check", "--deploy"]


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def outcomes(
    tmp_path_factory: pytest.TempPathFactory, child_environ: dict[str, str]
) -> dict[str, Outcome]:
    """Start Django once per environment, all at the same time (each start takes seconds)."""
    runs = {name: (["-c", START], overrides) for name, (overrides, _m) in UNSAFE.items()}
    runs["good"] = (["-c", START], {})
    runs["check-deploy"] = ([*CHECK_DEPLOY, "--fail-level", "WARNING"], {})
    processes = {
        name: subprocess.Popen(
            [sys.executable, *args],
            env=production_env(child_environ, tmp_path_factory.mktemp(name), **overrides),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, (args, overrides) in runs.items()
    }
    results = {}
    for name, process in processes.items():
        stdout, stderr = process.communicate(timeout=120)
        results[name] = Outcome(process.returncode, stdout, stderr)
    return results


def test_production_problems_is_empty_for_a_good_environment() -> None:
    # given a random key, a host list and debug off
    environ = {"UMIS_SECRET_KEY": GOOD_KEY, "UMIS_ALLOWED_HOSTS": "umis.migration.gov.az"}

    # then nothing stops production
    assert production_problems(environ) == []


def test_production_problems_lists_every_problem_of_an_empty_environment() -> None:
    assert production_problems({}) == [KEY_PROBLEM, HOSTS_PROBLEM]


@pytest.mark.parametrize(
    ("overrides", "problems"),
    [
        ({"UMIS_SECRET_KEY": GOOD_KEY[:49]}, [KEY_PROBLEM]),
        ({"UMIS_SECRET_KEY": "ab" * 40}, [KEY_PROBLEM]),
        ({"UMIS_SECRET_KEY": "django-insecure-" + GOOD_KEY}, [DEV_KEY_PROBLEM]),
        ({"UMIS_ALLOWED_HOSTS": ""}, [HOSTS_PROBLEM]),
        ({"UMIS_ALLOWED_HOSTS": " , "}, [HOSTS_PROBLEM]),
        ({"UMIS_ALLOWED_HOSTS": "umis.migration.gov.az,*"}, [HOSTS_PROBLEM]),
        ({"UMIS_DEBUG": "1"}, [DEBUG_PROBLEM]),
        ({"UMIS_DEBUG": "True"}, [DEBUG_PROBLEM]),
        ({"UMIS_DEBUG": "0"}, []),
    ],
)
def test_production_problems_names_each_unsafe_setting(
    overrides: dict[str, str], problems: list[str]
) -> None:
    # given an otherwise good environment with one setting changed
    environ = {"UMIS_SECRET_KEY": GOOD_KEY, "UMIS_ALLOWED_HOSTS": "umis.migration.gov.az"}
    environ |= overrides

    # then exactly that setting is named
    assert production_problems(environ) == problems


@pytest.mark.parametrize("case", UNSAFE)
def test_production_refuses_to_start_with_unsafe_settings(
    outcomes: dict[str, Outcome], case: str
) -> None:
    # given a production environment with one unsafe setting (see UNSAFE)
    _overrides, message = UNSAFE[case]

    # when Django started, then it stopped with the reason
    outcome = outcomes[case]
    assert outcome.returncode == 1
    assert f"ImproperlyConfigured: Refusing to start in production: {message}\n" in outcome.stderr
    assert outcome.stdout == ""


def test_production_starts_with_a_safe_environment(outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes["good"]

    # debug off, the given host only, cookies over TLS only, HTTPS enforced for a year
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stdout == "False ['umis.migration.gov.az'] True True True 31536000\n"


def test_check_deploy_is_clean_in_a_good_production_environment(
    outcomes: dict[str, Outcome],
) -> None:
    # the deployment checklist ran with --fail-level WARNING on a good environment
    outcome = outcomes["check-deploy"]

    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stdout == "System check identified no issues (0 silenced).\n"


def test_passwords_are_hashed_with_argon2() -> None:
    assert umis_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_embedded_database_is_sqlite_in_wal_mode_with_immediate_transactions(
    tmp_path: Path,
) -> None:
    config = database_config(None, tmp_path)

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "umis.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "PRAGMA journal_mode=WAL;" in config["OPTIONS"]["init_command"]


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    config = database_config("postgresql://umis:secret@db.internal:5432/umis", tmp_path)

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5432, "umis")
    assert "OPTIONS" not in config or "transaction_mode" not in config["OPTIONS"]


def test_the_database_url_keeps_its_options_next_to_prepared_statements(tmp_path: Path) -> None:
    config = database_config("postgresql://umis@db.internal/umis?sslmode=require", tmp_path)

    assert config["OPTIONS"]["sslmode"] == "require"
    assert config["OPTIONS"]["prepare_threshold"] == PREPARE_ONLY_WHEN_ASKED
