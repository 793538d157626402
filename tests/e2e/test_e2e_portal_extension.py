"""The whole path in Chromium: a foreigner applies for an extension of stay and pays; an
officer takes the case, asks the police, the police answer, the officer proposes a
refusal and a supervisor approves it."""

import re
from datetime import timedelta

from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from factories import PASSWORD, UserFactory, agency, role
from umis.core import clock
from umis.permits.models import Application, Status

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
APPLICANT_PASSWORD = "a long enough secret 42"


def english(browser: Browser, base_url: str) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "umis_language", "value": "en", "url": base_url}])
    return context


def officer_signs_in(context: BrowserContext, base_url: str, username: str) -> Page:
    page = context.new_page()
    page.goto(base_url + "/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.locator("h1")).to_be_visible()
    return page


def applicant_applies_and_pays(page: Page, base_url: str) -> str:
    page.goto(base_url + "/portal/register")
    page.locator("input[name=email]").fill("anna@example.org")
    page.locator("input[name=password]").fill(APPLICANT_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.locator("[data-service=stay_extension]").click()
    stay_ends = (clock.today() + timedelta(days=10)).isoformat()
    for name, value in {
        "surname": "Eriksson",
        "given_names": "Anna",
        "birth_date": "1974-08-12",
        "passport_number": "L898902C3",
        "passport_expires_on": "2034-01-01",
        "stay_ends_on": stay_ends,
        "reason": "Family visit",
    }.items():
        page.locator(f"[name=a-{name}]").fill(value)
    page.locator("[name=a-sex]").select_option("F")
    page.locator("[name=a-nationality]").select_option("SWE")
    page.locator("[name=a-requested_days]").select_option("30")
    page.locator("main button[type=submit]").click()
    expect(page.locator("#status")).to_have_attribute("data-status", "draft")
    for code in ("passport", "stay_document"):
        page.set_input_files(
            f"#doc-{code}",
            files=[{"name": f"{code}.pdf", "mimeType": "application/pdf", "buffer": PDF}],
        )
    page.locator("form[action$='/upload'] button[type=submit]").click()
    page.locator("#pay").click()
    page.locator("#bank-pay").click()
    expect(page.locator("#status")).to_have_attribute("data-status", "submitted")
    receipt = page.locator("[data-figure=receipt]").inner_text()
    assert re.fullmatch(r"SMS-\d{9}-\d{2}", receipt)
    return receipt


def test_extension_from_application_to_approved_refusal(
    browser: Browser, live_server: LiveServer
) -> None:
    base = live_server.url
    UserFactory(username="worker", role=role("case_worker"))
    UserFactory(username="boss", role=role("supervisor"))
    UserFactory(username="police", role=role("agency_liaison"), agency=agency("MIA"))

    foreigner = english(browser, base)
    receipt = applicant_applies_and_pays(foreigner.new_page(), base)

    officers = english(browser, base)
    worker = officer_signs_in(officers, base, "worker")
    worker.goto(base + "/permits/queue/new")
    worker.get_by_role("link", name=receipt).click()
    worker.locator("button[name=take]").click()
    worker.get_by_text("Request a clearance").click()
    worker.locator("#clearance-form select[name=clr-agency]").select_option(
        label="Ministry of Internal Affairs (police)"
    )
    worker.locator("#clearance-form textarea[name=clr-question]").fill("Any police record?")
    worker.locator("#clearance-form button[type=submit]").click()
    expect(worker.locator("[data-status]").first).to_have_attribute("data-status", "waiting_agency")
    case_url = worker.url

    police_context = english(browser, base)
    police = officer_signs_in(police_context, base, "police")
    police.goto(base + "/permits/clearances")
    police.get_by_role("link", name=receipt).click()
    police.locator("input[name=answer][value=no]").check()
    police.locator("textarea[name=note]").fill("Fined twice for overstaying")
    police.locator("main button[type=submit]").click()
    expect(police.get_by_text("Nothing waits for your answer.")).to_be_visible()

    worker.goto(case_url)
    expect(worker.locator("[data-clearance=MIA]")).to_have_text("objection")
    worker.get_by_text("Decide", exact=True).click()
    worker.locator("#decision-form input[name=dec-outcome][value=refuse]").check()
    worker.locator("#decision-form input[value=late_application]").check()
    worker.locator("#decision-form textarea[name=dec-reasons]").fill(
        "Police objection; applied late."
    )
    worker.locator("#decision-form button[type=submit]").click()
    expect(worker.locator("[data-status]").first).to_have_attribute(
        "data-status", "refusal_proposed"
    )

    supervisors = english(browser, base)
    boss = officer_signs_in(supervisors, base, "boss")
    boss.goto(base + "/permits/queue/approval")
    boss.get_by_role("link", name=receipt).click()
    boss.locator("button[name=approve]").click()
    expect(boss.locator("[data-status]").first).to_have_attribute("data-status", "refused")
    expect(boss.locator("[data-action=refuse]")).to_be_visible()

    application = Application.objects.get()
    assert application.status == Status.REFUSED
    assert [a.kind for a in application.actions.all()] == [
        "create",
        "submit",
        "assign",
        "request_clearance",
        "receive_clearance",
        "propose_decision",
        "refuse",
    ]
    for context in (foreigner, officers, police_context, supervisors):
        context.close()
