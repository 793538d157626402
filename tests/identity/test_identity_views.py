"""The review screens through Django's test client: permission, side-by-side, decide, merge."""

import pytest
from django.test import Client
from identity_factories import SYSTEM, registered

from umis.accounts.models import Agency, Role
from umis.accounts.services import officer_create
from umis.audit.models import AuditEvent
from umis.identity.engine.scoring import Evidence
from umis.identity.models import CandidatePair, Merge
from umis.identity.services import Proposal, pairs_propose
from umis.people.models import Person

pytestmark = pytest.mark.django_db


def signed_in(client: Client, role: str) -> Client:
    user, _ = officer_create(
        actor=SYSTEM, username=f"officer_{role}", first_name="Aysel", last_name="Məmmədova",
        agency=Agency.objects.get(code="SMS"), role=Role.objects.get(code=role),
    )  # fmt: skip
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    client.force_login(user)
    client.cookies["umis_language"] = "en"
    return client


@pytest.fixture
def pair() -> CandidatePair:
    first = registered("MAMMADOV", "ALI", document="C01234567")
    second = registered("Мамедов", "Али", born="1980-05-00", document="C07654321")
    evidence = [Evidence("surname", "same spelling or romanisation", 9.9),
                Evidence("document", "different", -1.0)]  # fmt: skip
    pairs_propose(
        actor=SYSTEM, proposals=[Proposal(first.pk, second.pk, 0.999, evidence)], found_by="t"
    )
    return CandidatePair.objects.get()


def test_the_queue_lists_open_pairs_for_case_workers_only(
    client: Client, pair: CandidatePair
) -> None:
    response = signed_in(client, "case_worker").get("/identity/")
    assert response.status_code == 200
    assert pair.first.number_display in response.content.decode()
    front_desk = signed_in(Client(), "front_desk")
    assert front_desk.get("/identity/").status_code == 403


def test_the_pair_shows_both_persons_side_by_side_with_translated_evidence(
    client: Client, pair: CandidatePair
) -> None:
    views = AuditEvent.objects.filter(event_type="people.person_viewed").count()
    page = signed_in(client, "case_worker").get(f"/identity/pairs/{pair.pk}/").content.decode()
    assert "Мамедов" in page
    assert "MAMMADOV" in page
    assert "same name, in any script or romanisation" in page
    assert "C07654321" in page
    events = AuditEvent.objects.filter(event_type="people.person_viewed").order_by("-seq")[:2]
    assert AuditEvent.objects.filter(event_type="people.person_viewed").count() == views + 2
    assert {e.purpose for e in events} == {"identity_resolution"}


def test_deciding_and_merging_from_the_screen(client: Client, pair: CandidatePair) -> None:
    officer = signed_in(client, "case_worker")
    response = officer.post(f"/identity/pairs/{pair.pk}/", {"decision": "same", "note": "photo"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == "same"
    response = officer.post(
        f"/identity/pairs/{pair.pk}/merge", {"survivor": str(pair.first_id), "reason": "photo"}
    )
    merge = Merge.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/identity/merges/{merge.pk}/"
    assert merge.status == Merge.Status.MERGED
    assert Person.objects.get(pk=pair.second_id).merged_into_id == pair.first_id
    response = officer.post(f"/identity/merges/{merge.pk}/undo", {"reason": "wrong"})
    assert response.status_code == 302
    assert Person.objects.get(pk=pair.second_id).merged_into_id is None


def test_merge_is_a_verb_on_the_pairs_button_and_a_noun_in_the_merges_title(
    client: Client, pair: CandidatePair
) -> None:
    officer = signed_in(client, "case_worker")
    officer.cookies["umis_language"] = "ru"
    pair_page = officer.get(f"/identity/pairs/{pair.pk}/").content.decode()
    assert '<button type="submit">Объединить</button>' in pair_page
    officer.post(
        f"/identity/pairs/{pair.pk}/merge", {"survivor": str(pair.first_id), "reason": "photo"}
    )
    merge_page = officer.get(f"/identity/merges/{Merge.objects.get().pk}/").content.decode()
    assert "<title>Объединение · UMIS</title>" in merge_page


def test_a_merge_without_reason_is_shown_on_its_field_and_nothing_merges(
    client: Client, pair: CandidatePair
) -> None:
    response = signed_in(client, "case_worker").post(
        f"/identity/pairs/{pair.pk}/merge", {"survivor": str(pair.first_id), "reason": ""}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Merge.objects.exists()


def test_a_bad_decision_is_refused_and_nothing_changes(client: Client, pair: CandidatePair) -> None:
    response = signed_in(client, "case_worker").post(
        f"/identity/pairs/{pair.pk}/", {"decision": "maybe"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == "open"
