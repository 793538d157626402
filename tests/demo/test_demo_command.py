"""``umis demo --no-serve`` prepares an installation, and running it again is safe."""

import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from functools import partial
from pathlib import Path

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

from umis.demo.accounts import DEMO_OFFICERS

ACCOUNT_LINE = re.compile(r"^  (\w+) +([A-Za-z0-9]{16})  \[(\w+)\]$", re.MULTILINE)
DEMO_USERNAMES = [username for username, *_rest in DEMO_OFFICERS]


@pytest.fixture
def run_demo(child_environ: dict[str, str]) -> Callable[..., dict[str, str]]:
    # child_environ has no UMIS_DATABASE_URL: the demo uses its embedded SQLite even
    # when the suite runs on PostgreSQL.
    return partial(demo, child_environ)


# The demo also makes portal accounts and their organisations (see umis.portal.demo);
# these checks are about the officers' accounts and the government agencies.
OFFICERS_QUERY = (
    "SELECT id, username, must_change_password FROM accounts_user "
    "WHERE role_id IS NOT NULL ORDER BY id"
)
GOVERNMENT_AGENCIES_QUERY = (
    "SELECT count(*) FROM accounts_agency WHERE kind NOT IN ('host', 'employer')"
)


def demo(env: dict[str, str], data_dir: Path, *options: str) -> dict[str, str]:
    """Run the demo command like a newcomer would; return user name → printed password."""
    command = "from umis.cli import main; main()"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            command,
            "demo",
            "--no-serve",
            # No synthetic population: the people demo tests it, and it takes long.
            "--persons",
            "0",
            "--data-dir",
            str(data_dir),
            *options,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert f"Data directory: {data_dir}\n" in result.stdout
    return {
        username: password for username, password, _agency in ACCOUNT_LINE.findall(result.stdout)
    }


def query(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    # closing: a --reset run deletes the file, so no handle may stay open on it
    with closing(sqlite3.connect(data_dir / "umis.sqlite3")) as database, database:
        return database.execute(sql).fetchall()


def issued(data_dir: Path) -> int:
    """How many one-time passwords the audit trail says were issued."""
    sql = "SELECT count(*) FROM audit_auditevent WHERE event_type = 'accounts.password_issued'"
    (row,) = query(data_dir, sql)
    return int(str(row[0]))


def test_demo_runs_twice_and_keeps_its_database_then_reset_starts_anew(
    tmp_path: Path, run_demo: Callable[..., dict[str, str]]
) -> None:
    # when the demo is prepared for the first time
    first = run_demo(tmp_path)

    # then every role has an account with a one-time password
    assert list(first) == DEMO_USERNAMES
    users = query(tmp_path, OFFICERS_QUERY)
    assert [(username, must_change) for _id, username, must_change in users] == [
        (username, 1) for username in DEMO_USERNAMES
    ]
    countries = query(tmp_path, "SELECT count(*) FROM core_country")
    holidays = query(tmp_path, "SELECT count(*) FROM core_calendarday")
    assert query(tmp_path, "SELECT count(*) FROM accounts_role") == [(8,)]
    assert issued(tmp_path) == 8

    # when it runs again on the same data directory
    second = run_demo(tmp_path)

    # then the database is kept: same accounts, no duplicated reference data,
    # and fresh one-time passwords for the accounts nobody has used yet
    assert list(second) == DEMO_USERNAMES
    assert all(second[name] != first[name] for name in DEMO_USERNAMES)
    assert query(tmp_path, OFFICERS_QUERY) == users
    assert query(tmp_path, "SELECT count(*) FROM core_country") == countries
    assert query(tmp_path, "SELECT count(*) FROM core_calendarday") == holidays
    assert query(tmp_path, GOVERNMENT_AGENCIES_QUERY) == [(7,)]
    assert query(tmp_path, "SELECT count(*) FROM accounts_role") == [(8,)]
    assert issued(tmp_path) == 16
    # the printed password is the one stored, hashed with Argon2
    (stored,) = query(tmp_path, "SELECT password FROM accounts_user WHERE username = 'supervisor'")
    assert str(stored[0]).startswith("argon2$")
    assert Argon2PasswordHasher().verify(second["supervisor"], str(stored[0]))

    # when it runs with --reset
    third = run_demo(tmp_path, "--reset")

    # then it starts from an empty database again
    assert list(third) == DEMO_USERNAMES
    assert issued(tmp_path) == 8
    # (the audit trail starts again at 1; the portal demo adds its own events after these)
    assert query(tmp_path, "SELECT min(seq) FROM audit_auditevent") == [(1,)]
