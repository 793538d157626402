"""The review queue: the registry scan fills it, decisions are remembered and train the model."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from identity_factories import SYSTEM, officer_actor, registered
from pytest_django.fixtures import Settings

from umis.audit.models import AuditEvent
from umis.core.errors import NotAllowed, ValidationFailed
from umis.identity.engine.model import MODEL_FILE
from umis.identity.models import CandidatePair
from umis.identity.scan import model_train, registry_scan
from umis.identity.services import Proposal, pair_decide, pairs_propose

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_data_dir(settings: Settings, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path


def _quiet(message: str) -> None:
    pass


def _registry() -> None:
    """Two spellings of one man, his namesake born elsewhen, and an unrelated woman."""
    registered("MAMMADOV", "ALI", document="C01234567", address="Nizami 5")
    registered("Məmmədov", "Əli", document="C01234568", address="Nizami 5")
    registered("MAMMADOV", "ALI", born="1955-01-30", document="C09999999")
    registered("BERIDZE", "NINO", sex="F", born="1990-03-21", citizenships=("GEO",))


def _top() -> CandidatePair:
    return CandidatePair.objects.order_by("-match_probability").first()  # type: ignore[return-value]


def test_the_registry_scan_queues_likely_pairs_with_their_evidence() -> None:
    _registry()
    assert registry_scan(SYSTEM, _quiet) == 3
    pair, *namesakes = CandidatePair.objects.order_by("-match_probability")
    assert (pair.first.names.get().surname, pair.second.names.get().surname) == (
        "MAMMADOV", "Məmmədov",
    )  # fmt: skip
    assert pair.match_probability > 0.99
    evidence = {row["comparison"]: row["level"] for row in pair.evidence}
    assert evidence["surname"] == "same spelling or romanisation"
    assert evidence["document"] == "one character differs"
    assert evidence["address"] == "same"
    # The namesake born 25 years earlier is queued too, far below anything linked at once.
    assert all(0.5 <= other.match_probability < 0.9 for other in namesakes)
    assert {
        row["level"] for row in namesakes[0].evidence if row["comparison"] == "date_of_birth"
    } == {"different"}
    assert AuditEvent.objects.filter(event_type="identity.candidates_found").count() == 1


def test_a_decided_pair_is_not_queued_again() -> None:
    _registry()
    registry_scan(SYSTEM, _quiet)
    pair_decide(actor=officer_actor(), pair=_top(), decision="different")
    assert registry_scan(SYSTEM, _quiet) == 0
    assert _top().status == "different"
    assert CandidatePair.objects.count() == 3


def test_decisions_are_remembered_and_audited() -> None:
    first, second = registered("IVANOV", "IVAN"), registered("IVANOV", "IVAN", born="1980-05-00")
    pairs_propose(actor=SYSTEM, proposals=[Proposal(second.pk, first.pk, 0.7, [])], found_by="t")
    pair = CandidatePair.objects.get()
    assert (pair.first_id, pair.second_id) == (first.pk, second.pk)
    worker = officer_actor()
    pair_decide(actor=worker, pair=pair, decision="unsure", note="ask the applicant")
    pair.refresh_from_db()
    assert (pair.status, pair.decided_by, pair.note) == (
        "unsure",
        worker.username,
        "ask the applicant",
    )
    [event] = AuditEvent.objects.filter(event_type="identity.pair_decided")
    assert event.extra["decision"] == "unsure"


def test_refused_decisions_change_nothing() -> None:
    first, second = registered("IVANOV", "IVAN"), registered("IVANOV", "IVAN", born="1980-05-00")
    pairs_propose(actor=SYSTEM, proposals=[Proposal(first.pk, second.pk, 0.7, [])], found_by="t")
    pair = CandidatePair.objects.get()
    with pytest.raises(NotAllowed):
        pair_decide(actor=officer_actor("front_desk"), pair=pair, decision="same")
    with pytest.raises(ValidationFailed):
        pair_decide(actor=officer_actor(), pair=pair, decision="open")
    pair.refresh_from_db()
    assert pair.status == "open"
    assert not AuditEvent.objects.filter(event_type="identity.pair_decided").exists()


def _m_probabilities(path: Path) -> dict[str, list[float]]:
    saved = json.loads(path.read_text(encoding="utf-8"))
    return {
        c["output_column_name"]: [
            level["m_probability"] for level in c["comparison_levels"] if "m_probability" in level
        ]
        for c in saved["comparisons"]
    }


def test_same_person_decisions_train_the_model() -> None:
    _registry()
    registry_scan(SYSTEM, _quiet)
    without_labels = _m_probabilities(model_train(SYSTEM, _quiet))
    pair_decide(actor=officer_actor(), pair=_top(), decision="same")
    path = model_train(SYSTEM, _quiet)
    assert path == Path(settings.DATA_DIR) / MODEL_FILE
    with_labels = _m_probabilities(path)
    # The one confirmed pair has a one-character document typo: all its m mass goes there.
    assert with_labels["document"][1] == pytest.approx(1.0)
    assert with_labels != without_labels
    events = AuditEvent.objects.filter(event_type="identity.model_trained").order_by("seq")
    assert [e.extra["labels"] for e in events] == [0, 1]
