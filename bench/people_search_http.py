"""The search endpoints over HTTP: a real server process, a logged-in officer.

The server is ``umis serve`` (Granian, WSGI) with one worker and one thread, on
the bench database, started for the run and stopped after it. The officer
logs in through a session made with Django's test client ``force_login``
(the session row is in the database the server reads); each request carries
its cookie, so it passes the whole middleware stack, the permission check and
the audit event of the search, as an officer's browser would.
"""

import http.client
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.test import Client

from people_search_queries import Query
from server import peak_rss_mib, umis_server
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
        return peak_rss_mib(self.process.pid)


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
    with umis_server(workers=1, threads=1) as (port, process):
        yield Server(port, process, officer_cookie())
