"""Comparable columns of a canonical record, from the registry's name normalisation.

Names in any script are written with :func:`~umis.people.names.transliterate.to_latin`
and folded into variant skeletons (YURIY, IURII, Юрий → URI; MAMMADOV, MAMEDOV,
Məmmədov → MAMADOV) and phonetic keys (:mod:`umis.people.names.keys`), so that
Splink compares spellings of one name as equal. Partial dates of birth keep their
unknown parts as NULL; document numbers lose separators; addresses become a set of
words.
"""

from functools import lru_cache
from hashlib import blake2b
from typing import Any, Final

import pyarrow as pa  # type: ignore[import-untyped]

from umis.identity.engine.canonical import Record, parse_birth_date
from umis.people.indexing import normalise_document_number
from umis.people.names.keys import DROPPED_TOKENS, phonetic_key, variant_skeleton
from umis.people.names.transliterate import to_latin

FEATURE_SCHEMA: Final = pa.schema(
    [
        ("uid", pa.int64()),
        ("record_id", pa.string()),
        ("surname", pa.string()),  # variant skeletons of the surname tokens
        ("given", pa.string()),  # of the given names
        ("given_first", pa.string()),  # of the first given name
        ("patronymic", pa.string()),
        ("surname_ph", pa.string()),  # phonetic key of the first surname token
        ("given_ph", pa.string()),  # of the first given name
        ("name_all", pa.string()),  # all skeletons, sorted: word order does not matter
        ("dob_y", pa.int32()),
        ("dob_m", pa.int32()),
        ("dob_d", pa.int32()),
        ("dob", pa.string()),  # YYYY-MM-DD when the whole date is known
        ("document", pa.string()),
        ("nationality", pa.string()),
        ("sex", pa.string()),
        ("address", pa.uint64()),  # the set of address words, one bit per word (hashed)
    ]
)
FEATURE_COLUMNS: Final = tuple(FEATURE_SCHEMA.names)
ADDRESS_BITS: Final = 64


@lru_cache(maxsize=262144)
def _latin(text: str) -> tuple[str, ...]:
    return tuple(token for token in to_latin(text).split() if token not in DROPPED_TOKENS)


@lru_cache(maxsize=262144)
def _token(latin_token: str) -> tuple[str, str]:
    return variant_skeleton(latin_token), phonetic_key(latin_token)


def _skeletons(text: str) -> list[str]:
    return [_token(token)[0] for token in _latin(text)]


def _first_phonetic(text: str) -> str | None:
    tokens = _latin(text)
    return _token(tokens[0])[1] or None if tokens else None


def _joined(tokens: list[str]) -> str | None:
    return " ".join(tokens) or None


def name_features(surname: str, given_names: str, patronymic: str) -> dict[str, Any]:
    surname_sk, given_sk = _skeletons(surname), _skeletons(given_names)
    patronymic_sk = _skeletons(patronymic)
    return {
        "surname": _joined(surname_sk),
        "given": _joined(given_sk),
        "given_first": given_sk[0] if given_sk else None,
        "patronymic": _joined(patronymic_sk),
        "surname_ph": _first_phonetic(surname),
        "given_ph": _first_phonetic(given_names),
        "name_all": _joined(sorted(set(surname_sk + given_sk + patronymic_sk))),
    }


def address_bits(address: str) -> int | None:
    """The words of an address (letters and numbers) as a 64-bit set.

    Each word sets one bit chosen by a stable hash, so the share of common bits
    of two addresses estimates the share of common words (Jaccard) and costs one
    ``bit_count`` in SQL, where a list intersection would cost a hundred times more.
    """
    bits = 0
    for word in set(to_latin(address).split()) | _numbers(address):
        bits |= 1 << _bit(word)
    return bits or None


@lru_cache(maxsize=262144)
def _bit(word: str) -> int:
    return int.from_bytes(blake2b(word.encode(), digest_size=8).digest()) % ADDRESS_BITS


def _numbers(address: str) -> set[str]:
    """House numbers, postcodes: ``to_latin`` keeps letters only."""
    return {"".join(c for c in word if c.isdigit()) for word in address.split()} - {""}


def features(uid: int, record: Record) -> dict[str, Any]:
    """The comparable columns (:data:`FEATURE_SCHEMA`) of one canonical record."""
    birth = parse_birth_date(record["date_of_birth"])
    full = birth.year is not None and birth.month is not None and birth.day is not None
    return {
        "uid": uid,
        "record_id": record["id"],
        **name_features(record["surname"], record["given_names"], record["patronymic"]),
        "dob_y": birth.year,
        "dob_m": birth.month,
        "dob_d": birth.day,
        "dob": f"{birth.year:04d}-{birth.month:02d}-{birth.day:02d}" if full else None,
        "document": normalise_document_number(record["document_number"]) or None,
        "nationality": record["nationality"] or None,
        "sex": record["sex"] if record["sex"] in ("M", "F") else None,
        "address": address_bits(record["address"]),
    }
