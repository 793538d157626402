"""Reads for case work: work queues by office and role, counts, the quota left."""

from datetime import date

from django.db.models import Q, QuerySet

from umis.core import clock
from umis.core.permissions import Actor
from umis.core.selectors import add_working_days
from umis.permits import config
from umis.permits.models import (
    OPEN_STATUSES,
    Application,
    Clearance,
    Permit,
    PermitKind,
    Status,
)

DUE_SOON_WORKING_DAYS = 2
QUEUES = ("new", "mine", "waiting_applicant", "waiting_agency", "due_soon", "overdue", "approval")
# While the office waits for the applicant its clock stands still: not due, not late.
_RUNNING = OPEN_STATUSES - {Status.WAITING_APPLICANT}


def _filter(name: str, actor: Actor, today: date) -> Q:
    if name == "new":
        return Q(status=Status.SUBMITTED)
    if name == "mine":
        return Q(assigned_to_id=actor.user_id, status__in=OPEN_STATUSES)
    if name == "waiting_applicant":
        return Q(status=Status.WAITING_APPLICANT)
    if name == "waiting_agency":
        return Q(status=Status.WAITING_AGENCY)
    if name == "due_soon":
        soon = add_working_days(today, DUE_SOON_WORKING_DAYS)
        return Q(status__in=_RUNNING, deadline__gte=today, deadline__lte=soon)
    if name == "overdue":
        return Q(status__in=_RUNNING, deadline__lt=today)
    if name == "approval":
        return Q(status=Status.REFUSAL_PROPOSED)
    raise ValueError(name)


def queue(actor: Actor, name: str) -> QuerySet[Application]:
    """One work queue of the actor's own office, the nearest deadline first."""
    return (
        Application.objects.filter(_filter(name, actor, clock.today()), office=actor.agency_code)
        .select_related("assigned_to")
        .order_by("deadline", "pk")
    )


def queue_counts(actor: Actor) -> dict[str, int]:
    return {name: queue(actor, name).count() for name in QUEUES}


def clearance_queue(actor: Actor, *, answered: bool = False) -> QuerySet[Clearance]:
    """Clearance requests addressed to the actor's agency, the earliest due first."""
    clearances = Clearance.objects.filter(agency__code=actor.agency_code)
    clearances = clearances.exclude(answer="") if answered else clearances.filter(answer="")
    return clearances.select_related("application").order_by("due_on", "pk")


def quota_left(year: int) -> tuple[int | None, int]:
    """(quota of ``year`` or None when none is set, work permits counted against it)."""
    quota = config.quota_for(year)
    used = Permit.objects.filter(kind=PermitKind.WORK, quota_year=year, quota_exemption="").count()
    return (quota.total if quota else None), used


def exempt_permits(year: int) -> int:
    return (
        Permit.objects.filter(kind=PermitKind.WORK, valid_from__year=year)
        .exclude(quota_exemption="")
        .count()
    )
