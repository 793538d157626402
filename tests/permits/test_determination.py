"""Determination of status: a grant writes what was found into the person registry."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext as _
from permit_factories import (
    actor,
    applicant,
    attach_all,
    draft,
    officer,
    person_answers,
    submitted,
)

from factories import PASSWORD
from umis.audit.models import AuditEvent
from umis.core.errors import NotAllowed, ValidationFailed
from umis.people import services as people_services
from umis.people.models import Person
from umis.permits.models import Application, Decision, Status
from umis.permits.services import cases, decisions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_march")]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Services speak the active language; these tests read English."""
    with translation.override("en"):
        yield


def status_case(**overrides: Any) -> Application:
    """A submitted determination of status from someone with no passport."""
    answers = person_answers(
        nationality="XXA",
        passport_number="",
        passport_expires_on="",
        address="Bakı, Nizami 10",
        circumstances="I was born in Baku and have never had a passport.",
    )
    user = applicant()
    application = draft(user, "status_determination", answers | overrides)
    attach_all(user, application)
    return cases.application_submit(actor=actor(user), application=application)


def registry_of(application: Application) -> tuple[str, list[str], str]:
    person = Person.objects.get(pk=application.person_id)
    countries = sorted(person.citizenships.values_list("country_id", flat=True))
    return person.citizenship_status, countries, person.status_summary


def person_updates(application: Application) -> list[dict[str, Any]]:
    return [
        event.extra
        for event in AuditEvent.objects.filter(
            event_type="people.person_updated", subject_id=str(application.person_id)
        )
    ]


def decide(application: Application, outcome: str, **fields: str) -> Decision:
    """A case worker's decision on the ground that fits the outcome; ``fields`` are the
    other arguments of ``decision_make`` (reasons, determined_status, determined_country)."""
    return decisions.decision_make(
        actor=actor(officer()),
        application=application,
        outcome=outcome,
        grounds=["requirements_met" if outcome == "grant" else "false_information"],
        **({"reasons": "Born in Baku; no state recognises him."} | fields),
    )


def grant(application: Application, status: str, country: str = "") -> Decision:
    return decide(application, "grant", determined_status=status, determined_country=country)


def test_found_stateless_the_registry_says_so_with_the_decision() -> None:
    # given a person of undetermined citizenship asking for a determination
    case = status_case()
    assert registry_of(case) == ("undetermined", [], "")

    # when an officer grants it, finding the person stateless
    decision = grant(case, "stateless")

    # then the decision, the case and the registry say so, and the audit trail has both sides
    case.refresh_from_db()
    assert (case.status, decision.determined_status, decision.determined_country) == (
        Status.GRANTED,
        "stateless",
        None,
    )
    status, countries, summary = registry_of(case)
    assert (status, countries) == ("stateless", [])
    # in the registry's official language, whoever decided
    facts = {"date": "2026-03-02", "receipt": case.receipt_display}
    with translation.override("az"):
        assert summary == _("Stateless: status determined on %(date)s (%(receipt)s)") % facts
        reason = _("Determination of status, application %(receipt)s") % facts
    (update,) = person_updates(case)
    assert update["before"] == {
        "citizenship_status": "undetermined",
        "citizenships": [],
        "status_summary": "",
    }
    assert update["after"] == {
        "citizenship_status": "stateless",
        "citizenships": [],
        "status_summary": summary,
    }
    assert update["reason"] == reason
    assert case.actions.get(kind="approve").data["determined"] == "stateless"


def test_a_determined_citizenship_replaces_the_one_claimed() -> None:
    # given someone registered as a Russian citizen whose citizenship was uncertain
    case = status_case(nationality="RUS")
    assert registry_of(case)[:2] == ("citizen", ["RUS"])

    # when the officer finds them a citizen of Georgia
    grant(case, "citizen", "geo")

    # then the registry holds Georgia only
    status, countries, summary = registry_of(case)
    assert (status, countries) == ("citizen", ["GEO"])
    facts = {"country": "GEO", "date": "2026-03-02", "receipt": case.receipt_display}
    with translation.override("az"):
        expected = _("Citizen of %(country)s: status determined on %(date)s (%(receipt)s)")
    assert summary == expected % facts
    (update,) = person_updates(case)
    assert update["before"]["citizenships"] == ["RUS"]
    assert update["after"]["citizenships"] == ["GEO"]
    citizenship = Person.objects.get(pk=case.person_id).citizenships.get()
    assert citizenship.source == f"permits:{case.receipt_number}"


# (field, how its message begins)
NO_FINDING = ("determined_status", "Say what was determined")
NO_STATE = ("determined_country", "Choose the state whose citizenship")


@pytest.mark.parametrize(
    ("outcome", "status", "country", "refusal"),
    [
        ("grant", "", "", NO_FINDING),
        ("grant", "refugee", "", NO_FINDING),
        ("grant", "citizen", "", NO_STATE),
        ("grant", "citizen", "XXA", NO_STATE),
        ("grant", "citizen", "ZZZ", NO_STATE),
        ("grant", "stateless", "GEO", ("determined_country", "A stateless person has no")),
        ("refuse", "stateless", "", ("determined_status", "Only granting a determination")),
    ],
)
def test_a_finding_that_does_not_fit_is_refused_and_nothing_changes(
    outcome: str, status: str, country: str, refusal: tuple[str, str]
) -> None:
    field, message = refusal
    case = status_case()
    events_before = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        decide(case, outcome, determined_status=status, determined_country=country)
    assert list(refused.value.errors) == [field]
    assert refused.value.errors[field][0].startswith(message)
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED
    assert not Decision.objects.filter(application=case).exists()
    assert registry_of(case) == ("undetermined", [], "")
    assert AuditEvent.objects.count() == events_before


def test_other_services_record_no_determined_status() -> None:
    case = submitted("stay_extension")
    with pytest.raises(ValidationFailed) as refused:
        grant(case, "stateless")
    assert list(refused.value.errors) == ["determined_status"]


def test_an_approved_refusal_leaves_the_registry_alone() -> None:
    case = status_case()
    decide(case, "refuse", reasons="The birth certificate is not genuine.")
    decisions.refusal_approve(actor=actor(officer("supervisor")), application=case)
    case.refresh_from_db()
    assert case.status == Status.REFUSED
    assert registry_of(case) == ("undetermined", [], "")
    assert person_updates(case) == []


@pytest.fixture
def case_worker(english_client: Client) -> Client:
    """A case worker's browser, in English."""
    assert english_client.login(username=officer().username, password=PASSWORD)
    return english_client


def test_the_officer_records_the_finding_on_the_case_screen(case_worker: Client) -> None:
    case = status_case()
    form = {
        "dec-outcome": "grant",
        "dec-grounds": ["requirements_met"],
        "dec-reasons": "",
        "dec-determined_status": "citizen",
    }
    page = case_worker.get(f"/permits/cases/{case.pk}").content.decode()
    assert 'name="dec-determined_status"' in page
    assert 'name="dec-determined_country"' in page
    missing = case_worker.post(f"/permits/cases/{case.pk}/decide", form)
    assert missing.status_code == 400
    assert "Choose the state whose citizenship was determined." in missing.content.decode()
    assert registry_of(case) == ("undetermined", [], "")
    done = case_worker.post(
        f"/permits/cases/{case.pk}/decide", form | {"dec-determined_country": "GEO"}
    )
    assert done.status_code == 302
    page = case_worker.get(f"/permits/cases/{case.pk}").content.decode()
    assert '<strong data-figure="determined">citizen of Georgia (GEO)</strong>' in page
    assert registry_of(case)[:2] == ("citizen", ["GEO"])
    letter = case_worker.get(f"/permits/cases/{case.pk}/letter.pdf")
    assert letter.content.startswith(b"%PDF")


def test_other_services_have_no_determination_fields(case_worker: Client) -> None:
    case = submitted("stay_extension")
    page = case_worker.get(f"/permits/cases/{case.pk}").content.decode()
    assert "dec-determined_status" not in page


def test_only_officers_who_edit_the_registry_record_a_citizenship() -> None:
    case = status_case()
    person = Person.objects.get(pk=case.person_id)
    with pytest.raises(NotAllowed):
        people_services.person_citizenship_determine(
            actor=actor(case.applicant),
            person=person,
            status="stateless",
            countries=[],
            summary="Stateless",
            reason="I say so",
        )
    with pytest.raises(ValidationFailed) as refused:
        people_services.person_citizenship_determine(
            actor=actor(officer()),
            person=person,
            status="stateless",
            countries=[],
            summary="Stateless",
            reason=" ",
        )
    assert list(refused.value.errors) == ["reason"]
    assert registry_of(case) == ("undetermined", [], "")
