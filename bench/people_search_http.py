"""The search endpoints over HTTP: a real server process, a logged-in officer.

The server is ``umis serve`` (Granian, WSGI) with one worker and one thread, on
the bench database, started for the run and stopped after it. The officer
logs in through a session made with Django's test client ``force_login``
(the session row is in the database the server reads); each request carries
its cookie, so it passes the whole middleware stack, the permission check and
the audit event of the search, as an officer's browser would.
"""

import http.client
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.test import Client

from people_search_queries import Query
from umis.accounts.models import Agency, Role, User
from umis.core.purposes import Purpose

USERNAME = "bench-officer"
HTMX_PATH = "/people/results"
API_PATH = "/api/v1/people/search"


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    cookie: str
    _open: http.client.HTTPConnection | None = field(default=None, init=False)

    def request(self, path: str, query: Query, headers: dict[str, str]) -> bytes:
        params = {
            "q": query.text,
            "birth_date": str(query.year),
            "birth_mode": "year",
            "purpose": Purpose.COUNTER_SERVICE.value,
        }
        connection = self._connection()
        connection.request(
            "GET", f"{path}?{urlencode(params)}", headers={"Cookie": self.cookie, **headers}
        )
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}: {body[:300]!r}")
        return body

    def htmx(self, query: Query) -> None:
        self.request(HTMX_PATH, query, {"HX-Request": "true"})

    def api(self, query: Query) -> None:
        self.request(API_PATH, query, {})

    def _connection(self) -> http.client.HTTPConnection:
        if self._open is None:
            self._open = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        return self._open

    def peak_rss_mib(self) -> float:
        """Largest peak resident memory (VmHWM) among the server's processes."""
        return max(_peak_kib(pid) for pid in _tree(self.process.pid)) / 1024


def _tree(pid: int) -> list[int]:
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            pids += _tree(int(child))
    return pids


def _peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def officer_cookie() -> str:
    officer, _ = User.objects.get_or_create(
        username=USERNAME,
        defaults={
            "agency": Agency.objects.get(code="SMS"),
            "role": Role.objects.get(code="case_worker"),
            "preferred_language": "en",
        },
    )
    client = Client()
    client.force_login(officer)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


@contextmanager
def server_running() -> Iterator[Server]:
    port = _free_port()
    umis = Path(sys.executable).parent / "umis"
    command = [str(umis), "serve", "--port", str(port), "--workers", "1", "--threads", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603 (our own command)
    try:
        _wait_for(port)
        yield Server(port, process, officer_cookie())
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not listen on port {port}")
