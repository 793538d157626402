"""Personal names: transliteration, match keys and the MRZ. Pure Python, no Django.

* :mod:`.transliterate` writes a name in any supported script as A-Z and spaces.
* :mod:`.keys` folds romanisation variants, gives blocking keys and a similarity.
* :mod:`.mrz` reads and writes ICAO Doc 9303 machine-readable zones.
"""

from umis.people.names.keys import (
    jaro_winkler,
    name_keys,
    name_similarity,
    name_tokens,
    phonetic_key,
    trigrams,
    variant_skeleton,
)
from umis.people.names.mrz import (
    MRZ,
    MRZDate,
    MRZError,
    MRZIssue,
    build_td1,
    build_td3,
    check_digit,
    parse_mrz,
)
from umis.people.names.transliterate import script_of, to_latin

__all__ = [
    "MRZ",
    "MRZDate",
    "MRZError",
    "MRZIssue",
    "build_td1",
    "build_td3",
    "check_digit",
    "jaro_winkler",
    "name_keys",
    "name_similarity",
    "name_tokens",
    "parse_mrz",
    "phonetic_key",
    "script_of",
    "to_latin",
    "trigrams",
    "variant_skeleton",
]
