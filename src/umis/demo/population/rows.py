"""The table rows of a chunk of generated persons, as plain tuples; no database.

What ``people.services`` stores next to what it is given (the Latin form of
each name, normalised document numbers, the search keys of
``indexing.keys_for_names``) is computed here, away from the database, so that
a worker process can prepare the next chunk while the writer inserts this one.
Rows name their person by its place in the chunk (``offset``); the writer
swaps in the database id.
"""

from dataclasses import dataclass, field
from typing import Any

from umis.demo.population.generator import PopulationSpec, generate_population
from umis.demo.population.records import GeneratedPerson
from umis.people.indexing import (
    keys_for_names,
    latin_form,
    name_forms_join,
    normalise_document_number,
)
from umis.people.names.keys import comparable_form

type Row = tuple[Any, ...]  # database parameters
type OffsetRow = tuple[int, *tuple[Any, ...]]  # the person's place in the chunk, then values
# offset, own index, original index, variation, original's (state, kind, normalised number)
type DuplicateRow = tuple[int, int, int, str, tuple[str, str, str]]


@dataclass
class ChunkRows:
    start: int  # index of the chunk's first person
    # sex, birth year, month, day, low, high, place, country of birth, citizenship status,
    # name forms
    persons: list[Row] = field(default_factory=list)
    citizenships: list[OffsetRow] = field(default_factory=list)  # offset, country
    names: list[OffsetRow] = field(default_factory=list)  # offset, kind, script, surname, given, …
    documents: list[OffsetRow] = field(default_factory=list)  # offset, kind, number, normalised, …
    fins: list[OffsetRow] = field(default_factory=list)  # offset, value
    addresses: list[OffsetRow] = field(default_factory=list)  # offset, kind, line, city, valid_from
    keys: list[OffsetRow] = field(default_factory=list)  # offset, key
    duplicates: list[DuplicateRow] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.persons)


def chunk_rows(spec: PopulationSpec, start: int, count: int) -> ChunkRows:
    """The rows of persons ``start`` … ``start + count - 1`` of ``spec``'s population."""
    chunk = ChunkRows(start)
    for offset, person in enumerate(generate_population(spec, start, count)):
        _add(chunk, offset, person)
    return chunk


def _add(chunk: ChunkRows, offset: int, person: GeneratedPerson) -> None:
    birth = person.birth_date
    names = [(n.surname, n.given_names, n.patronymic) for n in person.names]
    forms = [comparable_form(*parts) for parts in names]
    chunk.persons.append(
        (person.sex, birth.year, birth.month, birth.day, birth.low, birth.high,
         person.place_of_birth, person.country_of_birth or None, person.citizenship_status,
         name_forms_join(forms))
    )  # fmt: skip
    if person.nationality:
        chunk.citizenships.append((offset, person.nationality))
    for name, parts, form in zip(person.names, names, forms, strict=True):
        chunk.names.append((offset, name.kind, name.script, *parts, latin_form(*parts), form))
    for document in person.documents:
        chunk.documents.append(
            (offset, document.kind, document.number, normalise_document_number(document.number),
             document.issuing_state, document.issued_on, document.expires_on, document.mrz)
        )  # fmt: skip
    if person.fin:
        chunk.fins.append((offset, person.fin))
    if person.address is not None:
        address = person.address
        chunk.addresses.append(
            (offset, address.kind, address.line, address.city, address.valid_from)
        )
    chunk.keys.extend((offset, key) for key in sorted(keys_for_names(names, birth.year)))
    if person.duplicate_of is not None:
        link = person.duplicate_of
        original = link.document
        found_by = (
            original.issuing_state,
            original.kind,
            normalise_document_number(original.number),
        )
        chunk.duplicates.append((offset, person.index, link.index, link.variation, found_by))
