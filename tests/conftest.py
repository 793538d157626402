"""Fixtures every test package may use."""

import os
from datetime import UTC, datetime

import pytest
from django.conf import settings as django_settings
from django.test import Client
from pytest_django.fixtures import Settings

from factories import MovableClock
from umis.core import clock as umis_clock
from umis.core.permissions import Actor

# Argon2 takes most of a second per hash on a small CI machine; the production
# hasher is checked by the settings and demo tests, the rest only need *a* hasher.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Give each run its own SQLite test database.

    The default lives in the shared data directory (``var/test_umis.sqlite3``), so
    two runs from one checkout would delete each other's database mid-run.
    """
    database = django_settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["TEST"]["NAME"] = str(tmp_path_factory.mktemp("db") / "test_umis.sqlite3")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> MovableClock:
    """Time stands still at 2026-03-02 09:00 Baku (05:00 UTC) until the test moves it."""
    movable = MovableClock(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    monkeypatch.setattr(umis_clock, "now", movable.now)
    return movable


@pytest.fixture(scope="session")
def child_environ(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment for running ``umis`` in a child process: no UMIS_* settings.

    The browser tests' permission to run database code from async contexts is
    not passed on either: a deployment check rightly refuses it.

    Compiled bytecode goes to a cache of this run: without it every child
    compiles Django afresh (PYTHONDONTWRITEBYTECODE), which costs seconds each.
    """
    environ = {k: v for k, v in os.environ.items() if not k.startswith("UMIS_")}
    environ.pop("PYTHONDONTWRITEBYTECODE", None)
    environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    environ["PYTHONPYCACHEPREFIX"] = str(tmp_path_factory.mktemp("pycache"))
    return environ


@pytest.fixture
def system_actor() -> Actor:
    return Actor.system("tests")


@pytest.fixture
def english_client() -> Client:
    """A browser that asked for English, so tests can read the messages."""
    client = Client()
    client.cookies["umis_language"] = "en"
    return client
