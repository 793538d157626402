import string
from datetime import date, timedelta
from typing import Any, TypedDict

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from umis.people.names.mrz import MRZDate, build_td1, build_td3, parse_mrz

TODAY = date(2026, 6, 1)


class Fields(TypedDict):
    surname: str
    given_names: list[str]
    issuing_state: str
    nationality: str
    birth_date: date | MRZDate
    sex: str
    expiry_date: date


ERIKSSON: Fields = {
    "surname": "Eriksson",
    "given_names": ["Anna", "Maria"],
    "issuing_state": "UTO",
    "nationality": "UTO",
    "birth_date": date(1974, 8, 12),
    "sex": "F",
    "expiry_date": date(2012, 4, 15),
}


def test_td3_of_the_icao_specimen() -> None:
    # when
    text = build_td3(**ERIKSSON, document_number="L898902C3", optional_data="ZE184226B")
    # then
    assert text == (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
    )


def test_td1_of_the_icao_specimen() -> None:
    text = build_td1(**ERIKSSON, document_number="D23145890")
    assert text == (
        "I<UTOD231458907<<<<<<<<<<<<<<<\n"
        "7408122F1204159UTO<<<<<<<<<<<6\n"
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
    )


def test_td1_long_document_number_per_doc_9303_part_5() -> None:
    text = build_td1(**ERIKSSON, document_number="D23145890734", optional_data="AB12")
    assert text.splitlines()[0] == "I<UTOD23145890<7349<AB12<<<<<<"
    assert parse_mrz(text, today=TODAY).document_number == "D23145890734"


def test_names_are_transliterated_into_the_mrz_alphabet() -> None:
    # given an Azerbaijani name in Azerbaijani Latin
    text = build_td3(
        surname="Məmmədov",
        given_names="Gülnarə",
        document_number="C01X00T47",
        issuing_state="AZE",
        nationality="AZE",
        birth_date=date(1990, 1, 2),
        sex="X",
        expiry_date=date(2029, 1, 1),
    )
    # then Doc 9303 part 3 forms, and sex X written as a filler
    assert text == (
        "P<AZEMAMMADOV<<GUELNARA<<<<<<<<<<<<<<<<<<<<<\nC01X00T478AZE9001022<2901019<<<<<<<<<<<<<<<2"
    )
    assert parse_mrz(text, today=TODAY).sex == "X"


def td1_holder(surname: str, given_names: list[str], nationality: str) -> str:
    """The TD1 MRZ of an identity card of ``nationality`` (only the name varies)."""
    return build_td1(
        surname=surname,
        given_names=given_names,
        document_number="AA0000001",
        issuing_state="AZE",
        nationality=nationality,
        birth_date=date(1990, 1, 2),
        sex="F",
        expiry_date=date(2029, 1, 1),
    )


@pytest.mark.parametrize(
    ("surname", "given_names", "nationality", "name_line"),
    [
        pytest.param("О'Нил-Петрова", ["Юлия", "Анна-Мария"], "RUS",
                     "ONIL<PETROVA<<IULIIA<ANNA<MARI", id="cyrillic-hyphens-apostrophes"),
        pytest.param("单", ["田芳"], "CHN",
                     "SHAN<<TIANFANG<<<<<<<<<<<<<<<<", id="chinese-pinyin-surname-reading"),
    ],
)  # fmt: skip
def test_names_in_other_scripts_are_written_in_the_mrz_alphabet(
    surname: str, given_names: list[str], nationality: str, name_line: str
) -> None:
    text = td1_holder(surname, given_names, nationality)
    assert text.splitlines()[2] == name_line


def test_a_name_longer_than_the_field_is_cut_at_the_field_end() -> None:
    # given a name of 44 letters and separators for a 30-character field
    text = td1_holder("Abdurahmanov-Hasanzadeh", ["Muhammadali", "Abdulaziz"], "IRN")
    # then
    assert text.splitlines()[2] == "ABDURAHMANOV<HASANZADEH<<MUHAM"
    mrz = parse_mrz(text, today=TODAY)
    assert (mrz.surname, mrz.given_names) == ("ABDURAHMANOV HASANZADEH", ("MUHAM",))
    assert mrz.name_may_be_truncated


def test_birth_date_with_unknown_parts() -> None:
    text = build_td3(
        **(ERIKSSON | {"birth_date": MRZDate(1974, None, None)}), document_number="L898902C3"
    )
    assert text.splitlines()[1] == "L898902C36UTO74<<<<1F1204159<<<<<<<<<<<<<<<6"
    assert parse_mrz(text, today=TODAY).birth_date == MRZDate(1974, None, None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"document_number": "L898902C39"}, "document number 'L898902C39' is longer than 9"),
        ({"document_number": "L89-8902"}, "document number 'L89-8902' has characters outside"),
        ({"optional_data": "X" * 15}, "optional data 'XXXXXXXXXXXXXXX' is longer than 14"),
        ({"sex": "Q"}, "sex 'Q' is not M, F or X"),
        ({"surname": "Հայկ"}, "surname 'Հայկ' has no letters that can be written in an MRZ"),
        ({"issuing_state": "AZER"}, "issuing state 'AZER' is longer than 3"),
    ],
)
def test_td3_refuses_values_that_do_not_fit(changes: dict[str, str], message: str) -> None:
    values: dict[str, Any] = {**ERIKSSON, "document_number": "L898902C3", **changes}
    with pytest.raises(ValueError, match=message):
        build_td3(**values)


def test_td1_refuses_a_long_number_and_optional_data_that_do_not_fit_together() -> None:
    with pytest.raises(ValueError, match="document number continuation and optional data"):
        build_td1(**ERIKSSON, document_number="D23145890734", optional_data="ABCDEFGHIJK")


LETTERS = string.ascii_uppercase
ALNUM = string.ascii_uppercase + string.digits
name_parts = st.text(alphabet=LETTERS, min_size=1, max_size=9)
birth_dates = st.dates(min_value=date(TODAY.year - 100, 6, 2), max_value=TODAY)
expiry_dates = st.dates(min_value=date(TODAY.year - 50, 1, 1), max_value=date(2075, 12, 31))
states = st.sampled_from(["AZE", "UTO", "D", "RUS", "GEO", "IRN", "XXA"])
sexes = st.sampled_from("MFX")


def _fits(surname: list[str], given_names: list[str], width: int) -> bool:
    secondary = len("<".join(given_names))
    return len("<".join(surname)) + (2 + secondary if given_names else 0) <= width - 1


@given(
    surname=st.lists(name_parts, min_size=1, max_size=2),
    given_names=st.lists(name_parts, max_size=3),
    document_number=st.text(alphabet=ALNUM, min_size=1, max_size=9),
    document_code=st.sampled_from(["P", "PD", "PO"]),
    issuing_state=states,
    nationality=states,
    birth_date=birth_dates,
    sex=sexes,
    expiry_date=expiry_dates,
    optional_data=st.text(alphabet=ALNUM, max_size=14),
)
def test_td3_round_trip(
    surname: list[str],
    given_names: list[str],
    document_number: str,
    document_code: str,
    issuing_state: str,
    nationality: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    optional_data: str,
) -> None:
    assume(_fits(surname, given_names, 39))
    # when
    text = build_td3(
        surname=" ".join(surname),
        given_names=given_names,
        document_number=document_number,
        document_code=document_code,
        issuing_state=issuing_state,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=optional_data,
    )
    mrz = parse_mrz(text, today=TODAY)
    # then
    assert (mrz.format, mrz.document_code, mrz.issuing_state) == (
        "TD3",
        document_code,
        issuing_state,
    )
    assert (mrz.surname, mrz.given_names) == (" ".join(surname), tuple(given_names))
    assert (mrz.document_number, mrz.nationality, mrz.sex) == (document_number, nationality, sex)
    assert (mrz.birth_date, mrz.expiry_date) == (MRZDate.from_date(birth_date), expiry_date)
    assert (mrz.optional_data, mrz.warnings, mrz.name_may_be_truncated) == (
        optional_data,
        (),
        False,
    )


@given(
    surname=st.lists(name_parts, min_size=1, max_size=2),
    given_names=st.lists(name_parts, max_size=2),
    document_number=st.text(alphabet=ALNUM, min_size=1, max_size=16),
    issuing_state=states,
    nationality=states,
    birth_date=birth_dates,
    sex=sexes,
    expiry_date=expiry_dates,
    optional_data=st.text(alphabet=ALNUM, max_size=6),
    optional_data_2=st.text(alphabet=ALNUM, max_size=11),
)
def test_td1_round_trip(
    surname: list[str],
    given_names: list[str],
    document_number: str,
    issuing_state: str,
    nationality: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    optional_data: str,
    optional_data_2: str,
) -> None:
    assume(_fits(surname, given_names, 30))
    text = build_td1(
        surname=" ".join(surname),
        given_names=given_names,
        document_number=document_number,
        issuing_state=issuing_state,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=optional_data,
        optional_data_2=optional_data_2,
    )
    mrz = parse_mrz(text, today=TODAY)
    assert (mrz.format, mrz.document_code, mrz.issuing_state) == ("TD1", "I", issuing_state)
    assert (mrz.surname, mrz.given_names) == (" ".join(surname), tuple(given_names))
    assert (mrz.document_number, mrz.nationality, mrz.sex) == (document_number, nationality, sex)
    assert (mrz.birth_date, mrz.expiry_date) == (MRZDate.from_date(birth_date), expiry_date)
    assert (mrz.optional_data, mrz.optional_data_2, mrz.warnings) == (
        optional_data,
        optional_data_2,
        (),
    )


@given(birth_date=birth_dates)
def test_the_oldest_and_youngest_birth_dates_keep_their_century(birth_date: date) -> None:
    text = build_td3(**(ERIKSSON | {"birth_date": birth_date}), document_number="L898902C3")
    parsed = parse_mrz(text, today=TODAY).birth_date.as_date()
    assert parsed is not None
    assert parsed == birth_date
    assert TODAY - timedelta(days=36525) < parsed <= TODAY
