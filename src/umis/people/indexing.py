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
        p
        for p in (
            to_latin(surname),
            to_latin(given_names, given_names=True),
            to_latin(patronymic, given_names=True),
        )
        if p
    )


UNKNOWN_YEAR = "?"
TYPO_PREFIX = "t:"
# Phonetic keys shorter than this get no one-deletion keys: theirs would be one
# letter long and hold most of a year's persons.
MIN_TYPO_KEY_LENGTH = 3


YEAR_MARK = "@"  # between a key and the year of birth it is qualified by


def year_key(key: str, year: int | str) -> str:
    return f"{key}{YEAR_MARK}{year}"


def is_year_key(key: str) -> bool:
    """Whether ``key`` is qualified by a year of birth (what name search looks up)."""
    return YEAR_MARK in key


def typo_keys(phonetic: str) -> set[str]:
    """The phonetic key and, when long enough, each way of deleting one of its letters.

    Two keys within one edit of each other (a letter mistyped, left out, added,
    or two swapped) always share one of these: the search finds a name with a
    typo in a consonant (vowels are not in the key) through any of its tokens.
    """
    if len(phonetic) < MIN_TYPO_KEY_LENGTH:
        return {phonetic}
    return {phonetic} | {phonetic[:at] + phonetic[at + 1 :] for at in range(len(phonetic))}


def year_keys(keys: set[str], years: Iterable[int | str]) -> set[str]:
    """The keys of one name narrowed to years of birth: skeletons and typo keys per year.

    Single-token keys are common ("p:MMTF" is every Mammadov); qualified by year
    of birth they stay short. Pair keys are selective enough on their own.
    """
    skeletons = [k for k in keys if k.startswith("v:")]
    typos = {
        f"{TYPO_PREFIX}{typo}"
        for k in keys
        if k.startswith("p:")
        for typo in typo_keys(k.removeprefix("p:"))
    }
    return {year_key(k, year) for k in [*skeletons, *typos] for year in years}


def keys_for_names(names: Iterable[tuple[str, str, str]], birth_year: int | None) -> set[str]:
    """Blocking keys of a person: every name key, and the single-token ones by year."""
    keys: set[str] = set()
    for surname, given_names, patronymic in names:
        keys |= name_keys(surname, given_names, patronymic)
    return keys | year_keys(keys, [UNKNOWN_YEAR if birth_year is None else birth_year])


# Between the name forms of one person (comparable forms are letters, "~" and spaces).
FORM_SEPARATOR = "|"


def name_forms_join(forms: Iterable[str]) -> str:
    """A person's name forms (``names.keys.comparable_form`` of each name) as
    ``Person.name_forms`` keeps them: each distinct one once, in sorted order.

    Search scores a candidate's names from this one column of the person's row,
    so finding candidates reads no name rows.
    """
    return FORM_SEPARATOR.join(sorted({form for form in forms if form}))


def name_forms_split(joined: str) -> list[str]:
    return joined.split(FORM_SEPARATOR) if joined else []


def query_keys(text: str, years: Iterable[int] = ()) -> set[str]:
    """The keys to look up for a typed query; only the keys of ``years`` when given.

    Persons whose year of birth is unknown are looked up too: nothing excludes them.
    """
    keys = name_keys(text)
    wanted: list[int | str] = [*years]
    if not wanted:
        return keys
    return year_keys(keys, [*wanted, UNKNOWN_YEAR])
