"""Reading canonical CSV files: every column optional but id, refusals by line."""

from pathlib import Path

import pytest

from umis.identity.engine.canonical import (
    BirthDate,
    MalformedInput,
    open_records,
    parse_birth_date,
)


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "records.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_partial_dates_of_birth() -> None:
    assert parse_birth_date("1980-05-12") == BirthDate(1980, 5, 12)
    assert parse_birth_date("1980-05-00") == BirthDate(1980, 5, None)
    assert parse_birth_date("1980-00-00") == BirthDate(1980, None, None)
    assert parse_birth_date("") == BirthDate(None, None, None)


@pytest.mark.parametrize(
    "text", ["1980-00-12", "1980-13-01", "12.05.1980", "1980-05", "0099-01-01"]
)
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="date_of_birth"):
        parse_birth_date(text)


def test_absent_columns_read_as_empty_and_values_are_trimmed(tmp_path: Path) -> None:
    path = _write(tmp_path, "\ufeffID,Surname,sex\n 7 , Мамедов ,f\n")
    [record] = list(open_records(path))
    assert record["id"] == "7"
    assert record["surname"] == "Мамедов"
    assert record["sex"] == "F"
    assert record["document_number"] == ""


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path, "id,surname\n1,A\n\n2,B\n")
    assert [r["id"] for r in open_records(path)] == ["1", "2"]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("id,surname,colour\n1,A,red\n", 1, "unknown column(s) colour"),
        ("surname\nA\n", 1, "the id column is missing"),
        ("id,surname\n1,A\n2,B,C\n", 3, "3 fields where the header has 2"),
        ("id,surname\n1,A\n1,B\n", 3, "id '1' appears twice"),
        ("id,sex\n1,M\n2,Q\n", 3, "sex 'Q' is not one of M, F, X or empty"),
        ("id,nationality\n1,AZ\n", 2, "nationality 'AZ' is not ISO 3166 alpha-3"),
        ("id,date_of_birth\n1,1980-02-30x\n", 2, "is not YYYY-MM-DD"),
        ("id,surname\n,A\n", 2, "the id is empty"),
    ],
)
def test_malformed_rows_are_refused_with_line_and_reason(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(MalformedInput) as refused:
        list(open_records(path))
    assert refused.value.line == line
    assert reason in refused.value.reason


def test_a_file_that_is_not_utf8_is_refused_at_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, b"id,surname\n1,A\n2,M\xe4mmadov\n")
    with pytest.raises(MalformedInput) as refused:
        list(open_records(path))
    assert refused.value.line == 3
    assert "not UTF-8" in refused.value.reason


def test_an_empty_file_has_no_records(tmp_path: Path) -> None:
    assert list(open_records(_write(tmp_path, ""))) == []
    assert list(open_records(_write(tmp_path, "id,surname\n"))) == []
