"""Check digits: a mistyped number is refused instead of finding someone else."""

import string

import pytest
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st

from umis.core.identifiers import InvalidNumber, NumberScheme

PERSON = NumberScheme(prefix="P", digits=9)
RECEIPT = NumberScheme(prefix="RC", digits=8)
TYPEABLE = string.digits + string.ascii_uppercase

# A few numbers of each scheme: the first, a middle one and the last that fits.
SAMPLES = [
    (PERSON, PERSON.make(1)),
    (PERSON, PERSON.make(12345)),
    (PERSON, PERSON.make(999_999_999)),
    (RECEIPT, RECEIPT.make(7)),
    (RECEIPT, RECEIPT.make(40_506_070)),
]


@pytest.fixture(autouse=True)
def english() -> None:
    translation.activate("en")


def substitutions(number: str) -> list[str]:
    """Every number that differs from ``number`` in exactly one typeable character."""
    return [
        number[:i] + char + number[i + 1 :]
        for i, original in enumerate(number)
        for char in TYPEABLE
        if char != original
    ]


def transpositions(number: str) -> list[str]:
    """Every number with two different neighbouring characters swapped."""
    return [
        number[:i] + number[i + 1] + number[i] + number[i + 2 :]
        for i in range(len(number) - 1)
        if number[i] != number[i + 1]
    ]


def test_make_appends_two_iso_7064_check_digits() -> None:
    # MOD 97-10 reads P as 25 (base 36): 25000012345 followed by 89 is 1 modulo 97.
    # Pinned so that a change of algorithm, which would orphan printed numbers, is noticed.
    assert PERSON.make(12345) == "P00001234589"
    assert RECEIPT.make(7) == "RC0000000779"


def test_parse_returns_what_make_made() -> None:
    for scheme, number in SAMPLES:
        assert scheme.parse(number) == number


def test_parse_accepts_separators_and_lower_case() -> None:
    for typed in ["p-000012345-89", "P 000 012 345 89", "p.000012345/89", " P00001234589\t"]:
        assert PERSON.parse(typed) == "P00001234589"


def test_display_groups_the_number_and_parses_back() -> None:
    assert PERSON.display("P00001234589") == "P-000012345-89"
    assert PERSON.parse(PERSON.display("P00001234589")) == "P00001234589"


def test_every_single_character_substitution_is_refused() -> None:
    for scheme, number in SAMPLES:
        for mistyped in substitutions(number):
            assert not scheme.is_valid(mistyped), mistyped


def test_every_adjacent_transposition_is_refused() -> None:
    for scheme, number in SAMPLES:
        for mistyped in transpositions(number):
            assert not scheme.is_valid(mistyped), mistyped


def test_wrong_check_digits_are_explained() -> None:
    with pytest.raises(InvalidNumber) as refused:
        PERSON.parse("P00001234598")

    assert refused.value.message == "This number is mistyped: its check digits do not match."
    assert refused.value.code == "invalid_number"


def test_wrong_prefix_is_explained() -> None:
    with pytest.raises(InvalidNumber) as refused:
        PERSON.parse("Q00001234589")

    assert refused.value.message == "The number must start with P."


@pytest.mark.parametrize(
    "typed",
    ["P0000123458", "P000012345899", "P0000I234589", "P", "P٠٠٠٠1234589", "P００００1234589"],
    ids=["short", "long", "letter", "prefix-only", "arabic-indic-digits", "full-width-digits"],
)
def test_wrong_shape_is_explained(typed: str) -> None:
    with pytest.raises(InvalidNumber) as refused:
        PERSON.parse(typed)

    assert refused.value.message == "The number must be P followed by 11 digits."


@pytest.mark.parametrize("sequence", [0, -1, 1_000_000_000])
def test_make_refuses_a_sequence_that_does_not_fit(sequence: int) -> None:
    with pytest.raises(ValueError, match=f"sequence {sequence} does not fit 9 digits"):
        PERSON.make(sequence)


@given(
    sequence=st.integers(min_value=1, max_value=999_999_999),
    position=st.integers(min_value=0, max_value=11),
    char=st.sampled_from(TYPEABLE),
)
def test_property_any_substitution_is_refused(sequence: int, position: int, char: str) -> None:
    number = PERSON.make(sequence)
    assume(number[position] != char)

    mistyped = number[:position] + char + number[position + 1 :]

    assert not PERSON.is_valid(mistyped)


@given(
    sequence=st.integers(min_value=1, max_value=99_999_999),
    position=st.integers(min_value=0, max_value=10),
)
def test_property_any_adjacent_transposition_is_refused(sequence: int, position: int) -> None:
    number = RECEIPT.make(sequence)
    assume(number[position] != number[position + 1])

    mistyped = number[:position] + number[position + 1] + number[position] + number[position + 2 :]

    assert not RECEIPT.is_valid(mistyped)


@given(st.integers(min_value=1, max_value=999_999_999))
def test_property_make_then_parse_round_trips(sequence: int) -> None:
    number = PERSON.make(sequence)

    assert PERSON.parse(number.lower()) == number
    assert PERSON.parse(PERSON.display(number)) == number


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=16))
def test_property_whatever_is_accepted_is_a_number_make_could_have_made(text: str) -> None:
    try:
        number = PERSON.parse(text)
    except InvalidNumber:
        return

    assert number == PERSON.make(int(number[1:-2]))
