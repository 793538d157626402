"""The point of entry: link to the one person it surely is, propose, or create."""

from pathlib import Path

import pytest
from identity_factories import SYSTEM, person_input, registered
from pytest_django.fixtures import Settings

from umis.audit.models import AuditEvent
from umis.core.errors import NotAllowed
from umis.core.permissions import Actor
from umis.identity.engine import batch
from umis.identity.engine.canonical import CANONICAL_COLUMNS
from umis.identity.engine.features import features
from umis.identity.engine.files import DEFAULT_MODEL
from umis.identity.inputs import records_of
from umis.identity.matcher import current_model, identify
from umis.identity.models import CandidatePair
from umis.identity.services import person_resolve
from umis.people.models import Person, SourceRecord

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_data_dir(settings: Settings, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path


def test_the_same_passport_in_cyrillic_links_to_the_registered_person() -> None:
    known = registered("MAMMADOV", "ALI", document="C01234567", address="Nizami 5")
    found = identify(records_of(person_input("Мамедов", "Али", document="C 0123 4567")))
    assert found.decision == "link"
    assert found.best is not None
    assert found.best.person == known
    assert found.best.probability > 0.99


def _two_yuris() -> tuple[Person, Person]:
    first = registered(
        "IVANOV", "YURIY", born="1975-03-14", citizenships=("RUS",), document="751234567"
    )
    second = registered("IVANOV", "IURII", born="1975-08-01", citizenships=("RUS",))
    return first, second  # fmt: skip


def test_a_year_only_date_fitting_two_namesakes_is_proposed_not_linked() -> None:
    first, second = _two_yuris()
    found = identify(
        records_of(person_input("Иванов", "Юрий", born="1975-00-00", citizenships=("RUS",),
                                document="769999999"))
    )  # fmt: skip
    assert found.decision == "propose"
    assert {c.person for c in found.candidates} == {first, second}


def test_a_stranger_is_created() -> None:
    registered("MAMMADOV", "ALI", document="C01234567")
    found = identify(records_of(person_input("BERIDZE", "NINO", sex="F", born="1990-03-21")))
    assert found.decision == "create"
    assert found.candidates == []


def test_resolve_links_or_registers_and_queues_the_doubtful() -> None:
    first, second = _two_yuris()
    linked = person_resolve(
        actor=SYSTEM,
        data=person_input("Иванов", "Юрий", born="1975-03-14", citizenships=("RUS",),
                          document="751234567"),
    )  # fmt: skip
    assert linked.identification.decision == "link"
    assert linked.person == first
    assert Person.objects.count() == 2
    doubtful = person_resolve(
        actor=SYSTEM,
        data=person_input("Иванов", "Юрий", born="1975-00-00", citizenships=("RUS",)),
    )
    assert doubtful.identification.decision == "propose"
    assert Person.objects.count() == 3
    pairs = CandidatePair.objects.order_by("first_id")
    assert [(p.first_id, p.second_id) for p in pairs] == [
        (first.pk, doubtful.person.pk), (second.pk, doubtful.person.pk),
    ]  # fmt: skip
    assert {p.found_by for p in pairs} == {"point_of_entry"}


def test_a_link_is_the_actors_recorded_decision_kept_for_its_source_reference() -> None:
    # given Ali is registered with his passport
    ali = registered("MAMMADOV", "ALI", document="C01234567")
    border = Actor(None, "border", "SBS", "agency_liaison", frozenset({"people.register"}))
    traveller = person_input("Мамедов", "Али", document="C 0123 4567")

    # when the border asks who the traveller of its record B-1 is
    linked = person_resolve(actor=border, data=traveller, source="border:SBS", source_ref="B-1")

    # then he is Ali, and the link is recorded as the border's with the matcher's probability
    assert (linked.identification.decision, linked.person) == ("link", ali)
    (event,) = AuditEvent.objects.filter(event_type="identity.entry_linked")
    assert (event.actor_username, event.subject_id, event.purpose) == (
        "border",
        str(ali.pk),
        "identity_resolution",
    )
    assert event.extra["probability"] > 0.99
    assert (event.extra["source"], event.extra["source_ref"]) == ("border:SBS", "B-1")

    # when a namesake is registered since (the matcher is no longer sure) and B-1 comes again
    registered("MAMMADOV", "ALI")
    again = person_resolve(actor=border, data=traveller, source="border:SBS", source_ref="B-1")

    # then B-1 is still Ali: nobody new is registered, nothing more is recorded
    assert again.person == ali
    assert Person.objects.count() == 2
    assert AuditEvent.objects.filter(event_type="identity.entry_linked").count() == 1


def test_resolving_without_the_permission_to_register_links_nobody() -> None:
    registered("MAMMADOV", "ALI", document="C01234567")
    reader = Actor(None, "reader", "SBS", "inspector", frozenset({"people.view"}))
    events_before = AuditEvent.objects.count()
    with pytest.raises(NotAllowed):
        person_resolve(
            actor=reader,
            data=person_input("Мамедов", "Али", document="C 0123 4567"),
            source="border:SBS",
            source_ref="B-1",
        )
    assert AuditEvent.objects.count() == events_before
    assert not SourceRecord.objects.exists()


def _canonical(**values: str) -> dict[str, str]:
    return dict.fromkeys(CANONICAL_COLUMNS, "") | values


def test_python_scoring_gives_splinks_probability() -> None:
    """The interactive path adds the saved model's weights exactly as Splink predicts."""
    left = [
        _canonical(id="a", surname="Məmmədov", given_names="Əli", sex="M",
                   date_of_birth="1980-05-12", nationality="AZE", document_number="C01234567",
                   address="Baku Nizami 5"),
        _canonical(id="b", surname="Иванов", given_names="Юрий", date_of_birth="1975-00-00"),
    ]  # fmt: skip
    right = [
        _canonical(id="c", surname="MAMEDOV", given_names="ALI", sex="M",
                   date_of_birth="1980-12-05", nationality="AZE", document_number="C01234568",
                   address="Nizami 5 Baku"),
        _canonical(id="d", surname="IVANOV", given_names="IURII", date_of_birth="1975-03-14",
                   nationality="RUS"),
    ]  # fmt: skip
    with batch.engine_run() as run:
        batch.load(run, "left_records", left)
        batch.load(run, "right_records", right)
        linker = batch.linker_for(
            run, ["left_records", "right_records"], "link_only", DEFAULT_MODEL
        )
        frame = linker.inference.predict(warning_mode="never")
        splink = {
            tuple(sorted((row["record_id_l"], row["record_id_r"]))): row["match_probability"]
            for row in frame.as_record_list()
        }
    model = current_model()
    for (first, second), probability in splink.items():
        records = {r["id"]: r for r in left + right}
        evidence = model.evidence(features(0, records[first]), features(1, records[second]))
        assert model.probability(evidence) == pytest.approx(probability, rel=1e-6, abs=1e-9)
    assert set(splink) >= {("a", "c"), ("b", "d")}
