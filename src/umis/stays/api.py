"""Stays API v1: the stay calculator, crossings in bulk, overstayers on a date."""

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from umis.audit.services import record
from umis.core import clock
from umis.core.api_errors import ERRORS
from umis.core.api_types import IsoDate
from umis.core.errors import ValidationFailed
from umis.core.http import actor_of
from umis.core.permissions import require
from umis.stays import events
from umis.stays.engine.calculator import CalculatorInputError, calculate
from umis.stays.explain import render
from umis.stays.ingest import MAX_BATCH, crossings_ingest
from umis.stays.panels import VIEW_PERMISSION
from umis.stays.selectors import overstayers_stored, stored_as_of

router = Router()


class RuleIn(Schema):
    kind: Literal["rolling", "per_entry"]
    max_days: int = Field(..., ge=0, le=3660)
    window_days: int | None = Field(None, ge=1, le=3660)


DAY = r"^\d{4}-\d{2}-\d{2}$"


class StayIn(Schema):
    entry: str | None = Field(None, pattern=DAY)
    exit: str | None = Field(None, pattern=DAY)


class CalculationIn(Schema):
    """Dates are YYYY-MM-DD text; the calculator checks that each is a real date."""

    rule: RuleIn
    stays: list[StayIn] = Field(default_factory=list, max_length=1000)
    on: str = Field(..., pattern=DAY)
    plan_entry: str | None = Field(None, pattern=DAY)


class CalculationOut(Schema):
    on: date
    present: bool
    days_used: int
    max_days: int
    overstay_days: int
    last_legal_day: date | None
    plan_entry: date | None = None
    max_days_from_entry: int | None = None
    explanation: list[str]


@router.post(
    "/calculate",
    response={200: CalculationOut, **ERRORS},
    auth=None,
    summary="Stay calculator (public, nothing stored)",
)
def calculate_stay(request: HttpRequest, payload: CalculationIn) -> dict[str, Any]:
    try:
        return calculate(payload.model_dump(mode="json")).to_json(render)
    except CalculatorInputError as refused:
        raise ValidationFailed.single("__all__", render(refused.explanation)) from None


class TravellerIn(Schema):
    surname: str = Field("", max_length=150)
    given_names: str = Field("", max_length=200)
    sex: str = Field("X", max_length=1)
    birth_date: str | None = Field(None, max_length=10)


class BatchIn(Schema):
    records: list[dict[str, Any]] = Field(
        ...,
        max_length=MAX_BATCH,
        description=(
            "Each: source_ref, direction, at, person or traveller, point, document_kind, "
            "document_number, nationality, purpose"
        ),
    )


class RejectedOut(Schema):
    index: int
    source_ref: str
    reason: str


class BatchOut(Schema):
    received: int
    accepted: int
    duplicates: int
    persons_registered: int = Field(description="New persons, including those for review")
    persons_linked: int = Field(description="Travellers the matcher linked to a person")
    persons_for_review: int = Field(
        description="New persons whose look-alikes are queued for an officer's review"
    )
    rejected: list[RejectedOut]


@router.post("/crossings/batch", response={200: BatchOut, **ERRORS}, summary="Crossings in bulk")
def crossings_batch(request: HttpRequest, payload: BatchIn) -> dict[str, Any]:
    result = crossings_ingest(actor=actor_of(request), records=payload.records)
    return {
        "received": result.received,
        "accepted": result.accepted,
        "duplicates": result.duplicates,
        "persons_registered": result.persons_registered,
        "persons_linked": result.persons_linked,
        "persons_for_review": result.persons_for_review,
        "rejected": result.rejected,
    }


class OverstayParams(Schema):
    on: IsoDate | None = Field(
        None, description="Only today: the list is kept for today by the daily refresh"
    )
    nationality: str = Field("", pattern=r"^[A-Za-z]{0,3}$")
    min_days: int = Field(1, ge=1, le=36_600)
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(100, ge=1, le=1000)


class OverstayerOut(Schema):
    number: str
    nationality: str
    stay_entry: date
    days_used: int
    max_days: int
    overstay_days: int
    rule: str


class OverstaysOut(Schema):
    on: date
    as_of: date | None = Field(description="The oldest date the listed statuses were computed for")
    total: int
    page: int
    page_size: int
    results: list[OverstayerOut]


@router.get(
    "/overstays", response={200: OverstaysOut, **ERRORS}, summary="Overstayers today (stored)"
)
def overstays(request: HttpRequest, params: Query[OverstayParams]) -> dict[str, Any]:
    """Everyone overstaying today, from the stored statuses (refreshed daily and on every
    crossing). For another date, `umis overstays --on DATE` computes the list."""
    actor = actor_of(request)
    require(actor, VIEW_PERMISSION)
    today = clock.today()
    if params.on is not None and params.on != today:
        raise ValidationFailed.single(
            "on",
            _("The list is kept for today (%(today)s); for another date use umis overstays --on.")
            % {"today": today.isoformat()},
        )
    rows = overstayers_stored(nationality=params.nationality.upper(), min_days=params.min_days)
    total = rows.count()
    start = (params.page - 1) * params.page_size
    page = list(rows[start : start + params.page_size])
    record(
        actor=actor,
        event=events.OVERSTAYS_LISTED,
        purpose="enforcement",
        extra={"on": today.isoformat(), "count": total, "shown": len(page)},
    )
    return {
        "on": today,
        "as_of": stored_as_of(rows),
        "total": total,
        "page": params.page,
        "page_size": params.page_size,
        "results": page,
    }
