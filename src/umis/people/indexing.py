"""What the registry stores next to a name so that search finds it in any script."""

import re
from collections.abc import Iterable

from umis.people.names.keys import name_keys
from umis.people.names.transliterate import to_latin

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def normalise_document_number(number: str) -> str:
    """Upper case without spaces or separators, as scanners and officers compare it."""
    return _NOT_ALNUM.sub("", number.upper())


def latin_form(surname: str, given_names: str, patronymic: str) -> str:
    return " ".join(
        p for p in (to_latin(surname), to_latin(given_names), to_latin(patronymic)) if p
    )


UNKNOWN_YEAR = "?"
# Single-token keys are common ("p:MMTF" is every Mammadov); qualified by year of
# birth they stay short. Pair keys are selective enough on their own.
_YEAR_QUALIFIED_PREFIXES = ("p:", "v:")


def year_key(key: str, year: int | str) -> str:
    return f"{key}@{year}"


def keys_for_names(names: Iterable[tuple[str, str, str]], birth_year: int | None) -> set[str]:
    """Blocking keys of a person: every name key, and the single-token ones by year too."""
    keys: set[str] = set()
    for surname, given_names, patronymic in names:
        keys |= name_keys(surname, given_names, patronymic)
    year = UNKNOWN_YEAR if birth_year is None else birth_year
    return keys | {year_key(k, year) for k in keys if k.startswith(_YEAR_QUALIFIED_PREFIXES)}


def query_keys(text: str, years: Iterable[int] = ()) -> set[str]:
    """The keys to look up for a typed query, narrowed to ``years`` when given."""
    keys = name_keys(text)
    wanted: list[int | str] = [*years]
    if not wanted:
        return keys
    single = [k for k in keys if k.startswith(_YEAR_QUALIFIED_PREFIXES)]
    qualified = {year_key(k, y) for k in single for y in [*wanted, UNKNOWN_YEAR]}
    return qualified | {k for k in keys if not k.startswith(_YEAR_QUALIFIED_PREFIXES)}
