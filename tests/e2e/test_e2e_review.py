"""The duplicate review screen in Chromium: a case worker compares, decides and merges,
and the supervisor's colleague undoes it."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from umis.accounts.models import Agency, Role, User
from umis.accounts.services import officer_create
from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.identity.engine.scoring import Evidence
from umis.identity.models import CandidatePair
from umis.identity.services import Proposal, pairs_propose
from umis.people.inputs import DocumentInput, NameInput, PersonInput
from umis.people.models import Person
from umis.people.services import person_register

SYSTEM = Actor.system("e2e")
PASSWORD = "Review-e2e-Password-2026"


def _person(surname: str, given: str, born: str, document: str) -> Person:
    return person_register(
        actor=SYSTEM,
        data=PersonInput(
            sex="M",
            names=[NameInput(surname, given)],
            birth_date=PartialDate.parse(born),
            citizenships=["AZE"],
            documents=[DocumentInput("passport", document, "AZE")],
        ),
    )


@pytest.fixture
def case_worker(transactional_db: None) -> User:
    user, _ = officer_create(
        actor=SYSTEM, username="reviewer", first_name="Aysel", last_name="Məmmədova",
        agency=Agency.objects.get(code="SMS"), role=Role.objects.get(code="case_worker"),
    )  # fmt: skip
    user.set_password(PASSWORD)
    user.must_change_password = False
    user.preferred_language = "en"  # signing in sets the language cookie to it
    user.save()
    return user


@pytest.fixture
def pair(transactional_db: None) -> CandidatePair:
    first = _person("MAMMADOV", "ALI", "1980-05-12", "C01234567")
    second = _person("Мамедов", "Али", "1980-05-00", "C07654321")
    evidence = [
        Evidence("surname", "same spelling or romanisation", 9.9),
        Evidence("given_names", "same spelling or romanisation", 10.1),
        Evidence("date_of_birth", "same as far as known", 6.5),
        Evidence("document", "different", -1.0),
    ]
    pairs_propose(
        actor=SYSTEM, proposals=[Proposal(first.pk, second.pk, 0.9991, evidence)], found_by="scan"
    )
    return CandidatePair.objects.get()


def test_a_case_worker_reviews_decides_merges_and_undoes(
    page: Page, live_server: LiveServer, case_worker: User, pair: CandidatePair
) -> None:
    base = live_server.url
    page.context.add_cookies([{"name": "umis_language", "value": "en", "url": base}])
    page.goto(base + "/accounts/login/")
    page.locator("input[name=username]").fill("reviewer")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()

    page.goto(base + "/identity/")
    expect(page.locator("table.review-queue tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Review", exact=True).click()

    # Side by side: both records, in their own scripts, and the evidence in words.
    sides = page.locator(".side-by-side section.side")
    expect(sides).to_have_count(2)
    expect(sides.nth(0)).to_contain_text("MAMMADOV ALI")
    expect(sides.nth(1)).to_contain_text("Мамедов Али")
    expect(page.locator("table.evidence")).to_contain_text(
        "same name, in any script or romanisation"
    )
    expect(page.locator("table.evidence tr.disagrees")).to_contain_text("Travel document number")

    page.get_by_label("same person").check()
    page.get_by_label("Note").fill("Same photograph on both passports")
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator("#pair-status")).to_have_text("same person")

    page.locator(f"input[name=survivor][value='{pair.first_id}']").check()
    page.get_by_label("Why are these one person?").fill("Same photograph, same FIN")
    page.get_by_role("button", name="Merge", exact=True).click()
    expect(page.locator("#merge-status")).to_have_text("merged")
    assert Person.objects.get(pk=pair.second_id).merged_into_id == pair.first_id

    page.get_by_label("Why undo this merge?").fill("Brothers after all")
    page.get_by_role("button", name="Undo merge").click()
    expect(page.locator("#merge-status")).to_have_text("undone")
    assert Person.objects.get(pk=pair.second_id).merged_into_id is None
