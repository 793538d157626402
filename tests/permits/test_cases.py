"""The case workflow through its services: each step, its history and its refusals."""

from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.utils import translation
from permit_factories import (
    actor,
    applicant,
    draft,
    extension_answers,
    granted,
    officer,
    organisation_user,
    submitted,
    trp_answers,
    work_answers,
)

from factories import MovableClock, agency
from umis.audit.models import AuditEvent
from umis.core.errors import NotAllowed, ValidationFailed
from umis.identity.models import Merge
from umis.people.models import Person
from umis.people.names.mrz import parse_mrz
from umis.permits.models import (
    RECEIPT_NUMBERS,
    Action,
    Application,
    LabourQuota,
    Permit,
    Status,
)
from umis.permits.services import cases, decisions
from umis.permits.services.cases import WrongState
from umis.permits.services.decisions import FourEyes
from umis.stays.models import StayExtension
from umis.stays.providers import residence_periods

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_march")]


def test_submission_gives_receipt_deadline_person_and_email(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted("stay_extension")
    assert RECEIPT_NUMBERS.is_valid(application.receipt_number or "")
    # Mon 2 March + 3 working days (standard extension track).
    assert application.deadline == date(2026, 3, 5)
    assert application.status == Status.SUBMITTED
    assert application.person is not None
    assert [a.kind for a in application.actions.all()] == ["create", "submit"]
    assert len(mail.outbox) == 1
    assert application.receipt_display in mail.outbox[0].subject


def test_same_passport_links_the_same_person() -> None:
    answers = extension_answers(passport_number="C1234567")
    first = submitted("stay_extension", answers)
    second = submitted("stay_extension", answers)
    assert first.person_id == second.person_id
    assert Person.objects.count() == 1


def test_submission_refused_while_documents_are_missing() -> None:
    user = applicant()
    application = draft(user, "stay_extension", extension_answers())
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        cases.application_submit(actor=actor(user), application=application)
    assert "Copy of the passport" in str(refused.value.errors["documents"])
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    assert application.receipt_number is None


def test_bad_answers_are_refused_per_question() -> None:
    user = applicant()
    with pytest.raises(ValidationFailed) as refused:
        draft(
            user,
            "stay_extension",
            extension_answers(stay_ends_on="2026-03-03", birth_date="2030-01-01", sex="Q"),
        )
    errors = refused.value.errors
    assert set(errors) == {"sex"}  # a field error stops before the rules across fields
    with pytest.raises(ValidationFailed) as refused:
        draft(
            user,
            "stay_extension",
            extension_answers(stay_ends_on="2026-03-03", birth_date="2030-01-01"),
        )
    assert set(refused.value.errors) == {"stay_ends_on", "birth_date"}
    assert not Application.objects.exists()


def test_minor_pays_half_for_an_extension() -> None:
    user = applicant()
    adult = draft(user, "stay_extension", extension_answers(requested_days="60"))
    minor = draft(
        user, "stay_extension", extension_answers(requested_days="60", birth_date="2015-01-01")
    )
    assert (adult.fee_amount, minor.fee_amount) == (60, 30)


def test_information_request_pauses_the_deadline(clock: MovableClock) -> None:
    application = submitted("stay_extension")
    worker = officer()
    cases.application_assign(actor=actor(worker), application=application, officer=worker)
    clock.advance(days=1)  # Tue 3
    cases.information_request(actor=actor(worker), application=application, note="Bring a letter")
    clock.advance(days=6)  # Mon 9
    cases.information_answer(
        actor=actor(application.applicant), application=application, note="Here"
    )
    application.refresh_from_db()
    # Tue 3 used; Wed 4 to Mon 9 given back; the two days left are Tue 10 and Wed 11.
    assert application.deadline == date(2026, 3, 11)
    assert application.status == Status.IN_REVIEW
    assert application.paused_on is None


def test_clearance_answered_only_by_the_agency_asked() -> None:
    application = submitted("stay_extension")
    worker = officer()
    clearance = decisions.clearance_request(
        actor=actor(worker), application=application, agency=agency("MIA"), question="Any record?"
    )
    assert clearance.due_on == date(2026, 3, 9)  # five working days after Mon 2
    security = officer("agency_liaison", "SSS")
    with pytest.raises(NotAllowed):
        decisions.clearance_answer(
            actor=actor(security), clearance=clearance, answer="yes", note=""
        )
    police = officer("agency_liaison", "MIA")
    with pytest.raises(ValidationFailed):
        decisions.clearance_answer(actor=actor(police), clearance=clearance, answer="no", note="")
    decisions.clearance_answer(actor=actor(police), clearance=clearance, answer="yes", note="Clean")
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert [a.kind for a in application.actions.all()][-2:] == [
        "request_clearance",
        "receive_clearance",
    ]


def test_refusal_needs_a_second_pair_of_eyes() -> None:
    application = submitted("stay_extension")
    boss = officer("supervisor")
    decisions.decision_make(
        actor=actor(boss),
        application=application,
        outcome="refuse",
        grounds=["late_application"],
        reasons="Too late",
    )
    application.refresh_from_db()
    assert application.status == Status.REFUSAL_PROPOSED
    with pytest.raises(FourEyes):
        decisions.refusal_approve(actor=actor(boss), application=application)
    with pytest.raises(NotAllowed):
        decisions.refusal_approve(actor=actor(officer()), application=application)
    application.refresh_from_db()
    assert application.status == Status.REFUSAL_PROPOSED
    decisions.refusal_approve(actor=actor(officer("supervisor")), application=application)
    application.refresh_from_db()
    assert application.status == Status.REFUSED
    assert AuditEvent.objects.filter(event_type="permits.application_refused").count() == 1


def test_a_refused_application_is_worded_apart_from_a_refused_merge() -> None:
    for language, application, merge in (("az", "imtina edilib", "rədd edilib"),
                                          ("ru", "отказано", "отклонено")):  # fmt: skip
        with translation.override(language):
            assert str(Status.REFUSED.label) == application
            assert str(Action.Kind.REFUSE.label) == application
            assert str(Merge.Status.REFUSED.label) == merge


def test_decision_grounds_must_fit_the_outcome() -> None:
    application = submitted("stay_extension")
    with pytest.raises(ValidationFailed) as refused:
        decisions.decision_make(
            actor=actor(officer()),
            application=application,
            outcome="refuse",
            grounds=["requirements_met"],
            reasons="x",
        )
    assert "grounds" in refused.value.errors
    with pytest.raises(ValidationFailed):
        decisions.decision_make(
            actor=actor(officer()),
            application=application,
            outcome="refuse",
            grounds=["entry_ban"],
            reasons=" ",
        )


def test_granted_extension_feeds_the_stay_engine() -> None:
    application = submitted("stay_extension")
    decisions.decision_make(
        actor=actor(officer()),
        application=application,
        outcome="grant",
        grounds=["requirements_met"],
        reasons="",
    )
    application.refresh_from_db()
    assert application.status == Status.ISSUED
    permit = Permit.objects.get(application=application)
    assert (permit.kind, permit.valid_from, permit.valid_to) == (
        "EXT",
        date(2026, 3, 21),
        date(2026, 4, 19),
    )
    extension = StayExtension.objects.get(source_ref=permit.number)
    assert (extension.valid_from, extension.valid_to) == (permit.valid_from, permit.valid_to)


def test_granted_trp_has_fin_card_mrz_and_residence_period() -> None:
    application = submitted("trp", trp_answers(surname="Məmmədov", given_names="Əli"))
    permit = granted(application)
    assert (permit.valid_from, permit.valid_to) == (date(2026, 3, 2), date(2027, 3, 1))
    assert len(permit.fin) == 7
    mrz = parse_mrz(permit.card_mrz)
    assert mrz.surname == "MAMMADOV"
    assert [p.valid_to for p in residence_periods([permit.person_id])] == [date(2027, 3, 1)]


def test_closed_case_cannot_be_decided_again() -> None:
    application = submitted("stay_extension")
    cases.application_withdraw(actor=actor(application.applicant), application=application)
    with pytest.raises(WrongState):
        decisions.decision_make(
            actor=actor(officer()),
            application=application,
            outcome="grant",
            grounds=["requirements_met"],
            reasons="",
        )


def test_work_permits_consume_the_quota_unless_exempt() -> None:
    LabourQuota.objects.filter(year=2026).update(total=1)
    employer = organisation_user()
    worker = officer()
    first = submitted("work_permit", work_answers(), user=employer)
    decisions.decision_make(
        actor=actor(worker), application=first, outcome="grant", grounds=["work_ground"], reasons=""
    )
    second = submitted("work_permit", work_answers(), user=employer)
    with pytest.raises(ValidationFailed) as refused:
        decisions.decision_make(
            actor=actor(worker),
            application=second,
            outcome="grant",
            grounds=["work_ground"],
            reasons="",
        )
    assert "quota" in refused.value.errors
    second.refresh_from_db()
    assert second.status == Status.SUBMITTED
    assert not Permit.objects.filter(application=second).exists()
    exempt = submitted("work_permit", work_answers(quota_exemption="alat_fez"), user=employer)
    decisions.decision_make(
        actor=actor(worker),
        application=exempt,
        outcome="grant",
        grounds=["work_ground"],
        reasons="",
    )
    assert Permit.objects.get(application=exempt).conditions["position"] == "Engineer"
