"""The profile timeline: providers registered by apps, merged newest first."""

from datetime import UTC, date, datetime

import pytest

from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.people import services, timeline
from umis.people.access import access_person
from umis.people.inputs import DocumentInput, NameInput, PersonInput
from umis.people.models import Person
from umis.people.timeline import TimelineEntry, register_timeline_provider, timeline_for


@pytest.fixture
def no_providers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline, "_providers", {})


def registered() -> Person:
    return services.person_register(
        actor=Actor.system("test"),
        data=PersonInput(
            sex="F",
            names=[NameInput("ERIKSSON", "ANNA MARIA")],
            birth_date=PartialDate(1974, 8, 12),
            citizenships=["SWE"],
        ),
    )


@pytest.mark.usefixtures("no_providers")
def test_entries_of_all_providers_are_merged_newest_first() -> None:
    crossing = TimelineEntry(datetime(2026, 3, 2, 5, 0, tzinfo=UTC), "Entered", kind="crossing")
    permit = TimelineEntry(date(2026, 3, 1), "Permit granted", kind="permit")
    application = TimelineEntry(date(2026, 3, 3), "Application filed", kind="application")
    register_timeline_provider("border", lambda person: [crossing])
    register_timeline_provider("permits", lambda person: [permit, application])

    entries = timeline_for(Person())

    assert [entry.title for entry in entries] == ["Application filed", "Entered", "Permit granted"]


@pytest.mark.usefixtures("no_providers")
def test_a_provider_registered_again_under_its_key_replaces_the_first() -> None:
    register_timeline_provider("permits", lambda person: [TimelineEntry(date(2026, 1, 1), "Old")])
    register_timeline_provider("permits", lambda person: [TimelineEntry(date(2026, 1, 1), "New")])

    assert [entry.title for entry in timeline_for(Person())] == ["New"]


def test_the_registry_provider_is_registered_at_start_up() -> None:
    assert timeline._providers["people.registry"] is timeline.registry_history


@pytest.mark.django_db
def test_registry_history_lists_registration_and_changes_but_not_reads() -> None:
    person = registered()
    actor = Actor.system("test")
    services.person_update(
        actor=actor, person=person, changes={"sex": "X"}, reason="Court decision 12/2026"
    )
    services.person_document_add(
        actor=actor, person=person, document=DocumentInput("passport", "AB123", "SWE")
    )
    access_person(actor=actor, person_id=person.pk, purpose="counter_service")

    entries = timeline.registry_history(person)

    assert [(entry.title, entry.kind) for entry in entries] == [
        ("Person registered", "registry"),
        ("Person details changed", "registry"),
        ("Travel document added", "registry"),
    ]
    assert entries[1].detail == "Reason: Court decision 12/2026 (sex: F → X) by system:test (SMS)"
    assert entries[2].detail == "SWE AB123 by system:test (SMS)"
