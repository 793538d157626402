"""The register screen asks the matcher: link to who the newcomer is, choose, or create."""

from pathlib import Path

import pytest
from django.test import Client
from identity_factories import registered
from pytest_django.fixtures import Settings
from test_identity_views import signed_in

from umis.audit.models import AuditEvent
from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.identity import events
from umis.identity.entry import entry_check, person_register_apart
from umis.identity.models import CandidatePair
from umis.people.inputs import NameInput, PersonInput
from umis.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_data_dir(settings: Settings, tmp_path: Path) -> None:
    """The shipped model, whatever a local run trained into var/."""
    settings.DATA_DIR = tmp_path


def register_form(**changes: str) -> dict[str, str]:
    """Ali Mammadov as the officer types him: in Cyrillic too, with his passport."""
    form = {
        "action": "save",
        "surname": "MAMEDOV",
        "given_names": "ALI",
        "original_surname": "Мамедов",
        "original_given_names": "Али",
        "sex": "M",
        "birth_date": "1980-05-12",
        "citizenship_status": "citizen",
        "citizenship": "AZE",
        "document_kind": "passport",
        "document_number": "C01234567",
        "document_issuing_state": "AZE",
        "fin": "5ABC12D",
    }
    return {**form, **changes}


def viewed() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type="people.person_viewed").order_by("seq"))


def test_a_confident_match_is_shown_with_its_evidence_and_nothing_is_saved(
    client: Client,
) -> None:
    # given Ali Mammadov is registered with his passport
    known = registered("MAMMADOV", "ALI", document="C01234567")
    officer = signed_in(client, "front_desk")

    # when the officer registers the same man, in another romanisation
    response = officer.post("/people/new", register_form())

    # then he is shown as already registered, with the probability and the evidence
    assert response.status_code == 200
    assert response.context["entry_decision"] == "link"
    [shown] = response.context["entry_matches"]
    assert shown.person == known
    assert shown.probability > 0.99
    page = response.content.decode()
    assert "Already registered" in page
    assert f'name="same_person" value="{known.number}"' in page
    assert "same name, in any script or romanisation" in page
    assert (
        response.context["form"]
        .errors["same_person"][0]
        .startswith("This person is already registered.")
    )
    # and nothing is saved; the match was read for registration, and that read is audited
    assert Person.objects.count() == 1
    assert [(e.subject_id, e.purpose) for e in viewed()] == [(str(known.pk), "registration")]


def test_choosing_the_registered_person_adds_the_new_name_document_and_fin_to_them(
    client: Client,
) -> None:
    known = registered("MAMMADOV", "ALI", document="C07654321")
    officer = signed_in(client, "front_desk")

    response = officer.post("/people/new", register_form(same_person=known.number))

    assert response.status_code == 302
    assert response["Location"] == f"/people/{known.number}/?purpose=registration"
    assert Person.objects.count() == 1
    names = list(known.names.order_by("pk").values_list("surname", "given_names", "kind"))
    assert names == [
        ("MAMMADOV", "ALI", "document"),
        ("MAMEDOV", "ALI", "document"),
        ("Мамедов", "Али", "original"),
    ]
    assert sorted(known.documents.values_list("number", flat=True)) == ["C01234567", "C07654321"]
    assert list(known.identifiers.values_list("value", flat=True)) == ["5ABC12D"]
    linked = AuditEvent.objects.get(event_type=events.ENTRY_LINKED)
    assert linked.subject_id == str(known.pk)
    assert linked.extra["added"] == {"names": 2, "documents": 1, "identifiers": 1}
    assert linked.extra["probability"] > 0.5
    assert not CandidatePair.objects.exists()


def test_linking_adds_nothing_the_person_already_has(client: Client) -> None:
    known = registered("MAMEDOV", "ALI", document="C01234567", original=("Мамедов", "Али"))
    officer = signed_in(client, "front_desk")

    response = officer.post("/people/new", register_form(same_person=known.number, fin=""))

    assert response.status_code == 302
    assert known.names.count() == 2
    assert known.documents.count() == 1
    linked = AuditEvent.objects.get(event_type=events.ENTRY_LINKED)
    assert linked.extra["added"] == {}


def test_a_fin_of_someone_else_refuses_the_link_on_its_field_and_adds_nothing(
    client: Client,
) -> None:
    known = registered("MAMMADOV", "ALI", document="C07654321")
    registered("BERIDZE", "NINO", sex="F", born="1990-03-21", fin="5ABC12D")
    officer = signed_in(client, "front_desk")

    response = officer.post("/people/new", register_form(same_person=known.number))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "fin": ["This identifier already belongs to another person."]
    }
    assert known.names.count() == 1
    assert known.documents.count() == 1
    assert not AuditEvent.objects.filter(event_type=events.ENTRY_LINKED).exists()


def test_someone_else_at_the_front_desk_is_registered_and_the_pair_queued_for_review(
    client: Client,
) -> None:
    known = registered("MAMMADOV", "ALI", document="C01234567")
    officer = signed_in(client, "front_desk")

    response = officer.post(
        "/people/new", register_form(same_person="new", document_number="C09999999", fin="")
    )

    new = Person.objects.exclude(pk=known.pk).get()
    assert response["Location"] == f"/people/{new.number}/?purpose=registration"
    pair = CandidatePair.objects.get()
    assert (pair.first_id, pair.second_id) == (known.pk, new.pk)
    assert (pair.status, pair.found_by, pair.decided_by) == ("open", "registration", "")
    assert pair.note == "At registration, officer_front_desk said these are different people."
    assert pair.match_probability >= 0.5
    assert {e["comparison"] for e in pair.evidence} >= {"surname", "date_of_birth"}
    kept = AuditEvent.objects.get(event_type=events.ENTRY_KEPT_APART)
    assert kept.extra["decided"] is False


def test_someone_else_for_a_reviewer_is_their_decision_and_a_label(client: Client) -> None:
    known = registered("MAMMADOV", "ALI", document="C01234567")
    officer = signed_in(client, "case_worker")

    officer.post(
        "/people/new", register_form(same_person="new", document_number="C09999999", fin="")
    )

    pair = CandidatePair.objects.get()
    assert pair.first_id == known.pk
    assert (pair.status, pair.decided_by) == ("different", "officer_case_worker")
    assert pair.decided_at is not None


def test_a_possible_match_is_proposed_and_the_officer_must_choose(client: Client) -> None:
    # given two Yuri Ivanovs born in 1975
    first = registered("IVANOV", "YURIY", born="1975-03-14", citizenships=("RUS",))
    second = registered("IVANOV", "IURII", born="1975-08-01", citizenships=("RUS",))
    officer = signed_in(client, "front_desk")
    form = register_form(
        surname="IVANOV", given_names="YURI", original_surname="Иванов",
        original_given_names="Юрий", birth_date="1975", citizenship="RUS",
        document_number="", fin="",
    )  # fmt: skip

    # when the officer registers a Yuri Ivanov known only by his year of birth
    proposed = officer.post("/people/new", form)

    # then both are proposed, and nothing is saved until the officer chooses
    assert proposed.context["entry_decision"] == "propose"
    assert {m.person for m in proposed.context["entry_matches"]} == {first, second}
    assert "Possibly already registered" in proposed.content.decode()
    assert Person.objects.count() == 2

    # and a person who was not proposed cannot be chosen
    stranger = registered("BERIDZE", "NINO", sex="F", born="1990-03-21")
    refused = officer.post("/people/new", {**form, "same_person": stranger.number})
    assert refused.status_code == 200
    assert "same_person" in refused.context["form"].errors
    assert stranger.names.count() == 1

    # when they choose the second one, the registration is added to him
    chosen = officer.post("/people/new", {**form, "same_person": second.number})
    assert chosen["Location"] == f"/people/{second.number}/?purpose=registration"
    assert Person.objects.count() == 3
    assert second.names.filter(surname="Иванов").exists()


def test_a_stranger_is_registered_at_once(client: Client) -> None:
    registered("MAMMADOV", "ALI", document="C01234567")
    officer = signed_in(client, "front_desk")

    response = officer.post(
        "/people/new",
        register_form(surname="BERIDZE", given_names="NINO", original_surname="",
                      original_given_names="", sex="F", birth_date="1990-03-21",
                      citizenship="GEO", document_number="", fin=""),
    )  # fmt: skip

    assert response.status_code == 302
    assert Person.objects.count() == 2
    assert not CandidatePair.objects.exists()
    assert not AuditEvent.objects.filter(event_type=events.ENTRY_KEPT_APART).exists()


def test_a_role_that_cannot_edit_records_cannot_link_but_can_register_apart(
    client: Client,
) -> None:
    known = registered("MAMMADOV", "ALI", document="C07654321")
    liaison = signed_in(client, "agency_liaison")

    offered = liaison.post("/people/new", register_form(fin=""))
    assert offered.context["can_link"] is False
    assert f'value="{known.number}" id="same_person_1" disabled' in offered.content.decode()

    refused = liaison.post("/people/new", register_form(same_person=known.number, fin=""))
    assert "same_person" in refused.context["form"].errors
    assert known.names.count() == 1

    apart = liaison.post("/people/new", register_form(same_person="new", fin=""))
    assert apart.status_code == 302
    assert CandidatePair.objects.get().status == "open"


def test_a_reference_registered_apart_again_is_its_person_and_queues_nothing() -> None:
    # the border service sends the same unknown traveller twice (a retried batch)
    known = registered("MAMMADOV", "ALI", document="C01234567")
    actor = Actor.system("tests")
    born = PartialDate.parse("1980-05-12")
    data = PersonInput(sex="M", names=[NameInput("MAMMADOV", "ALI")], birth_date=born,
                       citizenships=["AZE"])  # fmt: skip
    check = entry_check(data)
    assert check.match_for(known.pk) is not None

    first = person_register_apart(actor=actor, data=data, check=check, said_different=False,
                                  source="SBS", source_ref="X-1")  # fmt: skip
    again = person_register_apart(actor=actor, data=data, check=check, said_different=False,
                                  source="SBS", source_ref="X-1")  # fmt: skip

    assert again == first
    assert Person.objects.count() == 2
    assert CandidatePair.objects.count() == 1
    assert AuditEvent.objects.filter(event_type=events.ENTRY_KEPT_APART).count() == 1
