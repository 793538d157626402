"""An officer records a border crossing in Chromium: errors beside their fields, then saved."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from factories import PASSWORD, UserFactory, role
from umis.people.models import Person
from umis.stays.models import Crossing


@pytest.fixture
def officer(transactional_db: None) -> str:
    return UserFactory(username="border", role=role("front_desk")).username


@pytest.fixture
def traveller(transactional_db: None) -> Person:
    return Person.objects.create(number="P000000042", sex="M")


def test_an_officer_corrects_the_form_and_records_an_entry(
    page: Page, live_server: LiveServer, officer: str, traveller: Person
) -> None:
    page.context.add_cookies([{"name": "umis_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/accounts/login/?next=/stays/crossings/new")
    page.locator("input[name=username]").fill(officer)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/stays/crossings/new")

    page.locator("input[name=direction][value=entry]").check()
    page.locator("select[name=point]").select_option("GYD")
    page.locator("input[name=document_number]").fill("751234567")
    page.locator("select[name=nationality]").select_option("RUS")
    page.locator("#crossing-form button[type=submit]").click()
    expect(page.locator(".field.has-error")).to_contain_text(
        "Give the person number, or the traveller's surname."
    )
    assert not Crossing.objects.exists()

    page.locator("input[name=person_number]").fill(traveller.number)
    page.locator("#crossing-form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(f"Entry of person {traveller.number}")
    assert Crossing.objects.get().person_id == traveller.pk
