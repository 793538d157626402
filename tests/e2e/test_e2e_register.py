"""Registering a person in Chromium: the MRZ reader, possible duplicates, the safety net.

The form works with htmx (fields fill as the MRZ is pasted, candidates appear
as names are typed) and without JavaScript (the buttons do the same).
"""

import re
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from factories import PASSWORD, UserFactory, role
from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.people.inputs import NameInput, PersonInput
from umis.people.models import Person
from umis.people.names.mrz import build_td3
from umis.people.services import person_register

PROFILE_URL = re.compile(r"/people/(P\d+)/\?purpose=registration$")
PASSPORT_MRZ = build_td3(
    surname="PETROV",
    given_names="SERGEI",
    document_number="751234567",
    issuing_state="RUS",
    nationality="RUS",
    birth_date=date(1979, 11, 2),
    sex="M",
    expiry_date=date(2030, 1, 15),
)


@pytest.fixture
def front_desk(transactional_db: None) -> str:
    """A front-desk officer of the migration service; returns the user name."""
    return UserFactory(username="desk", role=role("front_desk")).username


@pytest.fixture
def petrov(transactional_db: None) -> Person:
    """Sergei Petrov, born 2 November 1979, already in the registry."""
    return person_register(
        actor=Actor.system("tests"),
        data=PersonInput(
            sex="M",
            names=[NameInput("PETROV", "SERGEI")],
            birth_date=PartialDate(1979, 11, 2),
            citizenships=["RUS"],
        ),
    )


def open_register_form(page: Page, live_server: LiveServer, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next=/people/new")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/people/new")


def expect_filled_from_the_mrz(page: Page) -> None:
    for name, value in {
        "surname": "PETROV",
        "given_names": "SERGEI",
        "sex": "M",
        "birth_date": "1979-11-02",
        "document_kind": "passport",
        "document_number": "751234567",
        "document_issuing_state": "RUS",
        "document_expires_on": "2030-01-15",
        "citizenship_status": "citizen",
        "citizenship": "RUS",
    }.items():
        expect(page.locator(f"#register-form [name={name}]")).to_have_value(value)


def register(page: Page) -> None:
    page.locator("#register-form button.primary[value=save]").click()


def test_pasting_an_mrz_fills_the_form_and_registering_opens_the_new_profile(
    page: Page, live_server: LiveServer, front_desk: str
) -> None:
    # given the officer on the register form
    open_register_form(page, live_server, front_desk)
    expect(page.locator("#candidates li")).to_have_count(0)

    # when they paste a passport's MRZ, the fields fill without a button press
    page.locator("#register-form textarea[name=mrz]").fill(PASSPORT_MRZ)
    expect_filled_from_the_mrz(page)
    expect(page.locator("#register-form .field-error")).to_have_count(0)

    # and when they register, the new person's profile opens with the number
    register(page)
    expect(page).to_have_url(PROFILE_URL)
    number = PROFILE_URL.search(page.url).group(1)  # type: ignore[union-attr]
    person = Person.objects.get(number=number)
    expect(page.locator(".person-number strong")).to_have_text(person.number_display)
    assert [str(name) for name in person.names.all()] == ["PETROV SERGEI"]
    assert person.documents.get().number == "751234567"


@pytest.fixture
def page_without_javascript(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, locale="az-AZ")
    yield context.new_page()
    context.close()


def test_without_javascript_the_read_mrz_button_fills_the_form(
    page_without_javascript: Page, live_server: LiveServer, front_desk: str
) -> None:
    page = page_without_javascript
    open_register_form(page, live_server, front_desk)

    page.locator("#register-form textarea[name=mrz]").fill(PASSPORT_MRZ)
    expect(page.locator("#register-form [name=surname]")).to_have_value("")
    page.locator("#register-form button[value=read_mrz]").click()

    expect_filled_from_the_mrz(page)
    register(page)
    expect(page).to_have_url(PROFILE_URL)


def test_a_likely_duplicate_is_shown_while_typing_and_the_officer_must_choose(
    page: Page, live_server: LiveServer, front_desk: str, petrov: Person
) -> None:
    # given Sergei Petrov is registered, and the officer starts typing the same man
    open_register_form(page, live_server, front_desk)
    page.locator("#register-form [name=surname]").press_sequentially("Petrov")
    page.locator("#register-form [name=given_names]").press_sequentially("Sergei")
    page.locator("#register-form [name=birth_date]").press_sequentially("1979-11-02")

    # then the possible-duplicates panel lists him, marked very similar, with a link
    candidate = page.locator("#candidates li").filter(has_text=petrov.number_display)
    expect(candidate).to_have_class("likely")
    expect(candidate.locator("a")).to_have_attribute(
        "href", f"/people/{petrov.number}/?purpose=registration"
    )

    # when the officer registers all the same
    page.locator("#register-form [name=sex]").select_option("M")
    page.locator("#register-form [name=citizenship]").select_option("RUS")
    register(page)

    # then the matcher shows him as already registered, with the evidence, and nothing is saved
    matches = page.locator("#matches")
    expect(matches.locator(f"input[value={petrov.number}]")).to_be_visible()
    expect(matches.locator("table.evidence tr.agrees").first).to_be_visible()
    expect(page.locator("#id_same_person_error")).to_be_visible()
    assert Person.objects.count() == 1

    # and once the officer says it is someone else, the second person is registered
    matches.locator("input[value=new]").check()
    register(page)
    expect(page).to_have_url(PROFILE_URL)
    assert PROFILE_URL.search(page.url).group(1) != petrov.number  # type: ignore[union-attr]
    assert Person.objects.count() == 2


def test_the_officer_adds_a_renewed_passport_to_the_person_already_registered(
    page: Page, live_server: LiveServer, front_desk: str, petrov: Person
) -> None:
    # given Sergei Petrov is registered without a passport, and the officer pastes his MRZ
    open_register_form(page, live_server, front_desk)
    page.locator("#register-form textarea[name=mrz]").fill(PASSPORT_MRZ)
    expect_filled_from_the_mrz(page)

    # when they register, the matcher offers Petrov; they choose him
    register(page)
    page.locator(f"#matches input[value={petrov.number}]").check()
    register(page)

    # then Petrov's profile opens, with the passport, and no one new is registered
    expect(page).to_have_url(f"{live_server.url}/people/{petrov.number}/?purpose=registration")
    expect(page.locator("main")).to_contain_text("751234567")
    assert Person.objects.count() == 1
    assert petrov.documents.get().number == "751234567"


def test_the_panel_finds_an_existing_person_typed_in_cyrillic(
    page: Page, live_server: LiveServer, front_desk: str, petrov: Person
) -> None:
    open_register_form(page, live_server, front_desk)

    page.locator("#register-form [name=original_surname]").press_sequentially("Петров")
    page.locator("#register-form [name=original_given_names]").press_sequentially("Сергей")

    expect(page.locator("#candidates li")).to_have_count(1)
    expect(page.locator("#candidates li a")).to_have_text(petrov.number_display)
