"""The public stay calculator in Chromium: no sign-in, a plain form, the answer on the page."""

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer


def test_a_host_checks_a_guest_stay_without_signing_in(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/stays/calculator")
    page.locator("select[name=kind]").select_option("rolling")
    page.locator("input[name=max_days]").fill("90")
    page.locator("input[name=window_days]").fill("180")
    page.locator("textarea[name=stays]").fill("2026-01-01 2026-01-31\n2026-03-01")
    page.locator("input[name=on]").fill("2026-04-15")
    page.locator("main button[type=submit]").click()

    # 31 days in January and 46 from 1 March; day 90 falls on 28 April.
    expect(page.locator("[data-figure=days_used]")).to_have_text("77")
    expect(page.locator("[data-figure=overstay_days]")).to_have_text("0")
    expect(page.locator("[data-figure=last_legal_day]")).to_have_text("2026-04-28")
    expect(page.locator("#result li").first).to_be_visible()
