"""Unique document numbers and FINs for generated persons, without asking the database.

A number is a function of the person's index in the population: the index
(times three, plus the document's place in the person's history) goes through
an affine permutation of the format's number space, so every index gives a
different number, the numbers look scattered rather than consecutive, and a
top-up run that continues the indices can never repeat one.
"""

from typing import Final

LETTERS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS: Final = "0123456789"
# Letters and digits of a FIN; I and O are left out as on Azerbaijani ID cards,
# where they would be read as 1 and 0.
FIN_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
FIN_LENGTH: Final = 7
DOCUMENTS_PER_PERSON: Final = 3
# A prime, so coprime with every capacity (products of 10, 26 and 34).
_MULTIPLIER: Final = 982_451_653


def _alphabet(symbol: str) -> str | None:
    return DIGITS if symbol == "#" else LETTERS if symbol == "@" else None


def capacity(pattern: str) -> int:
    total = 1
    for symbol in pattern:
        alphabet = _alphabet(symbol)
        total *= len(alphabet) if alphabet else 1
    return total


def _scramble(serial: int, space: int, salt: str) -> int:
    if not 0 <= serial < space:
        raise ValueError(f"serial {serial} does not fit a number space of {space}")
    offset = int.from_bytes(salt.encode()) % space
    return (serial * _MULTIPLIER + offset) % space


def document_number(pattern: str, index: int, position: int) -> str:
    """The number of the ``position``-th document (0 the newest) of person ``index``."""
    value = _scramble(index * DOCUMENTS_PER_PERSON + position, capacity(pattern), pattern)
    chars = []
    for symbol in reversed(pattern):
        alphabet = _alphabet(symbol)
        if alphabet is None:
            chars.append(symbol)
        else:
            value, digit = divmod(value, len(alphabet))
            chars.append(alphabet[digit])
    return "".join(reversed(chars))


def fin(index: int) -> str:
    """The FIN of person ``index``: seven upper-case letters and digits."""
    value = _scramble(index, len(FIN_ALPHABET) ** FIN_LENGTH, "FIN")
    chars = []
    for _position in range(FIN_LENGTH):
        value, digit = divmod(value, len(FIN_ALPHABET))
        chars.append(FIN_ALPHABET[digit])
    return "".join(reversed(chars))
