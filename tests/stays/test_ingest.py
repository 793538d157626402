"""Crossings in bulk: idempotent on the source reference, bad records answered, good kept."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from pytest_django.fixtures import Settings
from stay_factories import person, registered

from factories import UserFactory, role
from umis.accounts.tokens import api_token_issue
from umis.audit.models import AuditEvent
from umis.core.errors import NotAllowed
from umis.core.permissions import Actor
from umis.identity.models import CandidatePair
from umis.people.models import Person
from umis.stays.ingest import crossings_ingest
from umis.stays.models import Crossing, StayStatus

pytestmark = pytest.mark.django_db


def _border() -> Actor:
    return Actor(
        None, "border", "SBS", "agency_liaison", frozenset({"stays.record", "people.register"})
    )


def _record(ref: str, number: str, **extra: Any) -> dict[str, Any]:
    return {
        "source_ref": ref,
        "direction": "entry",
        "at": "2026-03-01T10:00:00+04:00",
        "person": number,
        "point": "GYD",
        "nationality": "RUS",
        **extra,
    }


def test_sending_a_batch_twice_records_it_once() -> None:
    who = person()
    batch = [
        _record("A1", who.number),
        _record("A2", who.number, direction="exit", at="2026-03-05T10:00:00+04:00"),
    ]
    first = crossings_ingest(actor=_border(), records=batch)
    second = crossings_ingest(actor=_border(), records=batch)
    assert (first.accepted, first.duplicates) == (2, 0)
    assert (second.accepted, second.duplicates) == (0, 2)
    assert Crossing.objects.count() == 2


def test_bad_records_are_answered_and_good_ones_kept() -> None:
    who = person()
    batch = [
        _record("B1", who.number),
        _record("B2", who.number, direction="sideways"),
        _record("B3", who.number, at="2026-03-01 10:00"),
        _record("B4", who.number, point="NOWHERE"),
        _record("B5", "P999999999"),
        _record("B6", who.number, direction="exit", at="2026-03-03T10:00:00+04:00"),
    ]
    with translation.override("en"):
        result = crossings_ingest(actor=_border(), records=batch)
    assert result.accepted == 2
    assert [(r["index"], r["source_ref"]) for r in result.rejected] == [
        (1, "B2"),
        (2, "B3"),
        (3, "B4"),
        (4, "B5"),
    ]
    assert "direction" in result.rejected[0]["reason"]
    assert "time zone" in result.rejected[1]["reason"]
    assert "NOWHERE" in result.rejected[2]["reason"]
    assert set(Crossing.objects.values_list("source_ref", flat=True)) == {"B1", "B6"}


def test_unknown_traveller_is_registered_once_through_the_registry() -> None:
    traveller = {"surname": "IVANOV", "given_names": "IVAN", "sex": "M", "birth_date": "1980-01-02"}
    batch = [
        _record("C1", "", person=None, traveller=traveller, document_number="750000001"),
        _record("C2", "", person=None, traveller=traveller, document_number="750000001",
                direction="exit", at="2026-03-04T10:00:00+04:00"),
    ]  # fmt: skip
    result = crossings_ingest(actor=_border(), records=batch)
    assert (result.accepted, result.persons_registered) == (2, 1)
    assert Person.objects.count() == 1
    again = crossings_ingest(
        actor=_border(),
        records=[_record("C3", "", person=None, traveller=traveller, document_number="750000001")],
    )
    assert again.persons_registered == 0
    assert set(Crossing.objects.values_list("person_id", flat=True)) == {Person.objects.get().pk}


def test_refused_actor_changes_nothing() -> None:
    who = person()
    nobody = Actor(None, "x", "SBS", "analyst", frozenset({"stays.view"}))
    with pytest.raises(NotAllowed):
        crossings_ingest(actor=nobody, records=[_record("D1", who.number)])
    assert Crossing.objects.count() == 0
    assert not AuditEvent.objects.filter(event_type="stays.crossings_ingested").exists()


@pytest.mark.django_db(transaction=True)
def test_api_batch_refreshes_status_on_commit(client: Client) -> None:
    who = person()
    user = UserFactory(role=role("agency_liaison"))
    token = api_token_issue(actor=Actor.system("tests"), user=user, name="border")
    body = {"records": [_record("E1", who.number), _record("E2", who.number, direction="sideways")]}
    response = client.post(
        "/api/v1/stays/crossings/batch",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200, response.content
    answer = response.json()
    assert (answer["accepted"], len(answer["rejected"])) == (1, 1)
    status = StayStatus.objects.get(person=who)
    assert status.present is True
    assert status.stay_entry.isoformat() == "2026-03-01"


def test_a_nul_character_refuses_its_record_only() -> None:
    who = person()
    batch = [_record("N1", who.number), _record("N2\x00", who.number), _record("N3", who.number,
             purpose="tour\x00ism")]  # fmt: skip
    with translation.override("en"):
        result = crossings_ingest(actor=_border(), records=batch)
    assert result.accepted == 1
    assert [r["index"] for r in result.rejected] == [1, 2]
    assert "NUL" in result.rejected[1]["reason"]
    assert set(Crossing.objects.values_list("source_ref", flat=True)) == {"N1"}


def test_a_merged_persons_number_records_the_crossing_for_the_survivor() -> None:
    survivor, absorbed = person(), person()
    Person.objects.filter(pk=absorbed.pk).update(merged_into=survivor)
    result = crossings_ingest(actor=_border(), records=[_record("M1", absorbed.number)])
    assert result.accepted == 1
    assert Crossing.objects.get().person_id == survivor.pk


def test_travellers_are_linked_or_registered_for_review_through_the_matcher(
    settings: Settings, tmp_path: Path
) -> None:
    settings.DATA_DIR = tmp_path  # the shipped matching model
    sure = registered("PETROV", "PYOTR", born="1979-04-02", document="751234567")
    first = registered("IVANOV", "YURIY", born="1975-03-14", document="700000001")
    second = registered("IVANOV", "IURII", born="1975-08-01")
    petrov = {"surname": "ПЕТРОВ", "given_names": "ПЁТР", "sex": "M", "birth_date": "1979-04-02"}
    ivanov = {"surname": "ИВАНОВ", "given_names": "ЮРИЙ", "sex": "M", "birth_date": "1975"}
    batch = [
        _record("L1", "", person=None, traveller=petrov, document_number="751234567",
                document_kind="id_card"),
        _record("R1", "", person=None, traveller=ivanov, document_number="769999999"),
    ]  # fmt: skip
    result = crossings_ingest(actor=_border(), records=batch)
    assert (result.accepted, result.persons_linked, result.persons_registered) == (2, 1, 1)
    assert result.persons_for_review == 1
    newcomer = Person.objects.exclude(pk__in=[sure.pk, first.pk, second.pk]).get()
    assert dict(Crossing.objects.values_list("source_ref", "person_id")) == {
        "L1": sure.pk,
        "R1": newcomer.pk,
    }
    assert set(CandidatePair.objects.values_list("first_id", "second_id")) == {
        (first.pk, newcomer.pk),
        (second.pk, newcomer.pk),
    }
    event = AuditEvent.objects.get(event_type="stays.crossings_ingested")
    assert (event.extra["persons_linked"], event.extra["persons_for_review"]) == (1, 1)


def test_a_linked_travellers_next_crossing_is_theirs_though_a_namesake_came_since(
    settings: Settings, tmp_path: Path
) -> None:
    settings.DATA_DIR = tmp_path  # the shipped matching model
    # given Petrov's identity card, not on record, was linked to him at his entry
    petrov = registered("PETROV", "PYOTR", born="1979-04-02", document="751234567")
    described = {"surname": "ПЕТРОВ", "given_names": "ПЁТР", "sex": "M", "birth_date": "1979-04-02"}
    card = {"person": None, "traveller": described, "document_number": "751234567",
            "document_kind": "id_card"}  # fmt: skip
    entry = crossings_ingest(actor=_border(), records=[_record("L1", "", **card)])
    assert entry.persons_linked == 1

    # when a namesake is registered since, and Petrov leaves with the same card
    registered("PETROV", "PYOTR", born="1979-04-02")
    leaving = crossings_ingest(
        actor=_border(),
        records=[_record("L2", "", direction="exit", at="2026-03-05T10:00:00+04:00", **card)],
    )

    # then the exit is his too: the card is not a stranger's now
    assert (leaving.accepted, leaving.persons_registered) == (1, 0)
    assert dict(Crossing.objects.values_list("source_ref", "person_id")) == {
        "L1": petrov.pk,
        "L2": petrov.pk,
    }
    assert Person.objects.count() == 2


def test_the_batch_event_names_the_crossings_it_wrote_and_their_persons() -> None:
    who, other = person(), person()
    crossings_ingest(actor=_border(), records=[_record("E1", who.number)])
    # a batch with the crossing sent before, a new one and one of nobody
    batch = [_record("E1", who.number), _record("E2", other.number), _record("E3", "P999999999")]
    crossings_ingest(actor=_border(), records=batch)
    event = AuditEvent.objects.filter(event_type="stays.crossings_ingested").last()
    assert event is not None
    assert event.extra["crossings"] == [Crossing.objects.get(source_ref="E2").pk]
    assert event.extra["persons"] == [other.pk]
    assert (event.extra["accepted"], event.extra["duplicates"], event.extra["rejected"]) == (
        1,
        1,
        1,
    )


@pytest.mark.parametrize(
    ("at", "reason"),
    [
        ("2099-01-01T10:00:00+04:00", "A crossing cannot be recorded in the future."),
        ("9999-12-31T23:59:00-10:00", "A crossing cannot be recorded in the future."),
        ("0001-01-01T00:00:00+14:00", "The year 1 is not plausible."),
    ],
)
def test_a_time_no_crossing_can_have_refuses_its_record_only(at: str, reason: str) -> None:
    who = person()
    batch = [_record("T1", who.number), _record("T2", who.number, at=at)]
    with translation.override("en"):
        result = crossings_ingest(actor=_border(), records=batch)
    assert result.accepted == 1
    assert result.rejected == [{"index": 1, "source_ref": "T2", "reason": reason}]
    assert set(Crossing.objects.values_list("source_ref", flat=True)) == {"T1"}


def test_text_that_is_not_unicode_refuses_its_record_only() -> None:
    # JSON may carry a lone surrogate ("\ud800"), which no database column can hold
    who = person()
    traveller = {"surname": "IVANOV\udc00", "given_names": "IVAN", "sex": "M"}
    batch = [
        _record("U1", who.number),
        _record("U2", who.number, purpose="tourism\ud800"),
        _record("U3", "", person=None, traveller=traveller, document_number="750000001"),
    ]
    with translation.override("en"):
        result = crossings_ingest(actor=_border(), records=batch)
    assert result.accepted == 1
    assert [(r["index"], r["reason"]) for r in result.rejected] == [
        (1, "purpose must be text of at most 60 characters."),
        (2, "surname must be text of at most 150 characters."),
    ]
    assert set(Crossing.objects.values_list("source_ref", flat=True)) == {"U1"}
    assert Person.objects.count() == 1
