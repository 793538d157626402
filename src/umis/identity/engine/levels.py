"""Every comparison of the model, each level written once as Splink SQL and as Python.

Splink evaluates the SQL of a level over ``<column>_l`` / ``<column>_r`` in DuckDB
(batch linkage); the interactive matcher evaluates the Python twin of the same
level on two feature dicts (:mod:`.scoring`), so one trained model scores both
ways. ``tests/identity/test_levels.py`` checks that both agree on generated pairs.
Python mirrors SQL's NULL logic: a comparison with a missing value is false.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from rapidfuzz.distance import JaroWinkler, Levenshtein

Features = Mapping[str, Any]
Test = Callable[[Features, Features], bool]


@dataclass(frozen=True, slots=True)
class Level:
    label: str  # shown to officers as the evidence for a pair
    sql: str
    test: Test
    is_null: bool = False
    fixed_m: float | None = None  # an m probability set by judgement, not estimated


@dataclass(frozen=True, slots=True)
class Comparison:
    name: str
    description: str
    levels: tuple[Level, ...]  # most to least alike; the last is "else"

    def level_of(self, left: Features, right: Features) -> int:
        """The Splink comparison vector value: -1 for the null level, else count from the end."""
        for position, level in enumerate(self.levels):
            if level.test(left, right):
                return -1 if level.is_null else len(self.levels) - 1 - position
        raise AssertionError("the last level of a comparison always holds")


def _eq(a: object, b: object) -> bool:
    return a is not None and b is not None and a == b


def _jw(a: str | None, b: str | None) -> float:
    return 0.0 if a is None or b is None else float(JaroWinkler.similarity(a, b))


def _lev(a: str | None, b: str | None) -> int:
    return 10**6 if a is None or b is None else int(Levenshtein.distance(a, b))


def _jaccard(a: int | None, b: int | None) -> float:
    """Jaccard similarity of two sets held as bits (see ``features.address_bits``)."""
    if not a or not b:
        return 0.0
    return (a & b).bit_count() / (a | b).bit_count()


def _column(column: str) -> Callable[[Features, Features], tuple[Any, Any]]:
    return lambda left, right: (left.get(column), right.get(column))


def null(column: str) -> Level:
    get = _column(column)
    return Level(
        "missing",
        f"{column}_l IS NULL OR {column}_r IS NULL",
        lambda left, right: None in get(left, right),
        is_null=True,
    )


def exact(column: str, label: str = "identical") -> Level:
    get = _column(column)
    return Level(label, f"{column}_l = {column}_r", lambda left, right: _eq(*get(left, right)))


def jaro_winkler(column: str, threshold: float, label: str) -> Level:
    get = _column(column)
    return Level(
        label,
        f"jaro_winkler_similarity({column}_l, {column}_r) >= {threshold}",
        lambda left, right: _jw(*get(left, right)) >= threshold,
    )


def levenshtein(column: str, distance: int, label: str) -> Level:
    get = _column(column)
    return Level(
        label,
        f"levenshtein({column}_l, {column}_r) <= {distance}",
        lambda left, right: _lev(*get(left, right)) <= distance,
    )


def jaccard(column: str, threshold: float, label: str) -> Level:
    get = _column(column)
    bits = f"bit_count({column}_l & {column}_r) / bit_count({column}_l | {column}_r)"
    return Level(
        label,
        f"{bits} >= {threshold}",
        lambda left, right: _jaccard(*get(left, right)) >= threshold,
    )


def crossed(first: str, second: str, label: str) -> Level:
    """``first`` of one record equals ``second`` of the other: names entered swapped."""
    return Level(
        label,
        f"{first}_l = {second}_r OR {second}_l = {first}_r",
        lambda left, right: (
            _eq(left.get(first), right.get(second)) or _eq(left.get(second), right.get(first))
        ),
    )


def sounds_alike(key: str, column: str, threshold: float, label: str) -> Level:
    """Same phonetic key and not too far apart as written.

    The phonetic key alone makes NINO and NANA one (NN); the Jaro-Winkler floor
    keeps the vowel-less Arabic-script forms (MHMD against MOHAMAD, 0.75) in.
    """
    same_key, near = exact(key), jaro_winkler(column, threshold, label)
    return Level(
        label,
        f"{same_key.sql} AND {near.sql}",
        lambda left, right: same_key.test(left, right) and near.test(left, right),
    )


ELSE: Final = Level("different", "ELSE", lambda left, right: True)


def _birth(left: Features, right: Features) -> tuple[Any, ...]:
    return (left.get("dob_y"), left.get("dob_m"), left.get("dob_d"),
            right.get("dob_y"), right.get("dob_m"), right.get("dob_d"))  # fmt: skip


def _compatible(left: Features, right: Features) -> bool:
    """Same year; month and day equal or unknown on one side (a partial date)."""
    ly, lm, ld, ry, rm, rd = _birth(left, right)
    return (
        _eq(ly, ry)
        and (lm is None or rm is None or lm == rm)
        and (ld is None or rd is None or ld == rd)
    )


def _transposed(left: Features, right: Features) -> bool:
    ly, lm, ld, ry, rm, rd = _birth(left, right)
    return _eq(ly, ry) and _eq(lm, rd) and _eq(ld, rm)


def _two_of_three(left: Features, right: Features) -> bool:
    ly, lm, ld, ry, rm, rd = _birth(left, right)
    return sum((_eq(ly, ry), _eq(lm, rm), _eq(ld, rd))) >= 2


def _near_year(left: Features, right: Features) -> bool:
    ly, _, _, ry, _, _ = _birth(left, right)
    return ly is not None and ry is not None and abs(ly - ry) <= 1


_SAME = "{0}_l = {0}_r"
_UNKNOWN_OR_SAME = "({0}_l IS NULL OR {0}_r IS NULL OR {0}_l = {0}_r)"
_COUNT_SAME = "CAST(coalesce({0}_l = {0}_r, false) AS INTEGER)"

DATE_OF_BIRTH: Final = Comparison(
    "date_of_birth",
    "Date of birth, partial dates allowed",
    (
        null("dob_y"),
        exact("dob", "same date"),
        Level(
            "same as far as known",
            " AND ".join(
                [
                    _SAME.format("dob_y"),
                    _UNKNOWN_OR_SAME.format("dob_m"),
                    _UNKNOWN_OR_SAME.format("dob_d"),
                ]
            ),
            _compatible,
        ),
        Level(
            "day and month swapped",
            "dob_y_l = dob_y_r AND dob_m_l = dob_d_r AND dob_d_l = dob_m_r",
            _transposed,
        ),
        Level(
            "two of day, month, year agree",
            " + ".join(_COUNT_SAME.format(c) for c in ("dob_y", "dob_m", "dob_d")) + " >= 2",
            _two_of_three,
        ),
        Level("year within one", "abs(dob_y_l - dob_y_r) <= 1", _near_year),
        # Unsupervised EM lets a few true matches have wholly different dates of birth
        # (about 2 %), so namesakes born decades apart scored 0.98; a record of the
        # same person with no part of the date right is far rarer than that.
        Level("different", "ELSE", lambda left, right: True, fixed_m=0.001),
    ),
)

SURNAME: Final = Comparison(
    "surname",
    "Surname, transliteration-aware",
    (
        null("surname"),
        exact("surname", "same spelling or romanisation"),
        crossed("surname", "given_first", "swapped with a given name"),
        exact("surname_ph", "sounds alike"),
        jaro_winkler("surname", 0.92, "small typing difference"),
        jaro_winkler("surname", 0.8, "similar"),
        ELSE,
    ),
)

GIVEN_NAMES: Final = Comparison(
    "given_names",
    "Given names, transliteration-aware",
    (
        null("given"),
        exact("given", "same spelling or romanisation"),
        exact("given_first", "same first given name"),
        crossed("given_first", "surname", "swapped with the surname"),
        sounds_alike("given_ph", "given", 0.7, "sounds alike"),
        jaro_winkler("given", 0.92, "small typing difference"),
        jaro_winkler("given", 0.8, "similar"),
        ELSE,
    ),
)

PATRONYMIC: Final = Comparison(
    "patronymic",
    "Patronymic",
    (
        null("patronymic"),
        exact("patronymic", "same"),
        jaro_winkler("patronymic", 0.88, "similar"),
        ELSE,
    ),
)

DOCUMENT: Final = Comparison(
    "document",
    "Travel document number",
    (
        null("document"),
        exact("document", "same number"),
        levenshtein("document", 1, "one character differs"),
        levenshtein("document", 2, "two characters differ"),
        ELSE,
    ),
)

NATIONALITY: Final = Comparison(
    "nationality",
    "Nationality",
    (null("nationality"), exact("nationality", "same"), ELSE),
)

SEX: Final = Comparison("sex", "Sex", (null("sex"), exact("sex", "same"), ELSE))

ADDRESS: Final = Comparison(
    "address",
    "Address",
    (
        null("address"),
        exact("address", "same"),
        jaccard("address", 0.6, "mostly the same words"),
        jaccard("address", 0.3, "some words in common"),
        ELSE,
    ),
)

COMPARISONS: Final = (
    SURNAME,
    GIVEN_NAMES,
    PATRONYMIC,
    DATE_OF_BIRTH,
    DOCUMENT,
    NATIONALITY,
    SEX,
    ADDRESS,
)
