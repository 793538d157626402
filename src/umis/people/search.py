"""Finding a person from one search box: a name in any script, or a number.

Name queries look up blocking keys (``indexing``) to collect candidates, then
rank them by name similarity; the filters (date of birth, sex, nationality)
are applied in the database. Numbers are matched exactly: person number,
identifier (FIN …) or travel document number.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from operator import itemgetter
from typing import Any, Literal, cast

import numpy
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from umis.core.partial_dates import PartialDate
from umis.core.sql import columns, fetch_prepared, in_list, instance, list_param
from umis.people.indexing import name_forms_split, normalise_document_number, query_keys
from umis.people.models import (
    PERSON_NUMBERS,
    Citizenship,
    Identifier,
    Person,
    PersonName,
    TravelDocument,
    primary,
    written_name,
)
from umis.people.names.keys import NameScorer
from umis.people.postings import most_shared

BirthMode = Literal["exact", "year", "around"]
CANDIDATE_LIMIT = 200
MIN_SCORE = 0.72
_NUMBER_LIKE = re.compile(r"^(?=.*\d)[0-9A-Za-z][0-9A-Za-z\s\-/.]{3,24}$")


@dataclass(frozen=True)
class SearchCriteria:
    text: str
    birth_date: PartialDate | None = None
    birth_mode: BirthMode = "exact"
    sex: str = ""
    nationality: str = ""
    page: int = 1
    page_size: int = 20


@dataclass
class Hit:
    """A person found, with what a list of hits shows of them.

    ``names`` are the person's names as written, in the order they were
    recorded; ``primary_name`` is the first of them as in the travel document
    (else the first); ``citizenships`` are country codes. They come with the
    search, so showing a page needs no further query.
    """

    person: Person
    score: float
    reasons: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    primary_name: str = ""
    citizenships: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SearchPage:
    hits: list[Hit]
    total: int
    page: int
    page_size: int

    @property
    def has_next(self) -> bool:
        return self.page * self.page_size < self.total

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def _birth_years(criteria: SearchCriteria) -> list[int]:
    if criteria.birth_date is None:
        return []
    year = criteria.birth_date.year
    return [year - 1, year, year + 1] if criteria.birth_mode == "around" else [year]


def _birth_range(criteria: SearchCriteria) -> tuple[date, date] | None:
    """The first and last day of birth searched for; None when any will do."""
    wanted = criteria.birth_date
    if wanted is None:
        return None
    if criteria.birth_mode == "exact":
        return wanted.low, wanted.high
    years = _birth_years(criteria)
    return PartialDate(min(years)).low, PartialDate(max(years)).high


def _birth_filter(criteria: SearchCriteria) -> Q:
    """Overlap of the person's possible birth dates with the searched ones.

    A person known only by year matches any day of that year; unknown dates of
    birth never exclude anyone.
    """
    searched = _birth_range(criteria)
    if searched is None:
        return Q()
    low, high = searched
    overlap = Q(birth_date_low__lte=high, birth_date_high__gte=low)
    return overlap | Q(birth_date_low__isnull=True)


def _filtered(criteria: SearchCriteria) -> QuerySet[Person]:
    persons = Person.objects.filter(merged_into__isnull=True).filter(_birth_filter(criteria))
    if criteria.sex:
        persons = persons.filter(sex=criteria.sex)
    if criteria.nationality:
        persons = persons.filter(citizenships__country_id=criteria.nationality)
    return persons


@dataclass
class _Match:
    """A person found, before the page's persons are loaded."""

    person_id: int
    number: str
    score: float
    reasons: list[str] = field(default_factory=list)
    form: str | None = None  # found by name: the comparable form of the name that matched


# What a page of hits reads of its persons and their names (one query).
# Timestamps, dates and the search columns are left to be read on access (a page
# shows none of them). The names' columns are numbers and text, alike from either
# database, so their values serve as they come.
_DEFERRED = {"created_at", "updated_at", "name_forms", "birth_date_low", "birth_date_high"}
PERSON_FIELDS = tuple(
    field.attname for field in Person._meta.concrete_fields if field.attname not in _DEFERRED
)
_PERSON_ID = PERSON_FIELDS.index("id")
NAME_FIELDS = ("id", "kind", "surname", "given_names", "patronymic", "comparable")
_NAME_ID, _KIND, _SURNAME, _GIVEN, _PATRONYMIC, _COMPARABLE = range(len(NAME_FIELDS))


def _number_matches(criteria: SearchCriteria) -> list[_Match]:
    text = criteria.text.strip()
    if not _NUMBER_LIKE.match(text):
        return []
    normalised = normalise_document_number(text)
    found: dict[int, _Match] = {}
    persons = _filtered(criteria)
    if PERSON_NUMBERS.is_valid(text):
        for pk, number in persons.filter(number=PERSON_NUMBERS.parse(text)).values_list(
            "pk", "number"
        ):
            found[pk] = _Match(pk, number, 1.0, [_("person number")])
    identifiers = Identifier.objects.filter(value=normalised, person__in=persons)
    for identifier in identifiers.select_related("person"):
        match = found.setdefault(
            identifier.person_id, _Match(identifier.person_id, identifier.person.number, 1.0)
        )
        match.reasons.append(identifier.get_kind_display())
    documents = TravelDocument.objects.filter(number_normalised=normalised, person__in=persons)
    for document in documents.select_related("person"):
        match = found.setdefault(
            document.person_id, _Match(document.person_id, document.person.number, 1.0)
        )
        state = document.issuing_state_id
        match.reasons.append(_("document number (%(state)s)") % {"state": state})
    return list(found.values())


_BORN_WITHIN = "(p.birth_date_low IS NULL OR (p.birth_date_low <= %s AND p.birth_date_high >= %s))"


def _candidates_sql(criteria: SearchCriteria) -> tuple[str, list[Any]]:
    """The persons of a list of ids (one parameter, first) that pass the filters, a row
    for each with its number and name forms, and the filters' parameters.

    The text is the same for every name searched with the same filters, so
    PostgreSQL keeps the statement prepared.
    """
    q = connection.ops.quote_name
    params: list[Any] = []
    where = [in_list("p.id"), "p.merged_into_id IS NULL"]
    searched = _birth_range(criteria)
    if searched is not None:
        where.append(_BORN_WITHIN)
        params += [connection.ops.adapt_datefield_value(day) for day in reversed(searched)]
    if criteria.sex:
        where.append("p.sex = %s")
        params.append(criteria.sex)
    if criteria.nationality:
        citizenships = q(Citizenship._meta.db_table)
        where.append(
            f"EXISTS (SELECT 1 FROM {citizenships} c "  # noqa: S608
            "WHERE c.person_id = p.id AND c.country_id = %s)"
        )
        params.append(criteria.nationality)
    sql = (
        f"SELECT p.id, p.{q('number')}, p.{q('name_forms')} "  # noqa: S608 (no user text)
        f"FROM {q(Person._meta.db_table)} p WHERE {' AND '.join(where)}"
    )
    return sql, params


def _name_matches(criteria: SearchCriteria) -> list[_Match]:
    """Candidates passing the filters whose best name is alike enough, with that name's form.

    The candidates are the CANDIDATE_LIMIT persons sharing most blocking keys with the
    typed name (``postings.most_shared``); they come with their persons' name forms in
    one more statement, and no name row is read.
    """
    keys = query_keys(criteria.text, _birth_years(criteria))
    ids = most_shared(keys, CANDIDATE_LIMIT) if keys else []
    if not ids:
        return []
    sql, params = _candidates_sql(criteria)
    rows = fetch_prepared(sql, [list_param(ids), *params])
    forms = [name_forms_split(joined) for _id, _number, joined in rows]
    counts = numpy.array([len(own) for own in forms])
    named = numpy.flatnonzero(counts)  # a person without names matches no name
    if not named.size:
        return []
    scores = NameScorer([criteria.text]).scores([form for own in forms for form in own])
    starts = numpy.cumsum(counts) - counts
    best = numpy.maximum.reduceat(scores, starts[named])  # each person's best name
    matches = []
    for at in named[best >= MIN_SCORE].tolist():
        person_id, number, _joined = rows[at]
        own = scores[starts[at] : starts[at] + counts[at]]
        chosen = int(own.argmax())
        matches.append(_Match(person_id, number, float(own[chosen]), form=forms[at][chosen]))
    return matches


@cache
def _page_sql() -> str:
    """The page's persons, a row for each of their citizenships and names (one with none)."""
    q = connection.ops.quote_name
    return (
        f"SELECT {columns(Person, PERSON_FIELDS, 'p')}, c.id, c.country_id, "  # noqa: S608 (no user text)
        f"{columns(PersonName, NAME_FIELDS, 'n')} "
        f"FROM {q(Person._meta.db_table)} p "
        f"LEFT JOIN {q(Citizenship._meta.db_table)} c ON c.person_id = p.id "
        f"LEFT JOIN {q(PersonName._meta.db_table)} n ON n.person_id = p.id "
        f"WHERE {in_list('p.id')} ORDER BY p.id, c.id, n.id"
    )


def _hits(matches: list[_Match]) -> list[Hit]:
    """The matches with their persons, names and citizenships, in the same order (one query)."""
    if not matches:
        return []
    persons: dict[int, Person] = {}
    citizenships: dict[int, dict[int, str]] = {}
    names: dict[int, dict[int, tuple[Any, ...]]] = {}
    wide = len(PERSON_FIELDS)
    ids = list_param([m.person_id for m in matches])
    for row in fetch_prepared(_page_sql(), [ids]):
        person_id = row[_PERSON_ID]
        if person_id not in persons:
            persons[person_id] = cast(Person, instance(Person, PERSON_FIELDS, row[:wide]))
            citizenships[person_id], names[person_id] = {}, {}
        citizenship, country = row[wide : wide + 2]
        if citizenship is not None:
            citizenships[person_id][citizenship] = country
        name = row[wide + 2 :]
        if name[_NAME_ID] is not None:
            names[person_id][name[_NAME_ID]] = name
    hits = []
    for match in matches:
        own = list(names[match.person_id].values())  # in the order recorded
        hits.append(
            Hit(
                persons[match.person_id],
                match.score,
                _reasons(match, own),
                names=[_written(name) for name in own],
                primary_name=_primary(own),
                citizenships=list(citizenships[match.person_id].values()),
            )
        )
    return hits


def _written(name: tuple[Any, ...]) -> str:
    return written_name(name[_SURNAME], name[_GIVEN], name[_PATRONYMIC])


def _primary(names: list[tuple[Any, ...]]) -> str:
    name = primary(names, itemgetter(_KIND))
    return _written(name) if name is not None else ""


def _reasons(match: _Match, names: list[tuple[Any, ...]]) -> list[str]:
    """Why ``match`` was found; for a name, the first of ``names`` of the form that matched."""
    if match.form is None:
        return match.reasons
    name = next((n for n in names if n[_COMPARABLE] == match.form), None)
    if name is None:  # renamed since the candidates were read
        return match.reasons
    reason = _("name “%(name)s” (%(score)d%% alike)") % {
        "name": _written(name),
        "score": round(match.score * 100),
    }
    return [reason, *match.reasons]


def person_search(criteria: SearchCriteria) -> SearchPage:
    """Ranked persons for the criteria, best first, one page of them."""
    found = {match.person_id: match for match in _name_matches(criteria)}
    for match in _number_matches(criteria):
        found[match.person_id] = match
    ranked = sorted(found.values(), key=lambda m: (-m.score, m.number))
    start = (criteria.page - 1) * criteria.page_size
    page_hits = _hits(ranked[start : start + criteria.page_size])
    if criteria.birth_date:
        for hit in page_hits:
            if born := hit.person.birth_date:
                hit.reasons.append(_("born %(date)s") % {"date": born})
    return SearchPage(page_hits, len(ranked), criteria.page, criteria.page_size)
