"""Each comparison level means the same in Splink's SQL (batch) and in Python (interactive)."""

import duckdb
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from umis.identity.engine.canonical import CANONICAL_COLUMNS
from umis.identity.engine.features import FEATURE_SCHEMA, features
from umis.identity.engine.levels import COMPARISONS, DATE_OF_BIRTH, DOCUMENT, SURNAME

SURNAMES = [
    "Məmmədov",
    "MAMEDOV",
    "Мамедов",
    "Mammadova",
    "Həsənov",
    "GASANOV",
    "ALIEV",
    "",
    "ANNA",
]
GIVEN = ["Əli", "ALI", "Али", "ANNA MARIA", "ANNA", "MAMEDOV", "Yuriy", "IURII", ""]
DATES = ["1980-05-12", "1980-12-05", "1980-05-00", "1980-00-00", "1981-05-12", "1980-05-13", ""]
DOCUMENTS = ["C01234567", "C01234568", "C0123456", "X9999999", ""]
ADDRESSES = ["Baku, Nizami 5", "Nizami 5, Baku", "Baku Nizami 7", "Tbilisi Rustaveli 10", ""]

record = st.fixed_dictionaries(
    {
        "surname": st.sampled_from(SURNAMES),
        "given_names": st.sampled_from(GIVEN),
        "patronymic": st.sampled_from(["Həsən oğlu", "GASAN", ""]),
        "sex": st.sampled_from(["M", "F", ""]),
        "date_of_birth": st.sampled_from(DATES),
        "nationality": st.sampled_from(["AZE", "RUS", ""]),
        "document_number": st.sampled_from(DOCUMENTS),
        "address": st.sampled_from(ADDRESSES),
    }
)


def _features(uid: int, values: dict[str, str]) -> dict[str, object]:
    return features(uid, dict.fromkeys(CANONICAL_COLUMNS, "") | values | {"id": str(uid)})


def _sql_levels(left: dict[str, object], right: dict[str, object]) -> list[int]:
    connection = duckdb.connect()
    connection.register("pair", pa.Table.from_pylist([left, right], schema=FEATURE_SCHEMA))
    columns = ", ".join(f"l.{c} AS {c}_l, r.{c} AS {c}_r" for c in FEATURE_SCHEMA.names)
    cases = []
    for comparison in COMPARISONS:
        count = len(comparison.levels)
        whens = " ".join(
            f"WHEN {level.sql} THEN {-1 if level.is_null else count - 1 - position}"
            for position, level in enumerate(comparison.levels[:-1])
        )
        cases.append(f"CASE {whens} ELSE 0 END")
    pairs = f"SELECT {columns} FROM pair l, pair r WHERE l.uid = 0 AND r.uid = 1"  # noqa: S608
    row = connection.execute(f"SELECT {', '.join(cases)} FROM ({pairs})").fetchone()  # noqa: S608
    assert row is not None
    return list(row)


@settings(max_examples=60, deadline=None)
@given(record, record)
def test_python_levels_agree_with_splink_sql(left: dict[str, str], right: dict[str, str]) -> None:
    first, second = _features(0, left), _features(1, right)
    assert [c.level_of(first, second) for c in COMPARISONS] == _sql_levels(first, second)


def _level_label(comparison_name: str, left: dict[str, str], right: dict[str, str]) -> str:
    comparison = {c.name: c for c in COMPARISONS}[comparison_name]
    first, second = _features(0, left), _features(1, right)
    value = comparison.level_of(first, second)
    position = 0 if value == -1 else len(comparison.levels) - 1 - value
    return comparison.levels[position].label


def test_romanisations_and_scripts_of_a_surname_are_identical() -> None:
    assert _level_label(SURNAME.name, {"surname": "Мамедов"}, {"surname": "MƏMMƏDOV"}) == (
        "same spelling or romanisation"
    )
    assert _level_label(
        SURNAME.name, {"surname": "ERIKSSON", "given_names": "ANNA"},
        {"surname": "ANNA", "given_names": "ERIKSSON"},
    ) == "swapped with a given name"  # fmt: skip


def test_partial_dates_agree_as_far_as_known() -> None:
    label = _level_label(
        DATE_OF_BIRTH.name, {"date_of_birth": "1980-05-12"}, {"date_of_birth": "1980-00-00"}
    )
    assert label == "same as far as known"
    swapped = _level_label(
        DATE_OF_BIRTH.name, {"date_of_birth": "1980-05-12"}, {"date_of_birth": "1980-12-05"}
    )
    assert swapped == "day and month swapped"
    assert _level_label(DATE_OF_BIRTH.name, {"date_of_birth": "1980-05-12"}, {}) == "missing"


def test_document_numbers_with_a_typo() -> None:
    one = _level_label(
        DOCUMENT.name, {"document_number": "C01234567"}, {"document_number": "C0I234567"}
    )
    assert one == "one character differs"
    assert (
        _level_label(
            DOCUMENT.name, {"document_number": "C01234567"}, {"document_number": "X9999999"}
        )
        == "different"
    )
