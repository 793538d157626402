"""Variant queries built from the generator's answer key (``demo-truth.jsonl``).

Each truth row names a generated person (``original_index``) and their person
number. The person is rebuilt with ``person_at`` and searched the way an
officer would meet them: the name in the person's own script (Cyrillic,
Georgian, Arabic/Persian, Chinese) or romanised another way (IURII/YURIY, KH/H,
MAMMADOV/MAMEDOV …), with one or two typos, and the year of birth. A typo
needs a word of four letters or more, which names in Chinese characters
rarely have: those are mostly searched as written.

A query is answered when the person's number is among the first ten results.
"""

import random
from dataclasses import dataclass
from pathlib import Path

from umis.demo.population.generator import PopulationSpec, person_at
from umis.demo.population.records import GeneratedName
from umis.demo.population.truth import truth_read
from umis.demo.population.variants import ROMANISATION_RULES
from umis.people.names.transliterate import to_latin

LATIN = "ABCDEFGHIJKLMNOPRSTUVYZ"


@dataclass(frozen=True)
class Query:
    text: str
    year: int
    kind: str  # "own script" or "romanisation"
    expected: str  # person number
    also: str  # the person's near-duplicate registration, also a right answer


def _typo(rng: random.Random, text: str) -> str:
    """One letter of one word (of four letters or more) replaced, dropped, doubled or swapped."""
    words = text.split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) >= 4]
    if not long_words:
        return text
    at_word = rng.choice(long_words)
    word = words[at_word]
    at = rng.randrange(1, len(word) - 1)
    operation = rng.randrange(4)
    if operation == 0:
        alphabet = LATIN if word.isascii() else "".join(sorted(set(text) - {" "}))
        others = alphabet.replace(word[at].upper() if word.isascii() else word[at], "")
        word = word[:at] + rng.choice(others) + word[at + 1 :]
    elif operation == 1:
        word = word[:at] + word[at + 1 :]
    elif operation == 2:
        word = word[:at] + word[at] + word[at:]
    else:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    words[at_word] = word
    return " ".join(words)


def _romanised_otherwise(rng: random.Random, text: str) -> str:
    latin = to_latin(text)
    applicable = [(p, r) for p, r in ROMANISATION_RULES if p.search(latin)]
    chosen = [rule for rule in applicable if rng.random() < 0.5] or applicable[:1]
    for pattern, replacement in chosen:
        latin = pattern.sub(replacement, latin)
    return latin


def _full(name: GeneratedName) -> str:
    return " ".join(p for p in (name.surname, name.given_names, name.patronymic) if p)


def queries_build(truth: Path, count: int, seed: int = 7) -> list[Query]:
    rng = random.Random(seed)
    rows = truth_read(truth)
    rng.shuffle(rows)
    spec = PopulationSpec()
    built = []
    for row in rows[:count]:
        person = person_at(spec, row.original_index)
        own = [n for n in person.names if n.kind == "original"]
        if own and rng.random() < 0.5:
            kind, text = "own script", _full(own[0])
        else:
            kind, text = "romanisation", _romanised_otherwise(rng, _full(person.names[0]))
        for _ in range(rng.choice((1, 2))):
            text = _typo(rng, text)
        built.append(
            Query(text, person.birth_date.year, kind, row.original_number, row.duplicate_number)
        )
    return built
