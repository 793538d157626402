"""Benchmark: linking multi-script registrations of foreigners, ours against plain Splink.

    uv run python bench/identity_multiscript.py [--persons 4000] [--save-model PATH]

The registry side holds each person of a generated population (``umis demo``'s
generator: names in their native scripts and passport forms, households, MRZs)
as their passport shows them. The incoming side holds later registrations of
most of them, each changed the way the same person reaches the system again:

* ``mrz``: read from the passport's machine-readable zone (A-Z, no patronymic);
* ``typed``: a receptionist's typing: a typo, another romanisation, maybe a
  partial date of birth, the document number mistyped or left out;
* ``original``: the name in the original script (Cyrillic, Arabic, Georgian);
* ``renewed``: a renewed passport, so another document number;
* ``swapped``: surname and given names entered the other way round;

plus registrations of people the registry has never seen. Near-misses sit in
the registry on purpose: household members (a shared surname, address and
patronymic) and twins (same surname, date of birth, address, patronymic).

Both our engine and a plain Splink model (the tutorial's generic comparisons on
the raw columns, no transliteration) train on the same files in the same run;
both keep each incoming record's best registry record. Prints precision, recall,
F1 and time of both. ``--save-model`` keeps our trained model (this is how the
shipped ``default-model.json`` is made).
"""

import argparse
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from random import Random

import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

sys.path.insert(0, str(Path(__file__).parent))
from identity_common import Pair, ours_link, score, timed
from umis.demo.population.generator import PopulationSpec, generate_population
from umis.demo.population.records import GeneratedPerson
from umis.demo.population.variants import other_romanisation, typo
from umis.identity.engine import batch, model
from umis.identity.engine.canonical import CANONICAL_COLUMNS, Record
from umis.people.names.mrz import parse_mrz

FORMS = ("mrz", "typed", "original", "swapped")
ADDRESS_DONORS: list[GeneratedPerson] = []
INCOMING_SHARE = 0.7
STRANGER_SHARE = 0.25
TWIN_SHARE = 0.03


def _date(person: GeneratedPerson, rng: Random | None = None) -> str:
    birth = person.birth_date
    if rng is not None and rng.random() < 0.3:
        return (
            f"{birth.year:04d}-{birth.month or 0:02d}-00"
            if rng.random() < 0.5
            else (f"{birth.year:04d}-00-00")
        )
    return f"{birth.year:04d}-{birth.month or 0:02d}-{birth.day or 0:02d}"


def _address(person: GeneratedPerson) -> str:
    return f"{person.address.line}, {person.address.city}" if person.address else ""


def registry_record(person: GeneratedPerson, key: str) -> Record:
    name = person.document_name
    document = person.documents[0].number if person.documents else ""
    return {
        "id": key,
        "surname": name.surname,
        "given_names": name.given_names,
        "patronymic": name.patronymic,
        "sex": person.sex,
        "date_of_birth": _date(person),
        "nationality": person.nationality,
        "document_number": document,
        "address": _address(person),
    }


def twin_of(person: GeneratedPerson, other: GeneratedPerson) -> GeneratedPerson:
    """A twin: ``person`` with the given names and documents of ``other``."""
    names = tuple(
        replace(name, given_names=theirs.given_names)
        for name, theirs in zip(person.names, other.names * 2, strict=False)
    )
    return replace(person, names=names, documents=other.documents, sex=other.sex)


def _name_form(record: Record, person: GeneratedPerson, form: str, rng: Random) -> None:
    if form == "mrz" and person.documents and person.documents[0].mrz:
        read = parse_mrz(person.documents[0].mrz, lenient=True)
        record.update(surname=read.surname, given_names=" ".join(read.given_names), patronymic="")
    elif form == "typed":
        spelt = typo if rng.random() < 0.5 else other_romanisation
        record.update(
            surname=spelt(rng, record["surname"]),
            given_names=other_romanisation(rng, record["given_names"]),
        )
    elif form == "original" and len(person.names) > 1:
        original = person.names[1]
        record.update(
            surname=original.surname,
            given_names=original.given_names,
            patronymic=original.patronymic,
        )
    elif form == "swapped":
        record.update(surname=record["given_names"], given_names=record["surname"])


def incoming_record(person: GeneratedPerson, key: str, rng: Random) -> tuple[Record, str]:
    """A later registration of ``person``: another name form, and often another
    document (renewed, mistyped or not given), a partial date, another address."""
    record = registry_record(person, key)
    form = rng.choice(FORMS)
    _name_form(record, person, form, rng)
    document = rng.choice(("same", "renewed", "renewed", "absent", "typo"))
    if document == "renewed":
        record["document_number"] = f"N{rng.randrange(10**8):08d}"
    elif document == "absent":
        record["document_number"] = ""
    elif document == "typo":
        record["document_number"] = typo(rng, record["document_number"])
    record["date_of_birth"] = _date(person, rng)
    if rng.random() < 0.6:
        record["address"] = "" if rng.random() < 0.5 else _address(rng.choice(ADDRESS_DONORS))
    return record, f"{form}+{document}"


def build(persons: int, seed: int) -> tuple[list[Record], list[Record], set[Pair], dict[str, str]]:
    rng = Random(seed)
    people = [
        p for p in generate_population(PopulationSpec(seed=seed), 0, persons) if not p.duplicate_of
    ]
    known, strangers = (
        people[: int(len(people) * (1 - STRANGER_SHARE))],
        people[int(len(people) * (1 - STRANGER_SHARE)) :],
    )
    ADDRESS_DONORS[:] = [p for p in people if p.address]
    registry = [registry_record(p, f"R{p.index}") for p in known]
    for number, person in enumerate(rng.sample(known, int(len(known) * TWIN_SHARE))):
        twin = twin_of(person, rng.choice(strangers))
        registry.append(registry_record(twin, f"T{number}"))
    incoming, truth, forms = [], set(), {}
    for person in known:
        if rng.random() < INCOMING_SHARE:
            key = f"I{person.index}"
            record, forms[key] = incoming_record(person, key, rng)
            incoming.append(record)
            truth.add((f"R{person.index}", key))
    incoming += [incoming_record(p, f"S{p.index}", rng)[0] for p in strangers]
    return registry, incoming, truth, forms


def plain_link(registry: list[Record], incoming: list[Record], threshold: float) -> set[Pair]:
    """The tutorial's generic model on the raw columns; best registry record per incoming."""
    api = DuckDBAPI()
    frames = [
        api.register(pd.DataFrame(rows, columns=CANONICAL_COLUMNS).replace("", None),
                     dataset_display_name=name)
        for name, rows in (("registry", registry), ("incoming", incoming))
    ]  # fmt: skip
    settings = SettingsCreator(
        unique_id_column_name="id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("given_names", "surname"),
            block_on("date_of_birth"),
            block_on("document_number"),
            block_on("address"),
        ],
        comparisons=[
            cl.NameComparison("given_names"),
            cl.NameComparison("surname"),
            cl.NameComparison("patronymic"),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y-%m-%d"
            ),
            cl.DamerauLevenshteinAtThresholds("document_number", [2]),
            cl.ExactMatch("nationality"),
            cl.ExactMatch("sex"),
            cl.ExactMatch("address"),
        ],
    )
    linker = Linker(frames, settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_names", "surname", "date_of_birth")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given_names", "surname")
    )
    frame = linker.inference.predict(threshold).as_pandas_dataframe()
    best: dict[str, tuple[float, str]] = {}
    for row in frame.itertuples():
        registry_id, incoming_id = (
            (row.id_l, row.id_r) if row.source_dataset_l == "registry" else (row.id_r, row.id_l)
        )
        if incoming_id not in best or row.match_probability > best[incoming_id][0]:
            best[incoming_id] = (row.match_probability, registry_id)
    return {(registry_id, incoming_id) for incoming_id, (_, registry_id) in best.items()}


def ours(registry: list[Record], incoming: list[Record], threshold: float) -> set[Pair]:
    """Our engine keeps the best right per left, so incoming records go on the left."""
    pairs = ours_link(incoming, registry, threshold)
    return {(registry_id, incoming_id) for incoming_id, registry_id in pairs}


def save_model(registry: list[Record], incoming: list[Record], path: Path) -> None:
    with batch.engine_run() as run:
        batch.load(run, "left_records", incoming)
        batch.load(run, "right_records", registry)
        linker = batch.linker_for(run, ["left_records", "right_records"], "link_only", None)
        model.save(linker, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, default=batch.DEFAULT_THRESHOLD)
    parser.add_argument("--save-model", type=Path)
    options = parser.parse_args()
    registry, incoming, truth, forms = build(options.persons, options.seed)
    print(f"{len(registry)} registry records, {len(incoming)} incoming, {len(truth)} true links")
    found, seconds = timed(lambda: ours(registry, incoming, options.threshold))
    plain, plain_seconds = timed(lambda: plain_link(registry, incoming, options.threshold))
    print(score("multi-script link ours", found, truth, seconds).line())
    print(score("multi-script link plain Splink", plain, truth, plain_seconds).line())
    for name, pairs in (("ours", found), ("plain Splink", plain)):
        missed = Counter(forms[incoming_id] for _, incoming_id in truth - pairs)
        print(f"missed by {name}: {dict(missed.most_common())}")
    if options.save_model:
        save_model(registry, incoming, options.save_model)
        print(f"model saved to {options.save_model}")


if __name__ == "__main__":
    main()
