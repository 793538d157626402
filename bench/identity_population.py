"""A large generated population for the identity benchmarks, fast enough for a million.

``umis demo``'s generator writes a person in about a millisecond (Faker names,
households, MRZs), a quarter of an hour for a million. Here it writes a pool of
persons once; a million records are then drawn from the pool's name styles by
recombining surnames, given names and patronymics within a nationality, with new
dates of birth, document numbers and addresses. About 2 % of the records are a
second registration of an earlier one, changed as in the multi-script benchmark
(a typo, another romanisation, Cyrillic spelling, swapped names, a renewed
passport, a year-only date); ``truth`` pairs each with its original.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from random import Random

from umis.demo.population.generator import PopulationSpec, generate_population
from umis.demo.population.spelling import cyrillic_spelling
from umis.demo.population.variants import other_romanisation, typo
from umis.identity.engine.canonical import Record

POOL = 20_000
DUPLICATE_SHARE = 0.02
VARIATIONS = ("typo", "romanisation", "cyrillic", "swapped", "renewed", "year_only")


@dataclass(frozen=True)
class Style:
    nationality: str
    sex: str
    surnames: list[str]
    given: list[str]
    patronymics: list[str]
    streets: list[str]


def styles(seed: int) -> list[Style]:
    """Name pools per (nationality, sex) from the demo generator's persons."""
    pools: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for person in generate_population(PopulationSpec(seed=seed), 0, POOL):
        name = person.document_name
        pool = pools[(person.nationality, person.sex)]
        pool["surnames"].add(name.surname)
        pool["given"].add(name.given_names)
        if name.patronymic:
            pool["patronymics"].add(name.patronymic)
        if person.address:
            pool["streets"].add(f"{person.address.line}, {person.address.city}")
    return [
        Style(
            nationality,
            sex,
            *(sorted(p[k]) for k in ("surnames", "given", "patronymics", "streets")),
        )
        for (nationality, sex), p in sorted(pools.items())
        if len(p["surnames"]) > 3 and len(p["given"]) > 3
    ]


def _original(rng: Random, style: Style, number: int) -> Record:
    year = rng.randint(1940, 2008)
    partial = rng.random()
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    date = (f"{year}-00-00" if partial < 0.02 else f"{year}-{month:02d}-00" if partial < 0.03
            else f"{year}-{month:02d}-{day:02d}")  # fmt: skip
    return {
        "id": f"P{number}",
        "surname": rng.choice(style.surnames),
        "given_names": rng.choice(style.given),
        "patronymic": rng.choice(style.patronymics) if style.patronymics else "",
        "sex": style.sex,
        "date_of_birth": date,
        "nationality": style.nationality,
        "document_number": f"{style.nationality[:2]}{number:08d}",
        "address": rng.choice(style.streets) if style.streets and rng.random() < 0.8 else "",
    }


def variant(rng: Random, record: Record, number: int) -> Record:
    changed = dict(record, id=f"D{number}")
    how = rng.choice(VARIATIONS)
    if how == "typo":
        changed["surname"] = typo(rng, record["surname"])
    elif how == "romanisation":
        changed["surname"] = other_romanisation(rng, record["surname"])
        changed["given_names"] = other_romanisation(rng, record["given_names"])
    elif how == "cyrillic":
        changed["surname"] = cyrillic_spelling(record["surname"])
        changed["given_names"] = cyrillic_spelling(record["given_names"])
    elif how == "swapped":
        changed["surname"], changed["given_names"] = record["given_names"], record["surname"]
    elif how == "renewed":
        changed["document_number"] = f"R{number:09d}"
    else:
        changed["date_of_birth"] = record["date_of_birth"][:4] + "-00-00"
    if how != "renewed" and rng.random() < 0.5:
        changed["document_number"] = ""
    return changed


def records(count: int, seed: int, truth: list[tuple[str, str]]) -> Iterator[Record]:
    """``count`` records; each duplicate's ``(original id, duplicate id)`` goes to ``truth``."""
    rng = Random(seed)
    pool = styles(seed)
    weights = [len(s.surnames) * len(s.given) for s in pool]
    recent: list[Record] = []
    for number in range(count):
        if recent and rng.random() < DUPLICATE_SHARE:
            original = rng.choice(recent)
            duplicate = variant(rng, original, number)
            truth.append((original["id"], duplicate["id"]))
            yield duplicate
            continue
        record = _original(rng, rng.choices(pool, weights=weights)[0], number)
        if len(recent) < 50_000:
            recent.append(record)
        else:
            recent[rng.randrange(len(recent))] = record
        yield record
