"""Identity API v1: who a traveller is, and the review queue of possible duplicates."""

from datetime import datetime
from typing import Final, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, P, PathEx, Query, Router, Schema

from umis.core.api_errors import ERRORS
from umis.core.errors import ValidationFailed
from umis.core.http import actor_of
from umis.core.partial_dates import InvalidPartialDate, PartialDate
from umis.core.permissions import Actor, require
from umis.core.purposes import Purpose
from umis.identity import selectors, services
from umis.identity.access import resolve_traveller
from umis.identity.engine.scoring import Evidence
from umis.identity.matcher import Candidate
from umis.identity.models import CandidatePair
from umis.identity.services import REVIEW_PERMISSION, person_resolve
from umis.people.api import NO_NUL, EvidenceOut, MatchOut
from umis.people.inputs import DocumentInput, NameInput, PersonInput
from umis.people.services import REGISTER_PERMISSION

router = Router()
BIRTH: Final = r"^(\d{4}-\d{2}-\d{2})?$"


class OtherNameIn(Schema):
    surname: str = Field("", max_length=150, pattern=NO_NUL)
    given_names: str = Field("", max_length=200, pattern=NO_NUL)
    patronymic: str = Field("", max_length=150, pattern=NO_NUL)


class ResolveIn(Schema):
    """A traveller in the canonical columns of ``umis identity link`` (any may be empty)."""

    purpose: Purpose
    surname: str = Field("", max_length=150, pattern=NO_NUL)
    given_names: str = Field("", max_length=200, pattern=NO_NUL)
    patronymic: str = Field("", max_length=150, pattern=NO_NUL)
    other_names: list[OtherNameIn] = Field(
        default_factory=list,
        max_length=5,
        description="The same person written in another script or romanisation.",
    )
    sex: Literal["M", "F", "X", ""] = ""
    date_of_birth: str = Field(
        "", pattern=BIRTH, description="YYYY-MM-DD; 00 for an unknown month or day"
    )
    nationality: str = Field("", pattern=r"^([A-Za-z]{3})?$", description="ISO 3166 alpha-3")
    document_number: str = Field("", max_length=30, pattern=NO_NUL)
    create: bool = Field(
        False,
        description=(
            "Register the traveller when no one surely is them (needs `people.register`, "
            "`sex` and a nationality); a possible match is then queued for review."
        ),
    )
    source: str = Field("", max_length=100, pattern=NO_NUL)
    source_ref: str = Field(
        "", max_length=100, pattern=NO_NUL, description="Makes a creating call idempotent."
    )


class ResolveOut(Schema):
    decision: Literal["link", "propose", "none"] = Field(
        description="`link`: one registered person surely is the traveller; `propose`: "
        "someone may be (an officer decides); `none`: nobody alike is registered."
    )
    person: str | None = Field(
        description="The person number: the one linked, or the one registered on `create`."
    )
    created: bool
    match_probability: float | None = Field(description="The best candidate's probability.")
    candidates: list[MatchOut]


def _birth(text: str) -> PartialDate | None:
    if not text:
        return None
    try:
        return PartialDate.parse(text)
    except InvalidPartialDate as error:
        raise ValidationFailed.single("date_of_birth", error.message) from None


def _traveller(payload: ResolveIn) -> PersonInput:
    names = [NameInput(payload.surname, payload.given_names, payload.patronymic)]
    names += [NameInput(n.surname, n.given_names, n.patronymic, kind="alias")
              for n in payload.other_names]  # fmt: skip
    names = [n for n in names if (n.surname + n.given_names).strip()]
    if not names:
        raise ValidationFailed.single("surname", _("Give the surname or the given names."))
    nationality = payload.nationality.upper()
    document = payload.document_number.strip()
    return PersonInput(
        sex=payload.sex,
        names=names,
        birth_date=_birth(payload.date_of_birth),
        citizenship_status="citizen" if nationality else "undetermined",
        citizenships=[nationality] if nationality else [],
        documents=[DocumentInput("passport", document, nationality)] if document else [],
    )


def _evidence(evidence: list[Evidence]) -> list[EvidenceOut]:
    return [
        EvidenceOut(comparison=e.comparison, level=e.level, weight=round(e.weight, 2))
        for e in evidence
    ]


def _candidate_out(candidate: Candidate) -> MatchOut:
    person = candidate.person
    return MatchOut(
        number=person.number,
        match_probability=round(candidate.probability, 4),
        names=[str(n) for n in person.names.all()],
        birth_date=str(person.birth_date) if person.birth_date else None,
        evidence=_evidence(candidate.evidence),
    )


# A refusal of the registry names the field of its own input; say it as this input does.
_CREATE_FIELDS: Final = {
    "sex": "sex",
    "names": "surname",
    "birth_date": "date_of_birth",
    "citizenships": "nationality",
    "documents": "document_number",
}


def _create(actor: Actor, payload: ResolveIn, data: PersonInput) -> str:
    require(actor, REGISTER_PERMISSION)
    if data.documents and not data.citizenships:
        raise ValidationFailed.single(
            "nationality", _("Give the nationality: it is taken as the document's issuing state.")
        )
    try:
        resolution = person_resolve(
            actor=actor, data=data, source=payload.source, source_ref=payload.source_ref
        )
    except ValidationFailed as refused:
        fields: dict[str, list[str]] = {}
        for key, texts in refused.errors.items():
            head = "citizenships" if key.endswith("issuing_state") else key.split(".")[0]
            field = _CREATE_FIELDS.get(head, "__all__")
            fields.setdefault(field, []).extend(texts)
        raise ValidationFailed(fields) from None
    return resolution.person.number


@router.post(
    "/resolve",
    response={200: ResolveOut, **ERRORS},
    summary="Who is this traveller?",
    description=(
        "Asks the interactive matcher (the registry's blocking keys and the trained model) "
        "whether a registered person is the traveller. Every candidate returned is read "
        "for the stated `purpose` and recorded in the audit trail, as is the question. "
        "Nothing is created unless `create` is true."
    ),
)
def resolve(request: HttpRequest, payload: ResolveIn) -> ResolveOut:
    actor = actor_of(request)
    data = _traveller(payload)
    resolved = resolve_traveller(actor=actor, data=data, purpose=payload.purpose)
    found = resolved.identification
    linked = resolved.candidates[0].person.number if found.decision == "link" else None
    created = payload.create and linked is None
    person = _create(actor, payload, data) if created else linked
    return ResolveOut(
        decision="none" if found.decision == "create" else found.decision,
        person=person,
        created=created,
        match_probability=round(found.best.probability, 4) if found.best else None,
        candidates=[_candidate_out(c) for c in resolved.candidates],
    )


class PairOut(Schema):
    id: int
    first: str = Field(description="Person number; read it with GET /people/{number}.")
    second: str
    match_probability: float
    evidence: list[EvidenceOut]
    found_by: str
    found_at: datetime
    status: Literal["open", "same", "different", "unsure"]
    decided_by: str
    note: str


class PairsOut(Schema):
    total: int
    page: int
    page_size: int
    results: list[PairOut]


class PairsParams(Schema):
    status: Literal["open", "same", "different", "unsure"] = "open"
    page: int = Field(1, ge=1, le=10000)


class DecisionIn(Schema):
    decision: Literal["same", "different", "unsure"]
    note: str = Field("", max_length=2000, pattern=NO_NUL)


def _pair_out(pair: CandidatePair) -> PairOut:
    return PairOut(
        id=pair.pk,
        first=pair.first.number,
        second=pair.second.number,
        match_probability=round(pair.match_probability, 4),
        evidence=[EvidenceOut.model_validate(row) for row in pair.evidence],
        found_by=pair.found_by,
        found_at=pair.found_at,
        status=pair.status,  # type: ignore[arg-type]
        decided_by=pair.decided_by,
        note=pair.note,
    )


@router.get(
    "/pairs",
    response={200: PairsOut, **ERRORS},
    summary="The review queue of possible duplicates",
    description="Pairs with `status`, the likeliest first; needs `identity.review`.",
)
def pairs(request: HttpRequest, params: Query[PairsParams]) -> PairsOut:
    require(actor_of(request), REVIEW_PERMISSION)
    page = selectors.review_queue(params.status, params.page)
    return PairsOut(
        total=page.paginator.count,
        page=page.number,
        page_size=selectors.PAGE_SIZE,
        results=[_pair_out(pair) for pair in page],
    )


@router.post(
    "/pairs/{pair_id}/decision",
    response={200: PairOut, **ERRORS},
    summary="Decide a possible duplicate",
    description=(
        "Same person, different people or not sure; decided pairs are the labels the "
        "model learns from, and a pair decided *different* is never proposed again."
    ),
)
def pair_decision(
    request: HttpRequest, pair_id: PathEx[int, P(ge=1, le=2**62)], payload: DecisionIn
) -> PairOut:
    actor = actor_of(request)
    require(actor, REVIEW_PERMISSION)
    pair = get_object_or_404(CandidatePair.objects.select_related("first", "second"), pk=pair_id)
    services.pair_decide(actor=actor, pair=pair, decision=payload.decision, note=payload.note)
    return _pair_out(pair)
