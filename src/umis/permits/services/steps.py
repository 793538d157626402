"""The one way a case moves: append an action, set the status, audit it."""

from typing import Any

from umis.audit.services import record
from umis.core import clock
from umis.core.calendar import WorkingCalendar
from umis.core.permissions import Actor
from umis.core.selectors import working_calendar
from umis.permits.models import Action, Application

PROCESS_PERMISSION = "permits.process"
VIEW_PERMISSION = "permits.view"
APPROVE_PERMISSION = "permits.approve"
CLEARANCE_PERMISSION = "permits.clearance"
APPLY_PERMISSION = "portal.apply"


def step(
    *,
    actor: Actor,
    application: Application,
    kind: str,
    event: str,
    status: str | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> Action:
    """Append ``kind`` to the case history, move it to ``status`` and audit the step."""
    if status is not None:
        application.status = status
    application.save()
    action = Action.objects.create(
        application=application,
        kind=kind,
        at=clock.now(),
        actor_id=actor.user_id,
        actor_name=actor.username,
        note=note,
        data=data or {},
    )
    record(
        actor=actor,
        event=event,
        subject=application,
        purpose="case_work",
        extra={"receipt": application.receipt_number or "", "action": kind, **(data or {})},
    )
    return action


def locked(application: Application) -> Application:
    """The current row, locked until the transaction ends: concurrent steps queue up."""
    return Application.objects.select_for_update().get(pk=application.pk)


def calendar_now() -> WorkingCalendar:
    """The holiday calendar around today (deadlines reach into next year at most)."""
    year = clock.today().year
    return working_calendar(year - 1, year + 2)
