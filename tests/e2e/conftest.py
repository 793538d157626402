"""Browser tests: a real Chromium, driven by Playwright, against Django's live server.

Every test in this folder is marked ``browser`` so it can be run alone
(``uv run pytest -m browser``) or left out (``-m "not browser"``).

Chromium comes from Debian (``/usr/bin/chromium``), not from Playwright's own
download, which does not work on the build machines. ``UMIS_CHROMIUM`` points
the tests at another binary.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

# Playwright's sync API keeps an asyncio event loop running in the main thread.
# Django sees that running loop and refuses ORM calls from the same thread
# (SynchronousOnlyOperation) -- which would break both the test bodies that
# create data and pytest-django's database flush after each test. The ORM calls
# here really are synchronous and never run inside the loop, so the guard is
# switched off, for the browser tests only (this conftest is imported only
# when tests/e2e is collected).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("UMIS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEFAULT_TIMEOUT_MS = 10_000
BROWSER_LOCALE = "az-AZ"
E2E_DIR = Path(__file__).resolve().parent

# expect(...) assertions retry for this long (Playwright's own default is 5 s).
expect.set_options(timeout=DEFAULT_TIMEOUT_MS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test collected from this folder as a browser test."""
    for item in items:
        if E2E_DIR in item.path.resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Browser tests need Chromium at {CHROMIUM}, which is missing. Install it with "
            "`apt-get install -y chromium` (Debian/Ubuntu), or set UMIS_CHROMIUM to a "
            "Chromium binary. To run everything else, use `uv run pytest -m 'not browser'`.",
            pytrace=False,
        )
    chromium = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()


@pytest.fixture
def browser_context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh context (cookies, storage) for every test."""
    context = browser.new_context(locale=BROWSER_LOCALE, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(browser_context: BrowserContext, live_server: object) -> Page:
    """A blank tab in a fresh context; the live server is running.

    pytest-django's ``live_server`` brings ``transactional_db`` with it: data the
    test writes is committed, so the server thread sees it. On SQLite the test
    database is a file (see ``database_config`` in settings), so the threads
    share it; on PostgreSQL they share the server.
    """
    return browser_context.new_page()
