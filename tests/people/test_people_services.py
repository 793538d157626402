"""Writes to the registry: register, correct, add names, documents, identifiers, addresses.

Every write is one transaction with its audit event; a refused write leaves
every table as it was.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from people_factories import events_of, officer_actor, person_input, registered, row_counts

from factories import MovableClock
from umis.core.errors import NotAllowed, ValidationFailed
from umis.core.partial_dates import PartialDate
from umis.core.permissions import Actor
from umis.people import events
from umis.people.indexing import name_forms_split
from umis.people.inputs import AddressInput, DocumentInput, IdentifierInput, NameInput
from umis.people.models import PERSON_NUMBERS, Person
from umis.people.search import SearchCriteria, person_search
from umis.people.services import (
    person_address_add,
    person_document_add,
    person_identifier_add,
    person_name_add,
    person_register,
    person_update,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

SYSTEM = Actor.system("tests")
PASSPORT = DocumentInput(
    "passport", "75 1234567", "RUS", date(2020, 1, 15), date(2030, 1, 15), source="border"
)
FIN = IdentifierInput("fin", " 5abc12d ", issued_by="SMS")
BAKU_FLAT = AddressInput("stay", "Nizami küç. 10, m. 5", "AZE", city="Bakı")


def refused_with(call: Callable[[], object]) -> dict[str, list[str]]:
    with pytest.raises(ValidationFailed) as refused:
        call()
    return refused.value.errors


def found_by(text: str) -> list[str]:
    return [hit.person.number for hit in person_search(SearchCriteria(text=text)).hits]


# Register


def test_register_stores_every_part_of_the_record() -> None:
    # given a registration with a name in two scripts, a passport, a FIN and an address
    data = person_input(
        NameInput("PETROV", "SERGEI", source="mrz"),
        NameInput("Петров", "Сергей", "Иванович", kind="original"),
        born="1979-11",
        place_of_birth="Tula",
        country_of_birth="RUS",
        documents=[PASSPORT],
        identifiers=[FIN],
        addresses=[BAKU_FLAT],
    )

    # when the system registers it
    person = person_register(actor=SYSTEM, data=data, source="border", source_ref="BS-1")

    # then the person has a valid number and every part, normalised as compared later
    assert PERSON_NUMBERS.is_valid(person.number)
    person = Person.objects.get(pk=person.pk)
    assert (person.sex, str(person.birth_date), person.place_of_birth) == ("M", "1979-11", "Tula")
    assert (person.country_of_birth_id, person.citizenship_status) == ("RUS", "citizen")
    assert [c.country_id for c in person.citizenships.all()] == ["RUS"]
    names = person.names.order_by("pk").values_list(
        "kind", "script", "latin", "comparable", "source"
    )
    assert list(names) == [
        ("document", "Latn", "PETROV SERGEI", "~BATROV SARKAI", "mrz"),
        ("original", "Cyrl", "PETROV SERGEI IVANOVICH", "~BATROV SARKAI IVANOVIJ", ""),
    ]
    assert person.name_forms == "~BATROV SARKAI|~BATROV SARKAI IVANOVIJ"  # what search scores
    document = person.documents.get()
    assert (document.number, document.number_normalised, document.issuing_state_id) == (
        "75 1234567",
        "751234567",
        "RUS",
    )
    assert (document.issued_on, document.expires_on) == (date(2020, 1, 15), date(2030, 1, 15))
    identifier = person.identifiers.get()
    assert (identifier.kind, identifier.value, identifier.issued_by) == ("fin", "5ABC12D", "SMS")
    address = person.addresses.get()
    assert (address.kind, address.line, address.city, address.country_id) == (
        "stay",
        "Nizami küç. 10, m. 5",
        "Bakı",
        "AZE",
    )
    # and one audit event says who registered whom, from which source
    [event] = events_of(events.PERSON_REGISTERED)
    assert (event.subject_id, event.actor_username, event.purpose) == (
        str(person.pk),
        "system:tests",
        "registration",
    )
    assert event.extra == {"number": person.number, "source": "border"}


def test_registered_person_is_findable_by_every_name_at_once() -> None:
    # given a person registered with an MRZ name and an original-script name
    person = registered(NameInput("PETROV", "SERGEI"), NameInput("Петров", "Сергей"))

    # when searching by either, then the keys written at registration find the person
    assert found_by("PETROV SERGEI") == [person.number]
    assert found_by("Петров Сергей") == [person.number]


def test_register_again_with_the_same_source_reference_returns_the_first_person() -> None:
    # given a person registered from the border service's record BS-1
    first = person_register(actor=SYSTEM, data=person_input(), source="SBS", source_ref="BS-1")
    before = row_counts()

    # when the same record arrives again, even with other details
    again = person_register(
        actor=SYSTEM,
        data=person_input(NameInput("SIDOROV", "PAVEL")),
        source="SBS",
        source_ref="BS-1",
    )

    # then it is the same person and nothing was written
    assert again.pk == first.pk
    assert row_counts() == before


def test_the_same_reference_from_another_source_is_another_record() -> None:
    first = person_register(actor=SYSTEM, data=person_input(), source="SBS", source_ref="1")

    second = person_register(actor=SYSTEM, data=person_input(), source="MIA", source_ref="1")

    assert second.pk != first.pk
    assert Person.objects.count() == 2


def test_unknown_country_codes_are_named_on_each_field_and_nothing_is_saved() -> None:
    # given a registration with an unknown code in four different places
    data = person_input(
        citizenships=["RUS", "ZZZ"],
        country_of_birth="QQQ",
        documents=[DocumentInput("passport", "751234567", "XYZ")],
        addresses=[AddressInput("stay", "Nizami 10", "ABC")],
    )
    before = row_counts()

    # when it is registered
    errors = refused_with(lambda: person_register(actor=SYSTEM, data=data))

    # then each field has its own message and no table changed
    assert errors == {
        "citizenships.1": ["Unknown country code ZZZ."],
        "addresses.0.country": ["Unknown country code ABC."],
        "country_of_birth": ["Unknown country code QQQ."],
        "documents.0.issuing_state": ["Unknown country code XYZ."],
    }
    assert row_counts() == before


@pytest.mark.parametrize("status", ["stateless", "undetermined"])
def test_a_person_without_citizenship_cannot_list_one(status: str) -> None:
    before = row_counts()

    errors = refused_with(lambda: registered(citizenship_status=status, citizenships=["RUS"]))

    assert errors == {
        "citizenships": [
            "A stateless person or one of undetermined citizenship has no citizenship to list."
        ]
    }
    assert row_counts() == before


def test_a_citizen_needs_a_citizenship_and_a_stateless_person_is_registered_without() -> None:
    errors = refused_with(lambda: registered(citizenships=[]))

    stateless = registered(citizenship_status="stateless", citizenships=[])

    assert list(errors) == ["citizenships"]
    assert (stateless.citizenship_status, stateless.citizenships.count()) == ("stateless", 0)


def test_a_document_registered_to_someone_else_is_refused_whatever_its_spacing() -> None:
    # given a person holding Russian passport 75 1234567
    registered(documents=[PASSPORT])
    before = row_counts()

    # when another person is registered with the same passport written without the space
    same = DocumentInput("passport", "751234567", "RUS")
    errors = refused_with(lambda: registered(NameInput("SIDOROV", "PAVEL"), documents=[same]))

    # then the number is refused on its field and nothing is written
    assert errors == {
        "documents.0.number": ["This document is already registered to another person."]
    }
    assert row_counts() == before


def test_an_identifier_registered_to_someone_else_is_refused_whatever_its_case() -> None:
    registered(identifiers=[IdentifierInput("fin", "5ABC12D")])
    before = row_counts()

    errors = refused_with(
        lambda: registered(
            NameInput("SIDOROV", "PAVEL"), identifiers=[IdentifierInput("fin", "5abc12d")]
        )
    )

    assert errors == {"identifiers.0.value": ["This identifier already belongs to another person."]}
    assert row_counts() == before


def test_the_same_document_twice_in_one_registration_is_refused_on_the_second() -> None:
    before = row_counts()

    errors = refused_with(
        lambda: registered(documents=[PASSPORT, DocumentInput("passport", "751234567", "RUS")])
    )

    assert errors == {"documents.1.number": ["This document is given twice."]}
    assert row_counts() == before


def test_the_same_identifier_twice_in_one_registration_is_refused_on_the_second() -> None:
    before = row_counts()

    errors = refused_with(lambda: registered(identifiers=[FIN, IdentifierInput("fin", "5ABC12D")]))

    assert errors == {"identifiers.1.value": ["This identifier is given twice."]}
    assert row_counts() == before


def test_the_same_citizenship_twice_is_refused_on_the_second() -> None:
    before = row_counts()

    errors = refused_with(lambda: registered(citizenships=["RUS", "rus".upper()]))

    assert errors == {"citizenships.1": ["This citizenship is given twice."]}
    assert row_counts() == before


def test_a_name_without_surname_or_given_names_is_refused_on_its_place() -> None:
    before = row_counts()

    errors = refused_with(
        lambda: registered(NameInput("IVANOV", "IVAN"), NameInput("  ", " ", "IVANOVICH"))
    )
    no_names = refused_with(
        lambda: person_register(actor=SYSTEM, data=replace(person_input(), names=[]))
    )

    assert errors == {"names.1": ["A name needs a surname or given names."]}
    assert no_names == {"names": ["Give at least one name."]}
    assert row_counts() == before


def test_a_date_of_birth_after_today_is_refused(clock: MovableClock) -> None:
    # given today is 2 March 2026 (see the clock fixture)
    before = row_counts()

    # when a person born on 3 March 2026 is registered
    errors = refused_with(lambda: registered(born="2026-03-03"))

    # then the date of birth is refused and nothing is saved
    assert errors == {"birth_date": ["The date of birth is in the future."]}
    assert row_counts() == before


def test_a_year_of_birth_that_has_begun_is_not_in_the_future(clock: MovableClock) -> None:
    # given today is 2 March 2026: a child born "in 2026" was born before today
    child = registered(born="2026")

    assert str(child.birth_date) == "2026"


def test_text_that_no_database_can_store_is_refused_on_its_field() -> None:
    # given a registration with a NUL character (PostgreSQL refuses it in any text column)
    before = row_counts()
    data = person_input(
        NameInput("IVA\x00NOV", "IVAN"), identifiers=[IdentifierInput("fin", "5ABC\x0012D")]
    )

    # when it is registered, then each such field is named and nothing is written
    errors = refused_with(
        lambda: person_register(actor=SYSTEM, data=data, source="SBS", source_ref="R\x001")
    )
    assert errors == {"source_ref": ["Remove the NUL control character from this text."]}
    errors = refused_with(lambda: person_register(actor=SYSTEM, data=data))
    assert errors == {
        "names.0.surname": ["Remove the NUL control character from this text."],
        "identifiers.0.value": ["Remove the NUL control character from this text."],
    }
    assert row_counts() == before


def test_every_refusal_is_reported_at_once() -> None:
    errors = refused_with(
        lambda: registered(
            NameInput(""),
            sex="Q",
            citizenships=["ZZZ"],
            identifiers=[IdentifierInput("passport_office", "1")],
        )
    )

    assert set(errors) == {"sex", "names.0", "citizenships.0", "identifiers.0.kind"}


# Corrections


def test_update_with_a_reason_records_the_old_and_new_values() -> None:
    # given a person known to be born in 1985
    person = registered(born="1985")

    # when an officer corrects the date of birth and place of birth, giving a reason
    editor = officer_actor("front_desk")
    person_update(
        actor=editor,
        person=person,
        changes={"birth_date": PartialDate(1985, 3, 14), "place_of_birth": "Tula", "sex": "M"},
        reason="  Seen in the new passport ",
    )

    # then the record holds the new values and the audit event the old ones, the new
    # ones and the reason, only for the fields that changed
    person.refresh_from_db()
    assert (str(person.birth_date), person.place_of_birth) == ("1985-03-14", "Tula")
    [event] = events_of(events.PERSON_UPDATED)
    assert event.actor_username == editor.username
    assert event.extra == {
        "reason": "Seen in the new passport",
        "before": {"birth_date": "1985", "place_of_birth": ""},
        "after": {"birth_date": "1985-03-14", "place_of_birth": "Tula"},
    }


def test_update_without_a_reason_is_refused_and_changes_nothing() -> None:
    person = registered(born="1985")
    before = row_counts()

    errors = refused_with(
        lambda: person_update(
            actor=SYSTEM, person=person, changes={"place_of_birth": "Tula"}, reason="  "
        )
    )

    assert errors == {"reason": ["Say why the record is being changed."]}
    assert Person.objects.get(pk=person.pk).place_of_birth == ""
    assert row_counts() == before


def test_a_correction_with_a_nul_character_is_refused() -> None:
    person = registered()
    before = row_counts()

    for changes, reason in (({"place_of_birth": "Tu\x00la"}, "Seen"), ({"sex": "F"}, "S\x00een")):
        with pytest.raises(ValidationFailed):
            person_update(actor=SYSTEM, person=person, changes=changes, reason=reason)

    assert row_counts() == before


def test_a_citizen_cannot_be_made_stateless_while_citizenships_are_listed() -> None:
    person = registered(citizenships=["RUS"])
    before = row_counts()

    errors = refused_with(
        lambda: person_update(
            actor=SYSTEM,
            person=person,
            changes={"citizenship_status": "stateless"},
            reason="Declared stateless",
        )
    )

    assert errors == {
        "citizenships": [
            "A stateless person or one of undetermined citizenship has no citizenship to list."
        ]
    }
    assert Person.objects.get(pk=person.pk).citizenship_status == "citizen"
    assert row_counts() == before


def test_a_stateless_person_cannot_become_a_citizen_of_no_state() -> None:
    person = registered(citizenship_status="stateless", citizenships=[])

    errors = refused_with(
        lambda: person_update(
            actor=SYSTEM, person=person, changes={"citizenship_status": "citizen"}, reason="x"
        )
    )

    assert list(errors) == ["citizenships"]


def test_update_with_a_date_of_birth_in_the_future_is_refused(clock: MovableClock) -> None:
    person = registered(born="1985")

    errors = refused_with(
        lambda: person_update(
            actor=SYSTEM,
            person=person,
            changes={"birth_date": PartialDate(2026, 12)},
            reason="Typo",
        )
    )

    assert errors == {"birth_date": ["The date of birth is in the future."]}


def test_update_with_an_unknown_country_of_birth_is_refused_on_that_field() -> None:
    person = registered()

    errors = refused_with(
        lambda: person_update(
            actor=SYSTEM, person=person, changes={"country_of_birth_id": "ZZZ"}, reason="x"
        )
    )

    assert errors == {"country_of_birth": ["Unknown country code ZZZ."]}
    assert Person.objects.get(pk=person.pk).country_of_birth_id is None


def test_an_update_that_changes_nothing_writes_nothing() -> None:
    person = registered(born="1985")
    before = row_counts()

    person_update(
        actor=SYSTEM,
        person=person,
        changes={"sex": "M", "birth_date": PartialDate(1985)},
        reason="x",
    )

    assert row_counts() == before


def test_a_corrected_year_of_birth_is_what_search_narrows_on() -> None:
    # given a person registered as born in 1985
    person = registered(born="1985")

    # when the year is corrected to 1958
    person_update(
        actor=SYSTEM, person=person, changes={"birth_date": PartialDate(1958)}, reason="Typo"
    )

    # then a search narrowed to 1958 finds the person and one narrowed to 1985 does not
    assert born_in(1958) == [person.number]
    assert born_in(1985) == []


def born_in(year: int) -> list[str]:
    criteria = SearchCriteria("IVANOV IVAN", birth_date=PartialDate(year), birth_mode="year")
    return [hit.person.number for hit in person_search(criteria).hits]


# Adding to a record


def test_adding_a_name_makes_it_searchable_and_is_audited() -> None:
    person = registered()

    row = person_name_add(
        actor=SYSTEM, person=person, name=NameInput("SMIRNOV", "IVAN", kind="alias")
    )

    assert (row.kind, row.script, row.latin, row.comparable) == (
        "alias",
        "Latn",
        "SMIRNOV IVAN",
        "~SMIRNOV IVAN",
    )
    person.refresh_from_db()
    assert "~SMIRNOV IVAN" in name_forms_split(person.name_forms)
    assert found_by("SMIRNOV IVAN") == [person.number]
    [event] = events_of(events.NAME_ADDED)
    assert (event.subject_id, event.extra) == (
        str(person.pk),
        {"name": "SMIRNOV IVAN", "kind": "alias"},
    )


def test_adding_a_document_is_audited_with_its_normalised_number() -> None:
    person = registered()

    row = person_document_add(actor=SYSTEM, person=person, document=PASSPORT)

    assert row.number_normalised == "751234567"
    [event] = events_of(events.DOCUMENT_ADDED)
    assert (event.subject_id, event.extra) == (
        str(person.pk),
        {"document": "751234567", "state": "RUS"},
    )


def test_adding_an_identifier_is_audited_without_its_value() -> None:
    person = registered()

    row = person_identifier_add(actor=SYSTEM, person=person, identifier=FIN)

    assert row.value == "5ABC12D"
    [event] = events_of(events.IDENTIFIER_ADDED)
    assert (event.subject_id, event.extra) == (str(person.pk), {"kind": "fin"})


def test_adding_an_address_is_audited() -> None:
    person = registered()

    row = person_address_add(actor=SYSTEM, person=person, address=BAKU_FLAT)

    assert (row.line, row.city, row.country_id) == ("Nizami küç. 10, m. 5", "Bakı", "AZE")
    [event] = events_of(events.ADDRESS_ADDED)
    assert (event.subject_id, event.extra) == (str(person.pk), {"kind": "stay"})


@pytest.mark.parametrize(
    ("add", "item", "errors"),
    [
        (
            person_name_add,
            {"name": NameInput("", "")},
            {"name": ["A name needs a surname or given names."]},
        ),
        (
            person_document_add,
            {"document": DocumentInput("passport", "75-1234567", "RUS")},
            {"document.number": ["This document is already registered to another person."]},
        ),
        (
            person_document_add,
            {"document": DocumentInput("passport", "9", "RUS", date(2020, 1, 2), date(2020, 1, 1))},
            {"document.expires_on": ["The document expires before it was issued."]},
        ),
        (
            person_identifier_add,
            {"identifier": IdentifierInput("fin", "5abc12d")},
            {"identifier.value": ["This identifier already belongs to another person."]},
        ),
        (
            person_address_add,
            {
                "address": AddressInput(
                    "stay",
                    "Nizami 10",
                    "AZE",
                    valid_from=date(2026, 2, 1),
                    valid_to=date(2026, 1, 1),
                )
            },
            {"address.valid_to": ["The period ends before it starts."]},
        ),
        (
            person_identifier_add,
            {"identifier": IdentifierInput("tax", "12\x0034")},
            {"identifier.value": ["Remove the NUL control character from this text."]},
        ),
        (
            person_address_add,
            {"address": AddressInput("stay", " ", "ZZZ")},
            {
                "address.line": ["Give the address."],
                "address.country": ["Unknown country code ZZZ."],
            },
        ),
    ],
)
def test_a_refused_addition_names_its_field_and_writes_nothing(
    add: Callable[..., object], item: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    # given a person holding passport 751234567 and FIN 5ABC12D
    person = registered(documents=[PASSPORT], identifiers=[FIN])
    before = row_counts()

    # when a bad item is added, then it is refused on its field and nothing is written
    assert refused_with(lambda: add(actor=SYSTEM, person=person, **item)) == errors
    assert row_counts() == before


# Permissions


@pytest.mark.parametrize(
    ("role_code", "write"),
    [
        ("inspector", lambda actor, person: registered_by(actor)),
        (
            "inspector",
            lambda actor, person: person_update(
                actor=actor, person=person, changes={"sex": "F"}, reason="x"
            ),
        ),
        (
            "agency_liaison",
            lambda actor, person: person_update(
                actor=actor, person=person, changes={"sex": "F"}, reason="x"
            ),
        ),
        (
            "inspector",
            lambda actor, person: person_name_add(
                actor=actor, person=person, name=NameInput("X", "Y")
            ),
        ),
        (
            "inspector",
            lambda actor, person: person_document_add(
                actor=actor, person=person, document=PASSPORT
            ),
        ),
        (
            "inspector",
            lambda actor, person: person_identifier_add(actor=actor, person=person, identifier=FIN),
        ),
        (
            "analyst",
            lambda actor, person: person_address_add(actor=actor, person=person, address=BAKU_FLAT),
        ),
    ],
)
def test_a_role_without_the_permission_is_refused_and_nothing_is_written(
    role_code: str, write: Callable[[Actor, Person], object]
) -> None:
    person = registered()
    actor = officer_actor(role_code)
    before = row_counts()

    with pytest.raises(NotAllowed):
        write(actor, person)

    assert row_counts() == before
    assert Person.objects.get(pk=person.pk).sex == "M"


def registered_by(actor: Actor) -> Person:
    return person_register(actor=actor, data=person_input(NameInput("SIDOROV", "PAVEL")))


def test_another_agency_may_register_but_not_correct() -> None:
    # given the border service's liaison officer (register, no edit)
    liaison = officer_actor("agency_liaison", "SBS")

    person = registered_by(liaison)

    [event] = events_of(events.PERSON_REGISTERED)
    assert (event.subject_id, event.agency_code, event.role_code) == (
        str(person.pk),
        "SBS",
        "agency_liaison",
    )
