"""``umis demo --no-serve`` prepares an installation, and running it again is safe."""

import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

from umis.demo.accounts import DEMO_OFFICERS
from umis.permits.models import Status
from umis.portal.demo import DEMO_APPLICANT, DEMO_EMPLOYER, DEMO_HOTEL

ACCOUNT_LINE = re.compile(r"^  (\w+) +([A-Za-z0-9]{16})  \[(\w+)\]$", re.MULTILINE)
PORTAL_LINE = re.compile(r"^  (\S+@\S+) +(\S{16})  \[(.+)\]$", re.MULTILINE)
PORTAL_USERNAMES = [DEMO_APPLICANT, DEMO_EMPLOYER, DEMO_HOTEL]
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
    """Run the demo command like a newcomer would; return user name → printed password
    (officers first, then the portal accounts)."""
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
    # e-mails to the demo applicants go to files, not into the printed accounts
    assert "Subject:" not in result.stdout + result.stderr
    assert f"E-mails to applicants are saved as files in {data_dir / 'mail'}/." in result.stdout
    officers = ACCOUNT_LINE.findall(result.stdout)
    portal = PORTAL_LINE.findall(result.stdout)
    return {username: password for username, password, _what in [*officers, *portal]}


def query(data_dir: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    # closing: a --reset run deletes the file, so no handle may stay open on it
    with closing(sqlite3.connect(data_dir / "umis.sqlite3")) as database, database:
        return database.execute(sql, params).fetchall()


def stored_password_is(data_dir: Path, username: str, password: str) -> bool:
    (row,) = query(data_dir, "SELECT password FROM accounts_user WHERE username = ?", (username,))
    return Argon2PasswordHasher().verify(password, str(row[0]))


def mails(data_dir: Path) -> str:
    return "".join(path.read_text() for path in sorted((data_dir / "mail").glob("*.log")))


ALL_USERS = "SELECT id, username FROM accounts_user ORDER BY id"
APPLICATIONS = "SELECT id, receipt_number, status FROM permits_application ORDER BY id"
AUDIT_CHAIN = "SELECT min(seq), max(seq), count(*) FROM audit_auditevent"


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

    # then every role has an account with a one-time password, and the portal
    # accounts are printed with passwords that work
    assert list(first) == DEMO_USERNAMES + PORTAL_USERNAMES
    assert all(stored_password_is(tmp_path, name, first[name]) for name in PORTAL_USERNAMES)
    officers = query(tmp_path, OFFICERS_QUERY)
    assert [(username, must_change) for _id, username, must_change in officers] == [
        (username, 1) for username in DEMO_USERNAMES
    ]
    countries = query(tmp_path, "SELECT count(*) FROM core_country")
    holidays = query(tmp_path, "SELECT count(*) FROM core_calendarday")
    assert query(tmp_path, "SELECT count(*) FROM accounts_role") == [(8,)]
    assert issued(tmp_path) == 8
    # and the portal shows applications in every state, a determination of status
    # having written its finding into the registry
    applications = query(tmp_path, APPLICATIONS)
    assert {status for _id, _receipt, status in applications} == set(Status.values)
    (determined,) = query(
        tmp_path,
        "SELECT p.citizenship_status, p.status_summary, a.receipt_number "
        "FROM permits_application a JOIN people_person p ON p.id = a.person_id "
        "WHERE a.service = 'status_determination'",
    )
    assert determined[0] == "citizen"
    assert determined[2] in determined[1].replace("-", "")  # names the decision's receipt
    # and the e-mails the applicants were sent are in files
    assert mails(tmp_path).count("Application received: SMS-") == len(
        [1 for _id, receipt, _status in applications if receipt]
    )
    users, chain = query(tmp_path, ALL_USERS), query(tmp_path, AUDIT_CHAIN)
    ((min_seq, max_seq, count),) = chain
    assert (min_seq, max_seq) == (1, count)

    # when it runs again on the same data directory
    second = run_demo(tmp_path)

    # then the database is kept: same accounts, no duplicated reference data,
    # and fresh one-time passwords for the accounts nobody has used yet
    assert list(second) == DEMO_USERNAMES + PORTAL_USERNAMES
    assert all(second[name] != first[name] for name in second)
    assert all(stored_password_is(tmp_path, name, second[name]) for name in PORTAL_USERNAMES)
    assert query(tmp_path, OFFICERS_QUERY) == officers
    assert query(tmp_path, ALL_USERS) == users
    assert query(tmp_path, APPLICATIONS) == applications
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

    # then it starts from an empty database again: the audit trail is as long as the
    # first run's, not the three runs' together
    assert list(third) == DEMO_USERNAMES + PORTAL_USERNAMES
    assert issued(tmp_path) == 8
    assert query(tmp_path, AUDIT_CHAIN) == chain
    assert len(query(tmp_path, APPLICATIONS)) == len(applications)
