"""Merge and unmerge: every fact moves, the old number resolves, undo restores every row."""

from datetime import date

import pytest
from identity_factories import SYSTEM, officer_actor, person_tables, registered, snapshot

from postings_check import postings_by_key, year_keys_by_key
from umis.audit.models import AuditEvent
from umis.core.errors import NotAllowed, ValidationFailed
from umis.identity import merging
from umis.identity.merging import person_links
from umis.identity.models import CandidatePair, Merge
from umis.identity.services import Proposal, merge_approve, merge_request, merge_undo, pairs_propose
from umis.people.access import access_person_by_number
from umis.people.indexing import name_forms_join
from umis.people.models import Citizenship, NameKey, Person, PersonName, TravelDocument
from umis.stays.models import Crossing, StayStatus

pytestmark = pytest.mark.django_db


def _pair(first: Person, second: Person, probability: float) -> CandidatePair:
    pairs_propose(
        actor=SYSTEM, proposals=[Proposal(first.pk, second.pk, probability, [])], found_by="tests"
    )
    return CandidatePair.objects.get()


def _crossing(person: Person, ref: str) -> Crossing:
    return Crossing.objects.create(
        person=person, direction="entry", at="2026-01-10T08:00:00Z", day=date(2026, 1, 10),
        source="SBS", source_ref=ref,
    )  # fmt: skip


def _status(person: Person, days: int) -> StayStatus:
    return StayStatus.objects.create(
        person=person, on=date(2026, 3, 1), present=True, basis="visa_free",
        days_used=days, refreshed_at="2026-03-01T00:00:00Z",
    )  # fmt: skip


@pytest.fixture
def twins_of_one() -> tuple[Person, Person]:
    """One man registered twice: in Latin with a passport, in Cyrillic with a FIN."""
    survivor = registered(
        document="C01234567", address="Nizami 5", source_ref="first", citizenships=("AZE", "RUS")
    )
    absorbed = registered(
        "Мамедов", "Али", born="1980-05-00", original=("Мамедов", "Али"), fin="5ABC123",
        citizenships=("AZE",), document="C07654321", source_ref="second",
    )  # fmt: skip
    return survivor, absorbed


def test_every_table_that_refers_to_a_person_is_found() -> None:
    labels = {link.model._meta.label for link in person_links()}
    assert {"people.PersonName", "people.NameKey", "people.Citizenship", "people.TravelDocument",
            "people.Identifier", "people.Address", "people.SourceRecord",
            "stays.Crossing", "stays.StayStatus"} <= labels  # fmt: skip
    assert not labels & {"identity.CandidatePair", "identity.Merge"}


def test_a_sure_merge_moves_every_fact_and_the_old_number_resolves(
    twins_of_one: tuple[Person, Person],
) -> None:
    survivor, absorbed = twins_of_one
    _crossing(absorbed, "X1")
    merge = merge_request(
        actor=officer_actor(), survivor=survivor, absorbed=absorbed, reason="same passport photo",
        pair=_pair(survivor, absorbed, 0.999),
    )  # fmt: skip
    assert merge.status == Merge.Status.MERGED
    assert merge.risk == Merge.Risk.LOW
    absorbed.refresh_from_db()
    assert absorbed.merged_into_id == survivor.pk
    assert PersonName.objects.filter(person=survivor).count() == 3
    assert set(TravelDocument.objects.filter(person=survivor).values_list("number", flat=True)) == {
        "C01234567", "C07654321",
    }  # fmt: skip
    assert survivor.identifiers.get().value == "5ABC123"
    assert list(Citizenship.objects.filter(person=survivor).values_list("country_id", flat=True)
                .order_by("country_id")) == ["AZE", "RUS"]  # fmt: skip
    assert Crossing.objects.get(source_ref="X1").person_id == survivor.pk
    assert not NameKey.objects.filter(person=absorbed).exists()
    assert postings_by_key() == year_keys_by_key()  # search finds the survivor by every name
    survivor.refresh_from_db()
    forms = PersonName.objects.filter(person=survivor).values_list("comparable", flat=True)
    assert survivor.name_forms == name_forms_join(forms)
    assert absorbed.name_forms == ""
    for link in person_links():
        assert not link.model._default_manager.filter(**{link.field: absorbed}).exists()
    found = access_person_by_number(
        actor=officer_actor("front_desk"), number=absorbed.number, purpose="counter_service"
    )
    assert found.pk == survivor.pk
    assert CandidatePair.objects.get().status == CandidatePair.Status.SAME
    assert AuditEvent.objects.filter(event_type="identity.persons_merged").count() == 1


@pytest.fixture
def without_listeners(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows only: the apps' merge listeners (stays recomputes stored statuses) are off."""
    monkeypatch.setattr(merging, "_listeners", [])


@pytest.mark.usefixtures("without_listeners")
def test_merge_then_unmerge_leaves_every_related_row_exactly_as_before(
    twins_of_one: tuple[Person, Person],
) -> None:
    survivor, absorbed = twins_of_one
    _crossing(survivor, "S1")
    _crossing(absorbed, "A1")
    _status(survivor, 10)
    _status(absorbed, 20)  # repeats the survivor's one-to-one row: removed, then restored
    before, postings = snapshot(), postings_by_key()
    merge = merge_request(
        actor=officer_actor(), survivor=survivor, absorbed=absorbed, reason="one man",
        pair=_pair(survivor, absorbed, 0.999),
    )  # fmt: skip
    assert snapshot() != before
    assert postings_by_key() != postings
    assert StayStatus.objects.filter(person=absorbed).count() == 0
    merge_undo(actor=officer_actor(username="another"), merge=merge, reason="two brothers")
    assert snapshot() == before
    assert postings_by_key() == postings
    merge.refresh_from_db()
    assert merge.status == Merge.Status.UNDONE
    assert AuditEvent.objects.filter(event_type="identity.persons_unmerged").count() == 1


@pytest.mark.usefixtures("without_listeners")
def test_a_row_keyed_by_the_person_moves_and_comes_back(
    twins_of_one: tuple[Person, Person],
) -> None:
    survivor, absorbed = twins_of_one
    _status(absorbed, 20)
    before = snapshot()
    merge = merge_request(
        actor=officer_actor(), survivor=survivor, absorbed=absorbed, reason="one man",
        pair=_pair(survivor, absorbed, 0.999),
    )  # fmt: skip
    assert StayStatus.objects.get().person_id == survivor.pk
    merge_undo(actor=officer_actor(username="another"), merge=merge, reason="undo")
    assert snapshot() == before


def test_a_risky_merge_waits_for_a_supervisor_who_is_not_the_requester(
    twins_of_one: tuple[Person, Person],
) -> None:
    survivor, absorbed = twins_of_one
    before = snapshot()
    worker = officer_actor()
    merge = merge_request(
        actor=worker, survivor=survivor, absorbed=absorbed, reason="looks alike",
        pair=_pair(survivor, absorbed, 0.8),
    )  # fmt: skip
    assert merge.status == Merge.Status.AWAITING_APPROVAL
    assert merge.risk == Merge.Risk.HIGH
    assert snapshot() == before
    with pytest.raises(NotAllowed):
        merge_approve(actor=worker, merge=merge)
    merge = merge_approve(actor=officer_actor("supervisor"), merge=merge)
    assert merge.status == Merge.Status.MERGED
    assert Person.objects.get(pk=absorbed.pk).merged_into_id == survivor.pk


def test_contradicting_records_are_high_risk_even_when_the_model_is_sure() -> None:
    first = registered(sex="M", born="1980-05-12")
    second = registered(sex="F", born="1990-01-01", citizenships=("RUS",))
    merge = merge_request(
        actor=officer_actor(), survivor=first, absorbed=second, reason="?",
        pair=_pair(first, second, 0.9999),
    )  # fmt: skip
    assert merge.risk == Merge.Risk.HIGH
    assert len(merge.risk_reasons) == 3


def test_refused_merges_change_nothing(twins_of_one: tuple[Person, Person]) -> None:
    survivor, absorbed = twins_of_one
    before, events = snapshot(), AuditEvent.objects.count()
    with pytest.raises(NotAllowed):
        merge_request(
            actor=officer_actor("front_desk"), survivor=survivor, absorbed=absorbed, reason="x"
        )
    with pytest.raises(ValidationFailed) as refused:
        merge_request(actor=officer_actor(), survivor=survivor, absorbed=absorbed, reason=" ")
    assert "reason" in refused.value.errors
    with pytest.raises(ValidationFailed):
        merge_request(actor=officer_actor(), survivor=survivor, absorbed=survivor, reason="x")
    assert snapshot() == before
    assert AuditEvent.objects.count() == events
    assert not Merge.objects.exists()


def test_a_merged_record_cannot_be_merged_again_nor_its_survivor_unmerged_out_of_order(
    twins_of_one: tuple[Person, Person],
) -> None:
    survivor, absorbed = twins_of_one
    third = registered("MAMMADOV", "ALI", document="C01111111")
    worker = officer_actor()
    first = merge_request(actor=worker, survivor=survivor, absorbed=absorbed, reason="one",
                          pair=_pair(survivor, absorbed, 0.999))  # fmt: skip
    with pytest.raises(ValidationFailed):
        merge_request(actor=worker, survivor=third, absorbed=absorbed, reason="again")
    second = merge_request(actor=worker, survivor=third, absorbed=survivor, reason="all one")
    merge_approve(actor=officer_actor("supervisor"), merge=second)
    with pytest.raises(ValidationFailed):
        merge_undo(actor=worker, merge=first, reason="out of order")
    merge_undo(actor=worker, merge=second, reason="back")
    merge_undo(actor=worker, merge=first, reason="back")
    assert Person.objects.filter(merged_into__isnull=False).count() == 0


def test_tables_are_complete_for_the_snapshot() -> None:
    assert Person in person_tables()
