"""The comparable columns: one person written in several scripts gives one set of values."""

import pytest

from umis.identity.engine.canonical import CANONICAL_COLUMNS
from umis.identity.engine.features import address_bits, features, name_features


def _record(**values: str) -> dict[str, str]:
    record = dict.fromkeys(CANONICAL_COLUMNS, "")
    return record | {"id": "1"} | values


@pytest.mark.parametrize(
    ("surname", "given"),
    [("Məmmədov", "Əli"), ("MAMMADOV", "ALI"), ("MAMEDOV", "ALI"), ("Мамедов", "Али")],
)
def test_spellings_of_one_name_give_the_same_skeletons(surname: str, given: str) -> None:
    assert name_features(surname, given, "") == {
        "surname": "MAMADOV",
        "given": "ALI",
        "given_first": "ALI",
        "patronymic": None,
        "surname_ph": "MMTV",
        "given_ph": "AL",
        "name_all": "ALI MAMADOV",
    }


def test_word_order_does_not_change_the_whole_name() -> None:
    straight = name_features("ERIKSSON", "ANNA MARIA", "")
    swapped = name_features("ANNA MARIA", "ERIKSSON", "")
    assert straight["name_all"] == swapped["name_all"] == "ANA ARIHSON MARIA"
    assert straight["given_first"] == swapped["surname"].split()[0] == "ANA"


def test_patronymic_markers_are_dropped() -> None:
    assert name_features("Əliyev", "Rəşad", "Vüqar oğlu")["patronymic"] == "VUGAR"


def test_partial_date_keeps_unknown_parts_empty() -> None:
    row = features(0, _record(date_of_birth="1980-05-00"))
    assert (row["dob_y"], row["dob_m"], row["dob_d"], row["dob"]) == (1980, 5, None, None)
    full = features(0, _record(date_of_birth="1980-05-12"))
    assert full["dob"] == "1980-05-12"


def test_document_numbers_lose_separators_and_empty_values_are_null() -> None:
    row = features(3, _record(document_number="c 0123-4567", sex="X"))
    assert row["document"] == "C01234567"
    assert row["uid"] == 3
    assert row["sex"] is None
    assert row["surname"] is None
    assert row["address"] is None


def test_address_bits_count_shared_words() -> None:
    first, second = address_bits("Baku, Nizami küç. 5"), address_bits("BAKU NIZAMI KÜÇ 5")
    assert first == second
    assert first is not None
    assert first.bit_count() == 4
    assert address_bits("12 Rustaveli") != address_bits("14 Rustaveli")
    assert address_bits("") is None
