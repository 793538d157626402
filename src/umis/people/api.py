"""People API v1: register, fetch and search persons."""

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, P, PathEx, Query, Router, Schema, Status
from pydantic import BaseModel

from umis.core.api_errors import ERRORS, ErrorBody, ErrorOut
from umis.core.api_types import IsoDate
from umis.core.errors import ValidationFailed
from umis.core.http import actor_of
from umis.core.partial_dates import InvalidPartialDate, PartialDate
from umis.core.permissions import Actor, require
from umis.core.purposes import Purpose
from umis.people import services
from umis.people.access import VIEW_PERMISSION, access_person, access_person_by_number
from umis.people.access_search import search_persons
from umis.people.entry import EntryCheck, EntryMatch, entry_resolver, known_source_record
from umis.people.inputs import AddressInput, DocumentInput, IdentifierInput, NameInput, PersonInput
from umis.people.models import Person
from umis.people.search import Hit, SearchCriteria

router = Router()


class NameSchema(Schema):
    surname: str = Field("", max_length=150)
    given_names: str = Field("", max_length=200)
    patronymic: str = Field("", max_length=150)
    kind: Literal["document", "original", "alias", "previous"] = "document"
    script: str = Field("", max_length=4, description="ISO 15924; detected when empty")


class DocumentSchema(Schema):
    kind: Literal["passport", "id_card", "stateless", "refugee", "residence", "other"]
    number: str = Field(..., min_length=1, max_length=30)
    issuing_state: str = Field(..., min_length=3, max_length=3, description="ISO 3166 alpha-3")
    issued_on: IsoDate | None = None
    expires_on: IsoDate | None = None
    mrz: str = Field("", max_length=200)


class IdentifierSchema(Schema):
    kind: Literal["fin", "tax", "border", "police", "other"]
    value: str = Field(..., min_length=1, max_length=40)
    issued_by: str = Field("", max_length=100)


class AddressSchema(Schema):
    kind: Literal["stay", "residence", "abroad"]
    line: str = Field(..., min_length=1, max_length=300)
    city: str = Field("", max_length=100)
    country: str = Field(..., min_length=3, max_length=3)
    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None


class PersonIn(Schema):
    sex: Literal["M", "F", "X"]
    birth_date: str | None = Field(
        None, description="YYYY-MM-DD, YYYY-MM or YYYY (00 for an unknown part)"
    )
    place_of_birth: str = Field("", max_length=200)
    country_of_birth: str = Field("", max_length=3)
    citizenship_status: Literal["citizen", "stateless", "undetermined"] = "citizen"
    citizenships: list[str] = Field(default_factory=list, max_length=5)
    names: list[NameSchema] = Field(..., min_length=1, max_length=10)
    documents: list[DocumentSchema] = Field(default_factory=list, max_length=10)
    identifiers: list[IdentifierSchema] = Field(default_factory=list, max_length=10)
    addresses: list[AddressSchema] = Field(default_factory=list, max_length=10)
    source: str = Field("", max_length=100)
    source_ref: str = Field("", max_length=100, description="Makes the call idempotent.")
    on_match: Literal["refuse", "link", "create"] = Field(
        "refuse",
        description=(
            "What to do when the matcher finds that this person is surely registered already: "
            "`refuse` answers 409 with the person; `link` adds the names, documents, identifiers "
            "and addresses they do not have yet to them (200, needs `people.edit`); `create` "
            "registers a new person anyway and queues the pair for review."
        ),
    )


class PersonOut(Schema):
    number: str
    sex: str
    birth_date: str | None
    place_of_birth: str
    country_of_birth: str | None
    citizenship_status: str
    citizenships: list[str]
    status_summary: str
    names: list[NameSchema]
    documents: list[DocumentSchema]
    identifiers: list[IdentifierSchema]
    addresses: list[AddressSchema]


# The search's answer is plain pydantic: it is built from values, and ninja's Schema
# would read each of a page's fields again through its Django-aware getter.
class PersonSummary(BaseModel):
    number: str
    sex: str
    birth_date: str | None
    names: list[str]
    citizenships: list[str]


class SearchHitOut(BaseModel):
    person: PersonSummary
    score: float
    reasons: list[str]


class SearchOut(BaseModel):
    total: int
    page: int
    page_size: int
    results: list[SearchHitOut]


# Query text reaches the database and the audit trail, neither of which holds a NUL.
NO_NUL = r"^[^\x00]*$"


class SearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=200, pattern=NO_NUL)
    purpose: Purpose
    birth_date: str | None = None
    birth_mode: Literal["exact", "year", "around"] = "exact"
    sex: Literal["M", "F", "X"] | None = None
    nationality: str | None = Field(
        None, pattern=r"^[A-Za-z]{0,3}$", description="ISO 3166 alpha-3"
    )
    page: int = Field(1, ge=1, le=1000)
    page_size: int = Field(20, ge=1, le=100)


def _partial_date(text: str | None, field: str) -> PartialDate | None:
    if not text:
        return None
    try:
        return PartialDate.parse(text)
    except InvalidPartialDate as error:
        raise ValidationFailed.single(field, error.message) from None


def _person_input(payload: PersonIn) -> PersonInput:
    return PersonInput(
        sex=payload.sex,
        birth_date=_partial_date(payload.birth_date, "birth_date"),
        place_of_birth=payload.place_of_birth,
        country_of_birth=payload.country_of_birth.upper(),
        citizenship_status=payload.citizenship_status,
        citizenships=[code.upper() for code in payload.citizenships],
        names=[NameInput(**n.model_dump()) for n in payload.names],
        documents=[
            DocumentInput(**{**d.model_dump(), "issuing_state": d.issuing_state.upper()})
            for d in payload.documents
        ],
        identifiers=[IdentifierInput(**i.model_dump()) for i in payload.identifiers],
        addresses=[
            AddressInput(**{**a.model_dump(), "country": a.country.upper()})
            for a in payload.addresses
        ],
    )


NAME_FIELDS = ("surname", "given_names", "patronymic", "kind", "script")
DOCUMENT_FIELDS = ("kind", "number", "issuing_state_id", "issued_on", "expires_on", "mrz")
IDENTIFIER_FIELDS = ("kind", "value", "issued_by")
ADDRESS_FIELDS = ("kind", "line", "city", "country_id", "valid_from", "valid_to")


def person_out(person: Person) -> PersonOut:
    return PersonOut(
        number=person.number,
        sex=person.sex,
        birth_date=str(person.birth_date) if person.birth_date else None,
        place_of_birth=person.place_of_birth,
        country_of_birth=person.country_of_birth_id,
        citizenship_status=person.citizenship_status,
        citizenships=[c.country_id for c in person.citizenships.all()],
        status_summary=person.status_summary,
        names=[NameSchema.model_validate(n) for n in person.names.values(*NAME_FIELDS)],
        documents=[
            DocumentSchema.model_validate({**d, "issuing_state": d.pop("issuing_state_id")})
            for d in person.documents.values(*DOCUMENT_FIELDS)
        ],
        identifiers=[
            IdentifierSchema.model_validate(i)
            for i in person.identifiers.values(*IDENTIFIER_FIELDS)
        ],
        addresses=[
            AddressSchema.model_validate({**a, "country": a.pop("country_id")})
            for a in person.addresses.values(*ADDRESS_FIELDS)
        ],
    )


class EvidenceOut(Schema):
    comparison: str
    level: str
    weight: float = Field(description="log2 Bayes factor: above 0 speaks for one person")


class MatchOut(Schema):
    number: str
    match_probability: float
    names: list[str]
    birth_date: str | None
    evidence: list[EvidenceOut]


class PersonExistsOut(ErrorOut):
    matches: list[MatchOut] = Field(
        description="The registered person (read for registration, audited); empty for a "
        "caller who may not read persons."
    )


def _match_out(actor: Actor, match: EntryMatch) -> MatchOut:
    person = access_person(actor=actor, person_id=match.person_id, purpose=Purpose.REGISTRATION)
    return MatchOut(
        number=person.number,
        match_probability=round(match.probability, 4),
        names=[str(n) for n in person.names.all()],
        birth_date=str(person.birth_date) if person.birth_date else None,
        evidence=[EvidenceOut(comparison=e.comparison, level=e.level, weight=e.weight)
                  for e in match.evidence],
    )  # fmt: skip


def _exists(actor: Actor, check: EntryCheck) -> PersonExistsOut:
    sure = check.matches[:1]  # a *link* has one sure match, the likeliest
    readable = actor.can(VIEW_PERMISSION)
    return PersonExistsOut(
        error=ErrorBody(
            code="person_exists",
            message=_(
                "This person is already registered. Send on_match=link to add this "
                "registration to them, or on_match=create if they are someone else."
            ),
        ),
        matches=[_match_out(actor, m) for m in sure] if readable else [],
    )


@router.post(
    "",
    response={200: PersonOut, 201: PersonOut, 409: PersonExistsOut, **ERRORS},
    summary="Register a person",
    description=(
        "The interactive matcher is asked first. Nobody alike: the person is registered (201). "
        "Someone possibly the same: the person is registered and each possible match is "
        "queued for an officer's review (201). Someone surely the same: see `on_match` "
        "(409 by default). A `source_ref` seen before returns the person it registered (201)."
    ),
)
def create_person(request: HttpRequest, payload: PersonIn) -> Status[Schema]:
    actor = actor_of(request)
    require(actor, services.REGISTER_PERMISSION)
    data = _person_input(payload)
    known = known_source_record(actor=actor, source=payload.source, source_ref=payload.source_ref)
    if known is not None:
        return Status(201, person_out(known))
    # The registration's rules are checked by the registration or the link that follows:
    # a passport already registered is how the matcher knows the person, not an error.
    resolver = entry_resolver()
    check = resolver.check(data)
    if check.decision == "link" and payload.on_match == "refuse":
        return Status(409, _exists(actor, check))
    if check.decision == "link" and payload.on_match == "link":
        assert check.matches
        require(actor, services.EDIT_PERMISSION)  # refused before anyone is read for it
        person = access_person(
            actor=actor, person_id=check.matches[0].person_id, purpose=Purpose.REGISTRATION
        )
        return Status(200, person_out(resolver.link(actor=actor, person=person, data=data,
                                                    check=check)))  # fmt: skip
    person = resolver.register(
        actor=actor,
        data=data,
        check=check,
        said_different=check.decision == "link",  # and the caller sent on_match=create
        source=payload.source,
        source_ref=payload.source_ref,
    )
    return Status(201, person_out(person))


@router.get("/search", response={200: SearchOut, **ERRORS}, summary="Search persons")
def search(request: HttpRequest, params: Query[SearchParams]) -> SearchOut:
    criteria = SearchCriteria(
        text=params.q,
        birth_date=_partial_date(params.birth_date, "birth_date"),
        birth_mode=params.birth_mode,
        sex=params.sex or "",
        nationality=(params.nationality or "").upper(),
        page=params.page,
        page_size=params.page_size,
    )
    page = search_persons(actor=actor_of(request), criteria=criteria, purpose=params.purpose)
    return SearchOut(
        total=page.total,
        page=page.page,
        page_size=page.page_size,
        results=[_hit_out(hit) for hit in page.hits],
    )


def _hit_out(hit: Hit) -> SearchHitOut:
    born = hit.person.birth_date
    summary = PersonSummary(
        number=hit.person.number,
        sex=hit.person.sex,
        birth_date=str(born) if born else None,
        names=hit.names,
        citizenships=hit.citizenships,
    )
    return SearchHitOut(person=summary, score=round(hit.score, 3), reasons=hit.reasons)


@router.get("/{number}", response={200: PersonOut, **ERRORS}, summary="Get a person")
def get_person(
    request: HttpRequest,
    number: PathEx[str, P(pattern=r"^[A-Za-z0-9-]{1,20}$")],
    purpose: Purpose,
) -> PersonOut:
    person = access_person_by_number(
        actor=actor_of(request),
        number=number.upper(),
        purpose=purpose,
    )
    return person_out(person)
