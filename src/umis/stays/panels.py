"""Dashboard panels: overstayers and registrations falling due, from the stored statuses."""

from datetime import timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from umis.core import clock
from umis.core.dashboard import Panel, register_panel
from umis.core.http import UmisRequest
from umis.stays.models import StayStatus

VIEW_PERMISSION = "stays.view"
ROLES = frozenset({"front_desk", "case_worker", "supervisor", "inspector", "analyst"})


def _overstayers(request: UmisRequest) -> dict[str, Any]:
    rows = StayStatus.objects.filter(present=True, overstay_days__gt=0)
    return {"count": rows.count(), "worst": rows.order_by("-overstay_days", "person_id")[:5]}


def _registrations_due(request: UmisRequest) -> dict[str, Any]:
    today = clock.today()
    rows = StayStatus.objects.filter(
        present=True,
        registration_met__isnull=True,
        registration_due_on__gte=today,
        registration_due_on__lte=today + timedelta(days=7),
    )
    overdue = StayStatus.objects.filter(present=True, registration_met=False).count()
    return {"count": rows.count(), "overdue": overdue, "today": today}


def register() -> None:
    register_panel(
        Panel(
            key="stays.overstayers",
            title=_("Overstayers"),
            template="stays/panels/overstayers.html",
            roles=ROLES,
            permission=VIEW_PERMISSION,
            order=40,
            context=_overstayers,
        )
    )
    register_panel(
        Panel(
            key="stays.registrations_due",
            title=_("Registrations at the place of stay falling due"),
            template="stays/panels/registrations_due.html",
            roles=ROLES,
            permission=VIEW_PERMISSION,
            order=41,
            context=_registrations_due,
        )
    )
