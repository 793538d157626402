"""Near-duplicates: how the same person comes to be registered a second time.

* ``typo``: a letter of the surname or a given name mistyped (replaced, dropped,
  doubled or swapped with its neighbour).
* ``romanisation``: the name romanised another way, as another country's or
  another decade's documents write it (IURII/YURIY, MAMMADOV/MAMEDOV,
  ALIYEV/ALIEV, KH/H, X/KH, OEZTUERK/OZTURK, a vowel written into an Arabic
  consonant skeleton).
* ``swapped``: surname and given names entered the other way round.
* ``renewed_passport``: the same names from a newer passport.
* ``year_only``: the same names, the date of birth known by its year only.
"""

import re
from dataclasses import replace
from random import Random
from typing import Final

from umis.demo.population.records import GeneratedName
from umis.people.names.transliterate import to_latin

VARIATIONS: Final = ("typo", "romanisation", "swapped", "renewed_passport", "year_only")
VARIATION_WEIGHTS: Final = (30, 30, 15, 15, 10)
_LETTERS: Final = "ABCDEFGHIJKLMNOPRSTUVYZ"

ROMANISATION_RULES: Final = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"IU", "YU"), (r"IA", "YA"), (r"II\b", "IY"), (r"IE", "YE"), (r"KH", "H"),
        (r"AMMA", "AME"), (r"IYEV", "IEV"), (r"YEV\b", "EV"), (r"X", "KH"), (r"\bQ", "G"),
        (r"\bH", "G"), (r"OE", "O"), (r"UE", "U"), (r"TS", "TZ"), (r"ZH", "J"),
        (r"\bC", "DZH"), (r"\bJ", "DZH"), (r"EI\b", "EY"), (r"OU", "U"),
        (r"\b([BDFGHKLMNPRSTVZ])([BDFGHKLMNPRSTVZ])", r"\1A\2"),
    )
)  # fmt: skip


def typo(rng: Random, text: str) -> str:
    """``text`` with one letter mistyped; texts of fewer than four letters stay as they are."""
    if len(text) < 4:
        return text
    at = rng.randrange(1, len(text) - 1)
    operation = rng.randrange(4)
    if operation == 0:
        others = _LETTERS.replace(text[at].upper(), "")
        return text[:at] + others[rng.randrange(len(others))] + text[at + 1 :]
    if operation == 1:
        return text[:at] + text[at + 1 :]
    if operation == 2:
        return text[:at] + text[at] + text[at:]
    return text[:at] + text[at + 1] + text[at] + text[at + 2 :]


def other_romanisation(rng: Random, text: str) -> str:
    """``text`` romanised another way; a typo when no rule applies to it."""
    latin = to_latin(text)
    applicable = [(p, r) for p, r in ROMANISATION_RULES if p.search(latin)]
    if not applicable:
        return typo(rng, latin)
    chosen = [rule for rule in applicable if rng.random() < 0.5] or [rng.choice(applicable)]
    for pattern, replacement in chosen:
        latin = pattern.sub(replacement, latin)
    return latin


def varied_names(
    rng: Random, variation: str, names: tuple[GeneratedName, ...]
) -> tuple[GeneratedName, ...]:
    """The name records of a second registration of the person named ``names``."""
    document = names[0]
    if variation == "typo":
        if rng.random() < 0.6:
            return (replace(document, surname=typo(rng, document.surname)),)
        return (replace(document, given_names=typo(rng, document.given_names)),)
    if variation == "romanisation":
        return (
            replace(
                document,
                surname=other_romanisation(rng, document.surname),
                given_names=other_romanisation(rng, document.given_names),
                patronymic="",
            ),
        )
    if variation == "swapped":
        return (replace(document, surname=document.given_names, given_names=document.surname),)
    return names
