"""An application that names no registered passport is resolved by the interactive matcher."""

from pathlib import Path

import pytest
from permit_factories import (
    actor,
    applicant,
    attach_all,
    draft,
    extension_answers,
    submitted,
    trp_answers,
)
from pytest_django.fixtures import Settings

from umis.audit.models import AuditEvent
from umis.core.errors import ValidationFailed
from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.identity.models import CandidatePair
from umis.people.inputs import DocumentInput, NameInput, PersonInput
from umis.people.models import Person
from umis.people.services import person_register
from umis.permits.models import Application, Payment
from umis.permits.services import cases, payments

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_march")]


@pytest.fixture(autouse=True)
def own_data_dir(settings: Settings, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # the shipped model


def known(surname: str, given: str, born: str, document: str = "") -> Person:
    return person_register(
        actor=Actor.system("tests"),
        data=PersonInput(
            sex="M",
            names=[NameInput(surname, given)],
            birth_date=PartialDate.parse(born),
            citizenships=["RUS"],
            documents=[DocumentInput("passport", document, "RUS")] if document else [],
        ),
    )


def test_an_applicant_registered_without_a_passport_is_linked_not_registered_again() -> None:
    # given Ivan Ivanov came through the border and was registered from the crossing alone
    ivanov = known("IVANOV", "IVAN", "1990-05-17")

    # when he applies for an extension with his passport
    application = submitted("stay_extension", extension_answers(passport_number="751112233"))

    # then the application is his, and no second record is made
    assert application.person_id == ivanov.pk
    assert Person.objects.count() == 1
    assert not CandidatePair.objects.exists()
    # and the matcher's link is recorded as the applicant's, with its probability
    (link,) = AuditEvent.objects.filter(event_type="identity.entry_linked")
    assert (link.actor_user_id, link.subject_id) == (application.applicant_id, str(ivanov.pk))
    assert link.extra["probability"] >= 0.99


def test_an_applicant_who_may_be_a_registered_namesake_is_registered_and_queued() -> None:
    # given two registered Ivan Ivanovs born in May 1990, each with a passport
    first = known("IVANOV", "IVAN", "1990-05-00", document="750000001")
    second = known("IVANOV", "IVAN", "1990-05-00", document="750000002")

    # when a third Ivan Ivanov, born 17 May 1990, applies with another passport
    application = submitted("stay_extension", extension_answers(passport_number="751112233"))

    # then he is registered, and the possible matches wait for an officer
    assert application.person_id not in {first.pk, second.pk}
    assert Person.objects.count() == 3
    pairs = CandidatePair.objects.order_by("first_id")
    assert [(p.first_id, p.second_id, p.status) for p in pairs] == [
        (first.pk, application.person_id, "open"),
        (second.pk, application.person_id, "open"),
    ]
    assert {p.found_by for p in pairs} == {"point_of_entry"}


def test_a_stranger_applying_is_registered() -> None:
    known("PETROV", "SERGEI", "1979-11-02", document="750000001")

    application = submitted("stay_extension", extension_answers(passport_number="751112233"))

    assert Person.objects.count() == 2
    assert application.person is not None
    assert str(application.person.primary_name) == "Ivanov Ivan"
    assert not CandidatePair.objects.exists()


def test_a_registered_passport_is_the_applicants_record_when_birth_and_sex_agree() -> None:
    holder = known("IVANOV", "IVAN", "1990-05-00", document="751112233")

    application = submitted("stay_extension", extension_answers(passport_number="751112233"))

    assert application.person_id == holder.pk
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    "answers",
    [{"birth_date": "1991-05-17"}, {"sex": "F", "given_names": "Irina"}],
    ids=["born on another day", "of the other sex"],
)
def test_a_passport_on_record_for_someone_else_refuses_the_answers_and_files_nothing(
    answers: dict[str, str],
) -> None:
    # given Ivan Ivanov's passport on record; someone else types its number
    known("IVANOV", "IVAN", "1990-05-17", document="751112233")
    user = applicant()
    events = AuditEvent.objects.count()

    with pytest.raises(ValidationFailed) as refused:
        draft(user, "stay_extension", extension_answers(passport_number="751 112 233", **answers))

    assert list(refused.value.errors) == ["passport_number"]
    assert (
        "on record with another date of birth or sex" in refused.value.errors["passport_number"][0]
    )
    assert "1990" not in str(refused.value.errors)  # what is on record is not shown
    assert not Application.objects.exists()
    assert (Person.objects.count(), AuditEvent.objects.count()) == (1, events)


def test_a_passport_recorded_for_someone_else_after_the_draft_refuses_the_submission() -> None:
    user = applicant()
    application = draft(user, "stay_extension", extension_answers(passport_number="751112233"))
    attach_all(user, application)
    known("IVANOV", "IVAN", "1961-01-30", document="751112233")

    with pytest.raises(ValidationFailed):
        cases.application_submit(actor=actor(user), application=application)

    application.refresh_from_db()
    assert (application.status, application.person_id) == ("draft", None)
    assert Person.objects.count() == 1


def test_a_fee_is_not_taken_for_answers_a_passport_on_record_contradicts() -> None:
    user = applicant()
    application = draft(user, "trp", trp_answers(passport_number="751112233"))
    attach_all(user, application)
    assert application.fee_amount > 0
    known("IVANOV", "IVAN", "1961-01-30", document="751112233")

    with pytest.raises(ValidationFailed):
        payments.payment_start(actor=actor(user), application=application)

    assert not Payment.objects.exists()
