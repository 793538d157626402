"""The foundation's own dashboard panels."""

from datetime import timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from umis.core import clock, selectors
from umis.core.dashboard import Panel, register_panel
from umis.core.http import UmisRequest

ROLE_WORK_TITLES = {
    "front_desk": _("Today at the counter"),
    "case_worker": _("My cases"),
    "supervisor": _("Waiting for my approval"),
    "inspector": _("My inspections"),
    "detention_officer": _("Detention terms ending soon"),
    "analyst": _("Migration at a glance"),
    "administrator": _("System"),
    "agency_liaison": _("Requests to my agency"),
}


def _upcoming_holidays(request: UmisRequest) -> dict[str, Any]:
    today = clock.today()
    return {"days": selectors.holidays_between(today, today + timedelta(days=60))}


def register() -> None:
    for role, title in ROLE_WORK_TITLES.items():
        register_panel(
            Panel(
                key=f"work.{role}",
                title=title,
                template="core/panels/work.html",
                roles=frozenset({role}),
                order=10,
            )
        )
    register_panel(
        Panel(
            key="calendar.upcoming",
            title=_("Coming public holidays"),
            template="core/panels/holidays.html",
            order=90,
            context=_upcoming_holidays,
        )
    )
