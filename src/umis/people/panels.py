"""The registry's dashboard panel: find or register a person from the start page."""

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from umis.core import clock
from umis.core.dashboard import Panel, register_panel
from umis.core.http import UmisRequest
from umis.people.access import VIEW_PERMISSION
from umis.people.forms import SearchForm
from umis.people.models import Person
from umis.people.services import REGISTER_PERMISSION
from umis.people.views.common import remembered_purpose

ROLES = frozenset({"front_desk", "case_worker", "supervisor"})


def registered_today() -> int:
    start = timezone.make_aware(datetime.combine(clock.today(), time.min))
    return Person.objects.filter(
        created_at__gte=start, created_at__lt=start + timedelta(days=1)
    ).count()


def _quick_search(request: UmisRequest) -> dict[str, Any]:
    form = SearchForm(initial={"purpose": remembered_purpose(request)}, auto_id="quick_%s")
    return {
        "form": form,
        "can_register": request.actor.can(REGISTER_PERMISSION),
        "registered_today": registered_today(),
    }


def register() -> None:
    register_panel(
        Panel(
            key="people.quick_search",
            title=_("Find a person"),
            template="people/panels/quick_search.html",
            roles=ROLES,
            permission=VIEW_PERMISSION,
            order=20,
            context=_quick_search,
        )
    )
