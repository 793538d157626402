"""The case-work panel on the officer's dashboard: queue counts at a glance."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from umis.core.dashboard import Panel, register_panel
from umis.core.http import UmisRequest
from umis.permits.selectors import queue_counts
from umis.permits.services.steps import (
    APPROVE_PERMISSION,
    CLEARANCE_PERMISSION,
    VIEW_PERMISSION,
)


def _counts(request: UmisRequest) -> dict[str, Any]:
    return {
        "counts": queue_counts(request.actor),
        "can_approve": request.actor.can(APPROVE_PERMISSION),
    }


def register() -> None:
    register_panel(
        Panel(
            key="permits.queues",
            title=_("Applications"),
            template="permits/panels/queues.html",
            permission=VIEW_PERMISSION,
            order=20,
            context=_counts,
        )
    )
    register_panel(
        Panel(
            key="permits.clearances",
            title=_("Clearance requests"),
            template="permits/panels/clearances.html",
            permission=CLEARANCE_PERMISSION,
            order=21,
        )
    )
