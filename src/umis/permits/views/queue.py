"""Work queues of the officer's office, and the labour-quota screen."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from umis.core import clock
from umis.core.http import UmisRequest
from umis.core.permissions import Actor, require
from umis.permits.selectors import QUEUES, exempt_permits, queue, queue_counts, quota_left
from umis.permits.services.steps import APPROVE_PERMISSION, VIEW_PERMISSION

PAGE_SIZE = 50
QUEUE_TITLES = {
    "new": _("New"),
    "mine": _("Assigned to me"),
    "waiting_applicant": _("Waiting for the applicant"),
    "waiting_agency": _("Waiting for another agency"),
    "due_soon": _("Due soon"),
    "overdue": _("Overdue"),
    "approval": _("Refusals to approve"),
}


def queues_for(actor: Actor) -> list[str]:
    """The queues of the actor's role: only approvers see the refusals to approve."""
    return [q for q in QUEUES if q != "approval" or actor.can(APPROVE_PERMISSION)]


@login_required
@require_GET
def queue_view(request: UmisRequest, name: str = "new") -> HttpResponse:
    require(request.actor, VIEW_PERMISSION)
    shown = queues_for(request.actor)
    if name not in shown:
        raise Http404
    counts = queue_counts(request.actor)
    tabs = [(key, QUEUE_TITLES[key], counts[key]) for key in shown]
    page = Paginator(queue(request.actor, name), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "permits/queue.html",
        {
            "tabs": tabs,
            "current": name,
            "title": QUEUE_TITLES[name],
            "page": page,
            "today": clock.today(),
        },
    )


@login_required
@require_GET
def quota_view(request: UmisRequest) -> HttpResponse:
    require(request.actor, VIEW_PERMISSION)
    year = clock.today().year
    total, used = quota_left(year)
    return render(
        request,
        "permits/quota.html",
        {
            "year": year,
            "total": total,
            "used": used,
            "left": None if total is None else total - used,
            "exempt": exempt_permits(year),
        },
    )
