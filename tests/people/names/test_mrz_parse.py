from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from umis.people.names.mrz import MRZ, MRZDate, MRZError, MRZIssue, check_digit, parse_mrz
from umis.people.names.mrz.core import ALPHABET

TODAY = date(2026, 6, 1)

# ICAO Doc 9303 specimens (domain.md; TD2 from part 6).
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"

TD3_NAME_LINE = TD3.splitlines()[0]


def td3_line2(
    *,
    number: str = "L898902C3",
    birth: str = "740812",
    sex: str = "F",
    expiry: str = "120415",
    optional: str = "ZE184226B<<<<<",
) -> str:
    """A TD3 second line with correct check digits around the given field values."""
    body = (
        f"{number}{check_digit(number)}UTO{birth}{check_digit(birth)}{sex}"
        f"{expiry}{check_digit(expiry)}{optional}{check_digit(optional)}"
    )
    return body + check_digit(body[0:10] + body[13:20] + body[21:43])


def test_check_digit_weights_7_3_1_over_character_values() -> None:
    # given the values: digits as such, A-Z 10-35, < zero
    # then
    assert check_digit("") == "0"
    assert check_digit("<") == "0"
    assert check_digit("1") == "7"
    assert check_digit("01") == "3"
    assert check_digit("001") == "1"
    assert check_digit("B") == "7"  # 11 x 7 = 77
    assert check_digit("Z") == "5"  # 35 x 7 = 245
    assert check_digit("1111") == "8"  # 7 + 3 + 1 + 7 = 18


def test_check_digit_of_the_specimen_fields() -> None:
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"
    assert check_digit("ZE184226B<<<<<") == "1"
    assert check_digit("D23145890") == "7"


def test_check_digit_refuses_characters_outside_the_mrz_alphabet() -> None:
    with pytest.raises(ValueError, match="'a' is not an MRZ character"):
        check_digit("a")


def test_td3_specimen_parses_to_exact_fields() -> None:
    # when
    mrz = parse_mrz(TD3, today=TODAY)
    # then
    assert mrz == MRZ(
        format="TD3",
        document_code="P",
        issuing_state="UTO",
        surname="ERIKSSON",
        given_names=("ANNA", "MARIA"),
        document_number="L898902C3",
        nationality="UTO",
        birth_date=MRZDate(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        optional_data="ZE184226B",
        optional_data_2="",
        name_may_be_truncated=False,
        lines=tuple(TD3.splitlines()),
        warnings=(),
    )
    assert mrz.birth_date.as_date() == date(1974, 8, 12)


def test_td1_specimen_parses_to_exact_fields() -> None:
    mrz = parse_mrz(TD1, today=TODAY)
    assert mrz == MRZ(
        format="TD1",
        document_code="I",
        issuing_state="UTO",
        surname="ERIKSSON",
        given_names=("ANNA", "MARIA"),
        document_number="D23145890",
        nationality="UTO",
        birth_date=MRZDate(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        optional_data="",
        optional_data_2="",
        name_may_be_truncated=False,
        lines=tuple(TD1.splitlines()),
    )


def test_td2_specimen_parses_to_exact_fields() -> None:
    mrz = parse_mrz(TD2, today=TODAY)
    assert (mrz.format, mrz.document_code, mrz.document_number) == ("TD2", "I", "D23145890")
    assert (mrz.surname, mrz.given_names) == ("ERIKSSON", ("ANNA", "MARIA"))
    assert (mrz.birth_date, mrz.sex, mrz.expiry_date) == (
        MRZDate(1974, 8, 12),
        "F",
        date(2012, 4, 15),
    )
    assert (mrz.nationality, mrz.optional_data) == ("UTO", "")


def test_surrounding_whitespace_lower_case_and_crlf_are_tolerated() -> None:
    # given a pasted MRZ
    pasted = "\r\n  " + TD3.lower().replace("\n", "  \r\n\r\n   ") + "  \r\n"
    # when / then
    assert parse_mrz(pasted, today=TODAY) == parse_mrz(TD3, today=TODAY)


def test_td1_long_document_number_continues_in_the_optional_data() -> None:
    # given Doc 9303 part 5: D23145890734, filler at position 15, check digit 9 after 734
    text = (
        "I<UTOD23145890<7349<<<<<<<<<<<\n"
        "7408122F1204159UTO<<<<<<<<<<<6\n"
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
    )
    # when
    mrz = parse_mrz(text, today=TODAY)
    # then
    assert (mrz.document_number, mrz.optional_data) == ("D23145890734", "")


def test_td1_long_document_number_of_ten_characters() -> None:
    text = (
        "IDUTO123456789<07<<<<<<<<<<<<<\n"
        "8601012M3001019UTO<<<<<<<<<<<6\n"
        "SPECIMEN<<JANE<<<<<<<<<<<<<<<<"
    )
    mrz = parse_mrz(text, today=TODAY)
    assert (mrz.document_code, mrz.document_number, mrz.optional_data) == ("ID", "1234567890", "")
    assert (mrz.birth_date, mrz.expiry_date, mrz.sex) == (
        MRZDate(1986, 1, 1),
        date(2030, 1, 1),
        "M",
    )


def test_td1_optional_data_after_a_long_document_number() -> None:
    text = (
        "I<UTOD23145890<7349<AB12<<<<<<\n"
        "7408122F1204159UTO<<<<<<<<<<<4\n"
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
    )
    mrz = parse_mrz(text, today=TODAY)
    assert (mrz.document_number, mrz.optional_data) == ("D23145890734", "AB12")


def test_td2_long_document_number_continues_in_the_optional_data() -> None:
    text = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD23145890<UTO7408122F12041597349<<<2"
    mrz = parse_mrz(text, today=TODAY)
    assert (mrz.document_number, mrz.optional_data) == ("D23145890734", "")


def test_birth_date_with_unknown_month_and_day() -> None:
    # given a birth date of 74<<<<: only the year is known
    text = f"{TD3_NAME_LINE}\n{td3_line2(birth='74<<<<')}"
    # when
    mrz = parse_mrz(text, today=TODAY)
    # then
    assert mrz.birth_date == MRZDate(1974, None, None)
    assert mrz.birth_date.as_date() is None
    assert not mrz.birth_date.is_complete


def test_birth_date_entirely_unknown() -> None:
    text = f"{TD3_NAME_LINE}\n{td3_line2(birth='<<<<<<')}"
    assert parse_mrz(text, today=TODAY).birth_date == MRZDate(None, None, None)


def test_29_february_with_unknown_year_is_accepted() -> None:
    text = f"{TD3_NAME_LINE}\n{td3_line2(birth='<<0229')}"
    assert parse_mrz(text, today=TODAY).birth_date == MRZDate(None, 2, 29)


@pytest.mark.parametrize(
    ("birth", "expected_year"),
    [
        ("260601", 2026),  # today itself
        ("260602", 1926),  # tomorrow a hundred years ago, not tomorrow
        ("261231", 1926),
        ("000101", 2000),
        ("991231", 1999),
        ("27<<<<", 1927),
        ("26<<<<", 2026),
    ],
)
def test_birth_year_is_the_latest_not_after_today(birth: str, expected_year: int) -> None:
    text = f"{TD3_NAME_LINE}\n{td3_line2(birth=birth)}"
    assert parse_mrz(text, today=TODAY).birth_date.year == expected_year


@pytest.mark.parametrize(
    ("expiry", "expected"),
    [
        ("120415", date(2012, 4, 15)),
        ("760101", date(1976, 1, 1)),  # today.year - 50
        ("751231", date(2075, 12, 31)),  # today.year + 49
        ("310630", date(2031, 6, 30)),
    ],
)
def test_expiry_year_lies_within_fifty_years_of_today(expiry: str, expected: date) -> None:
    text = f"{TD3_NAME_LINE}\n{td3_line2(expiry=expiry)}"
    assert parse_mrz(text, today=TODAY).expiry_date == expected


def test_expiry_of_fillers_only_is_no_expiry() -> None:
    text = f"{TD3_NAME_LINE}\n{td3_line2(expiry='<<<<<<')}"
    assert parse_mrz(text, today=TODAY).expiry_date is None


@pytest.mark.parametrize(("written", "expected"), [("M", "M"), ("F", "F"), ("<", "X"), ("X", "X")])
def test_sex(written: str, expected: str) -> None:
    text = f"{TD3_NAME_LINE}\n{td3_line2(sex=written)}"
    assert parse_mrz(text, today=TODAY).sex == expected


@pytest.mark.parametrize("digit", ["<", "0"])
def test_empty_personal_number_may_have_filler_or_zero_check_digit(digit: str) -> None:
    body = "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<" + digit
    line2 = body + check_digit(body[0:10] + body[13:20] + body[21:43])
    mrz = parse_mrz(f"{TD3_NAME_LINE}\n{line2}", today=TODAY)
    assert mrz.optional_data == ""


def test_surname_components_and_a_name_that_fills_the_field() -> None:
    # given a name field that ends in a letter
    name_line = "P<UTODE<LA<CRUZ<<MARIA<JOSE<ANTONIA<GUADALUP"
    # when
    mrz = parse_mrz(f"{name_line}\n{td3_line2()}", today=TODAY)
    # then
    assert mrz.surname == "DE LA CRUZ"
    assert mrz.given_names == ("MARIA", "JOSE", "ANTONIA", "GUADALUP")
    assert mrz.name_may_be_truncated


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (TD3.splitlines()[0], "found 1 lines; expected 3 (TD1) or 2 (TD2, TD3)"),
        (TD1 + "\n" + TD3_NAME_LINE[:30], "found 4 lines; expected 3 (TD1) or 2 (TD2, TD3)"),
        ("", "found 0 lines; expected 3 (TD1) or 2 (TD2, TD3)"),
    ],
)
def test_wrong_line_count(text: str, message: str) -> None:
    with pytest.raises(MRZError) as raised:
        parse_mrz(text, today=TODAY)
    assert raised.value.issue == MRZIssue("line_count", message, 0, 0)


def test_a_line_one_character_short() -> None:
    # given a TD3 whose second line lost a character
    text = TD3[:-1]
    # when
    with pytest.raises(MRZError) as raised:
        parse_mrz(text, today=TODAY)
    # then
    assert raised.value.issue == MRZIssue(
        "line_length", "line 2 has 43 characters; a TD3 line has 44", 2, 44
    )


def test_two_lines_of_no_known_length() -> None:
    with pytest.raises(MRZError) as raised:
        parse_mrz("P<UTO" + "<" * 35 + "\n" + "1" * 40, today=TODAY)
    assert raised.value.issue == MRZIssue(
        "line_length", "line 1 has 40 characters; expected 36 (TD2) or 44 (TD3)", 1, 41
    )


def test_a_td1_line_too_long() -> None:
    text = TD1 + "<"
    with pytest.raises(MRZError) as raised:
        parse_mrz(text, today=TODAY)
    assert raised.value.issue == MRZIssue(
        "line_length", "line 3 has 31 characters; a TD1 line has 30", 3, 31
    )


@pytest.mark.parametrize(("char", "column"), [("«", 14), ("-", 1), (" ", 20), ("É", 44)])
def test_a_character_outside_the_alphabet(char: str, column: int) -> None:
    line1 = TD3_NAME_LINE[: column - 1] + char + TD3_NAME_LINE[column:]
    with pytest.raises(MRZError) as raised:
        parse_mrz(f"{line1}\n{td3_line2()}", today=TODAY)
    assert raised.value.issue == MRZIssue(
        "bad_character", f"found {char!r}; an MRZ holds only A-Z, 0-9 and <", 1, column
    )


CHECK_DIGITS = [
    (TD3, 2, 10, "check_digit_document_number"),
    (TD3, 2, 20, "check_digit_birth_date"),
    (TD3, 2, 28, "check_digit_expiry_date"),
    (TD3, 2, 43, "check_digit_optional"),
    (TD3, 2, 44, "check_digit_composite"),
    (TD2, 2, 10, "check_digit_document_number"),
    (TD2, 2, 20, "check_digit_birth_date"),
    (TD2, 2, 28, "check_digit_expiry_date"),
    (TD2, 2, 36, "check_digit_composite"),
    (TD1, 1, 15, "check_digit_document_number"),
    (TD1, 2, 7, "check_digit_birth_date"),
    (TD1, 2, 15, "check_digit_expiry_date"),
    (TD1, 2, 30, "check_digit_composite"),
]


def _replace(text: str, line: int, column: int, char: str) -> str:
    lines = text.splitlines()
    lines[line - 1] = lines[line - 1][: column - 1] + char + lines[line - 1][column:]
    return "\n".join(lines)


@pytest.mark.parametrize(("text", "line", "column", "code"), CHECK_DIGITS)
def test_every_corruption_of_a_check_digit_is_detected(
    text: str, line: int, column: int, code: str
) -> None:
    original = text.splitlines()[line - 1][column - 1]
    for char in sorted(ALPHABET - {original}):
        # given the check digit replaced by another character
        corrupted = _replace(text, line, column, char)
        # when
        with pytest.raises(MRZError) as raised:
            parse_mrz(corrupted, today=TODAY)
        # then
        assert (raised.value.code, raised.value.line, raised.value.column) == (code, line, column)
        assert raised.value.message.endswith(f"check digit: expected {original}, found {char!r}")


@pytest.mark.parametrize("text", [TD3, TD2, TD1])
def test_every_digit_changed_in_a_checked_field_is_detected(text: str) -> None:
    lines = text.splitlines()
    checked = {
        "TD3": [(2, range(1, 10)), (2, range(14, 20)), (2, range(22, 28)), (2, range(29, 43))],
        "TD2": [(2, range(1, 10)), (2, range(14, 20)), (2, range(22, 28))],
        "TD1": [(1, range(6, 15)), (2, range(1, 7)), (2, range(9, 15))],
    }[parse_mrz(text, today=TODAY).format]
    for line, columns in checked:
        for column in columns:
            original = lines[line - 1][column - 1]
            if not original.isdigit():
                continue
            for digit in "0123456789".replace(original, ""):
                with pytest.raises(MRZError) as raised:
                    parse_mrz(_replace(text, line, column, digit), today=TODAY)
                assert raised.value.code.startswith("check_digit_")


def test_document_number_check_digit_message() -> None:
    corrupted = _replace(TD3, 2, 10, "7")
    with pytest.raises(MRZError) as raised:
        parse_mrz(corrupted, today=TODAY)
    assert raised.value.issue == MRZIssue(
        "check_digit_document_number", "document number check digit: expected 6, found '7'", 2, 10
    )
    assert str(raised.value) == (
        "document number check digit: expected 6, found '7' (line 2, column 10)"
    )
    assert isinstance(raised.value, ValueError)


def test_lenient_parse_returns_check_digit_problems_as_warnings() -> None:
    # given a damaged document number check digit
    corrupted = _replace(TD3, 2, 10, "7")
    # when
    mrz = parse_mrz(corrupted, today=TODAY, lenient=True)
    # then the fields are read and both failing checks reported
    assert mrz.document_number == "L898902C3"
    assert mrz.warnings == (
        MRZIssue(
            "check_digit_document_number",
            "document number check digit: expected 6, found '7'",
            2,
            10,
        ),
        MRZIssue("check_digit_composite", "composite check digit: expected 7, found '0'", 2, 44),
    )


def test_lenient_parse_still_refuses_what_it_cannot_read() -> None:
    text = f"{TD3_NAME_LINE}\n{td3_line2(sex='Q')}"
    with pytest.raises(MRZError) as raised:
        parse_mrz(text, today=TODAY, lenient=True)
    assert raised.value.issue == MRZIssue("bad_sex", "sex: expected M, F, X or <, found 'Q'", 2, 21)


@pytest.mark.parametrize(
    ("field", "value", "message", "column"),
    [
        ("birth", "741312", "date of birth: month 13 is not 01-12", 16),
        ("birth", "740231", "date of birth: day 31 is not 01-29", 18),
        ("birth", "010229", "date of birth: 2001 has no 02-29", 14),
        ("birth", "7408AB", "date of birth: expected two digits or << for the day, found 'AB'", 18),
        (
            "birth",
            "7<0812",
            "date of birth: expected two digits or << for the year, found '7<'",
            14,
        ),
        ("expiry", "12<<<<", "date of expiry: expected a full date, found '12<<<<'", 22),
        ("expiry", "130229", "date of expiry: 2013 has no 02-29", 22),
        ("expiry", "120400", "date of expiry: day 00 is not 01-30", 26),
    ],
)
def test_impossible_dates(field: str, value: str, message: str, column: int) -> None:
    line2 = td3_line2(birth=value) if field == "birth" else td3_line2(expiry=value)
    with pytest.raises(MRZError) as raised:
        parse_mrz(f"{TD3_NAME_LINE}\n{line2}", today=TODAY)
    assert raised.value.issue == MRZIssue("bad_date", message, 2, column)


def _parse_or_error(text: str, *, lenient: bool = False) -> MRZ | MRZError:
    try:
        return parse_mrz(text, today=TODAY, lenient=lenient)
    except MRZError as error:
        return error


@given(
    st.lists(st.text(alphabet=sorted(ALPHABET), min_size=44, max_size=44), min_size=2, max_size=2)
)
def test_any_two_lines_of_mrz_characters_parse_or_raise_mrz_error(lines: list[str]) -> None:
    # when anything is read leniently, only unreadable dates and sexes are refused
    result = _parse_or_error("\n".join(lines), lenient=True)
    # then
    if isinstance(result, MRZError):
        assert result.code in {"bad_date", "bad_sex"}
    else:
        assert result.format == "TD3"


@given(st.text(max_size=120))
def test_any_text_parses_or_raises_mrz_error(text: str) -> None:
    # no other exception escapes, and every error points inside the text
    result = _parse_or_error(text)
    if isinstance(result, MRZError):
        assert 0 <= result.line <= len(text.splitlines())
        assert result.column >= 0
