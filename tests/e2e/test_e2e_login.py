"""The foundation end to end, in Chromium: sign-in, forced password change,
dashboard, language switcher, and keyboard access."""

import re
import secrets
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from umis.accounts.models import User
from umis.accounts.services import user_password_change
from umis.core.permissions import Actor
from umis.demo.accounts import ensure_demo_accounts

LOGIN_PATH = "/accounts/login/"
PASSWORD_PATH = "/accounts/password/"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
SIGN_OUT = "form[action$='/accounts/logout/'] button[type=submit]"


@pytest.fixture
def front_desk_password(transactional_db: None) -> str:
    """The one-time password of the demo front-desk officer, made by the demo's own service."""
    accounts = {a.username: a for a in ensure_demo_accounts(Actor.system("test"))}
    password = accounts["front_desk"].password
    assert password, "a newly created demo account must come with a one-time password"
    return password


def sign_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/")
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("main button[type=submit]").click()


def switch_language(page: Page, code: str) -> None:
    page.locator("#language-select").select_option(code)
    page.locator("form.language-switcher button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("#language-select")).to_have_value(code)
    expect(page.locator(f"#language-select option[value={code}]")).to_have_attribute("selected", "")


def test_first_sign_in_changes_password_then_switches_language(
    page: Page, live_server, front_desk_password: str, tmp_path: Path
) -> None:
    base_url = live_server.url
    sign_in(page, base_url, "front_desk", front_desk_password)

    # A one-time password holds the officer on the change-password page,
    # even when they try to go elsewhere.
    expect(page).to_have_url(base_url + PASSWORD_PATH)
    page.goto(base_url + "/")
    expect(page).to_have_url(base_url + PASSWORD_PATH)

    new_password = "Umis-" + secrets.token_urlsafe(18)
    page.locator("input[name=old_password]").fill(front_desk_password)
    page.locator("input[name=new_password1]").fill(new_password)
    page.locator("input[name=new_password2]").fill(new_password)
    page.locator("main button[type=submit]").click()

    # The dashboard greets the officer by first name (in any language).
    expect(page).to_have_url(base_url + "/")
    expect(page.locator("main h1")).to_contain_text("Aysel")
    expect(page.locator("html")).to_have_attribute("lang", "az")
    page.screenshot(path=tmp_path / "dashboard.png", full_page=True)

    switch_language(page, "en")
    expect(page).to_have_url(base_url + "/")
    expect(page.locator("main h1")).to_have_text("Welcome, Aysel")
    expect(page.locator(SIGN_OUT)).to_have_text("Sign out")
    expect(page.locator("#language-select option[value=en]")).to_have_text("English")
    english_sign_out = page.locator(SIGN_OUT).inner_text().strip()

    # Russian comes from the compiled catalogue in src/umis/locale (committed).
    # Assert on the script, not on exact wording, so translators can still polish it.
    switch_language(page, "ru")
    expect(page.locator("#language-select option[value=ru]")).to_have_text("Русский")
    expect(page.locator(SIGN_OUT)).not_to_have_text(english_sign_out)
    expect(page.locator(SIGN_OUT)).to_have_text(CYRILLIC)
    expect(page.locator("main h1")).to_contain_text("Aysel")
    expect(page.locator("main h1")).not_to_contain_text("Welcome")

    switch_language(page, "az")
    expect(page.locator("#language-select option[value=az]")).to_have_text("Azərbaycanca")
    expect(page.locator(SIGN_OUT)).not_to_have_text(english_sign_out)
    expect(page.locator(SIGN_OUT)).not_to_have_text(CYRILLIC)
    expect(page.locator("main h1")).to_contain_text("Aysel")

    # The choice survives a fresh page load (it lives in the language cookie).
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "az")


def test_wrong_password_shows_error_and_stays_on_sign_in(
    page: Page, live_server, front_desk_password: str
) -> None:
    base_url = live_server.url
    sign_in(page, base_url, "front_desk", front_desk_password + "-wrong")

    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#form-errors")).not_to_be_empty()
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))
    expect(page.locator("input[name=password]")).to_be_visible()
    expect(page.locator(SIGN_OUT)).to_have_count(0)


@pytest.fixture
def front_desk_settled_password(front_desk_password: str) -> str:
    """The front-desk officer after they have chosen their own password."""
    password = "Umis-" + secrets.token_urlsafe(18)
    user = User.objects.get(username="front_desk")
    user_password_change(actor=Actor.system("test"), user=user, new_password=password)
    return password


def test_sign_in_page_starts_in_the_user_name_field(page: Page, live_server) -> None:
    page.goto(live_server.url + LOGIN_PATH)
    expect(page.locator("input[name=username]")).to_be_focused()


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(
    page: Page, live_server, front_desk_settled_password: str
) -> None:
    # The dashboard has no autofocus, so the keyboard starts at the top of the page.
    # (The sign-in page puts focus in the user-name field instead: see above.)
    sign_in(page, live_server.url, "front_desk", front_desk_settled_password)
    expect(page).to_have_url(live_server.url + "/")

    skip_link = page.locator("a.skip-link")
    expect(skip_link).not_to_be_in_viewport()  # off-screen until focused
    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("#main")).to_be_focused()


def test_pages_load_their_styles_and_scripts_without_errors(
    page: Page, live_server, front_desk_settled_password: str
) -> None:
    broken: list[str] = []
    page.on("response", lambda r: broken.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: broken.append(f"failed {r.url}"))
    page.on("console", lambda m: broken.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: broken.append(f"page error: {e}"))

    sign_in(page, live_server.url, "front_desk", front_desk_settled_password)
    expect(page).to_have_url(live_server.url + "/")
    page.wait_for_load_state("load")

    assert broken == []
    # The stylesheet is applied: the skip link waits off-screen until focused.
    expect(page.locator("a.skip-link")).not_to_be_in_viewport()
