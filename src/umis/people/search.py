"""Finding a person from one search box: a name in any script, or a number.

Name queries look up blocking keys (``indexing``) to collect candidates, then
rank them by name similarity; the filters (date of birth, sex, nationality)
are applied in the database. Numbers are matched exactly: person number,
identifier (FIN …) or travel document number.
"""

import re
from dataclasses import dataclass, field
from typing import Literal

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from umis.core.partial_dates import PartialDate
from umis.people.indexing import normalise_document_number, query_keys
from umis.people.models import PERSON_NUMBERS, Identifier, NameKey, Person, TravelDocument
from umis.people.names.keys import name_similarity, name_tokens

BirthMode = Literal["exact", "year", "around"]
CANDIDATE_LIMIT = 400
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
    person: Person
    score: float
    reasons: list[str] = field(default_factory=list)


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


def _birth_filter(criteria: SearchCriteria) -> Q:
    """Overlap of the person's possible birth dates with the searched ones.

    A person known only by year matches any day of that year; unknown dates of
    birth never exclude anyone.
    """
    wanted = criteria.birth_date
    if wanted is None:
        return Q()
    if criteria.birth_mode == "exact":
        low, high = wanted.low, wanted.high
    else:
        years = _birth_years(criteria)
        low, high = PartialDate(min(years)).low, PartialDate(max(years)).high
    overlap = Q(birth_date_low__lte=high, birth_date_high__gte=low)
    return overlap | Q(birth_date_low__isnull=True)


def _filtered(criteria: SearchCriteria) -> QuerySet[Person]:
    persons = Person.objects.filter(merged_into__isnull=True).filter(_birth_filter(criteria))
    if criteria.sex:
        persons = persons.filter(sex=criteria.sex)
    if criteria.nationality:
        persons = persons.filter(citizenships__country_id=criteria.nationality)
    return persons


def _number_hits(criteria: SearchCriteria) -> list[Hit]:
    text = criteria.text.strip()
    if not _NUMBER_LIKE.match(text):
        return []
    normalised = normalise_document_number(text)
    hits: dict[int, Hit] = {}
    persons = _filtered(criteria)
    if PERSON_NUMBERS.is_valid(text):
        for person in persons.filter(number=PERSON_NUMBERS.parse(text)):
            hits[person.pk] = Hit(person, 1.0, [_("person number")])
    identifiers = Identifier.objects.filter(value=normalised, person__in=persons)
    for identifier in identifiers.select_related("person"):
        hit = hits.setdefault(identifier.person_id, Hit(identifier.person, 1.0))
        hit.reasons.append(identifier.get_kind_display())
    documents = TravelDocument.objects.filter(number_normalised=normalised, person__in=persons)
    for document in documents.select_related("person"):
        hit = hits.setdefault(document.person_id, Hit(document.person, 1.0))
        hit.reasons.append(_("document number (%(state)s)") % {"state": document.issuing_state_id})
    return list(hits.values())


def _name_candidates(criteria: SearchCriteria) -> list[int]:
    keys = query_keys(criteria.text, _birth_years(criteria))
    if not keys:
        return []
    rows = (
        NameKey.objects.filter(key__in=keys)
        .values("person_id")
        .annotate(shared=Count("key"))
        .order_by("-shared", "person_id")[:CANDIDATE_LIMIT]
    )
    return [row["person_id"] for row in rows]


def _name_hits(criteria: SearchCriteria) -> list[Hit]:
    wanted = name_tokens(criteria.text)
    candidates = _name_candidates(criteria)
    if not wanted or not candidates:
        return []
    persons = _filtered(criteria).filter(pk__in=candidates).prefetch_related("names").distinct()
    hits = []
    for person in persons:
        best, best_name = 0.0, None
        for name in person.names.all():
            tokens = name_tokens(name.surname, name.given_names, name.patronymic)
            score = name_similarity(wanted, tokens)
            if score > best:
                best, best_name = score, name
        if best >= MIN_SCORE and best_name is not None:
            reason = _("name “%(name)s” (%(score)d%% alike)") % {
                "name": str(best_name),
                "score": round(best * 100),
            }
            hits.append(Hit(person, best, [reason]))
    return hits


def person_search(criteria: SearchCriteria) -> SearchPage:
    """Ranked persons for the criteria, best first, one page of them."""
    hits = {hit.person.pk: hit for hit in _name_hits(criteria)}
    for hit in _number_hits(criteria):
        hits[hit.person.pk] = hit
    ranked = sorted(hits.values(), key=lambda h: (-h.score, h.person.number))
    start = (criteria.page - 1) * criteria.page_size
    page_hits = ranked[start : start + criteria.page_size]
    if criteria.birth_date:
        for hit in page_hits:
            if hit.person.birth_date:
                hit.reasons.append(_("born %(date)s") % {"date": hit.person.birth_date})
    return SearchPage(page_hits, len(ranked), criteria.page, criteria.page_size)
