"""The public stay calculator and the officers' overstay list."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from umis.audit.services import record
from umis.core import clock
from umis.core.http import UmisRequest
from umis.core.permissions import require
from umis.stays import events
from umis.stays.engine.calculator import CalculatorInputError, calculate
from umis.stays.explain import render as render_explanation
from umis.stays.forms import CalculatorForm
from umis.stays.overstays import overstayers_on
from umis.stays.panels import VIEW_PERMISSION

PAGE_SIZE = 50


@require_GET
def calculator(request: HttpRequest) -> HttpResponse:
    """Anyone may check a stay; nothing is stored and nobody signs in."""
    form = CalculatorForm(request.GET if "on" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        try:
            result = calculate(form.document()).to_json(render_explanation)
        except CalculatorInputError as refused:
            form.add_error(None, render_explanation(refused.explanation))
    return render(request, "stays/calculator.html", {"form": form, "result": result})


def _date_param(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return clock.today()


@login_required
@require_GET
def overstays(request: UmisRequest) -> HttpResponse:
    require(request.actor, VIEW_PERMISSION)
    on = _date_param(request.GET.get("on", ""))
    nationality = request.GET.get("nationality", "").strip().upper()[:3]
    min_text = request.GET.get("min_days", "1")
    min_days = max(1, int(min_text)) if min_text.isdigit() else 1
    rows = overstayers_on(on, nationality=nationality, min_days=min_days)
    record(
        actor=request.actor,
        event=events.OVERSTAYS_LISTED,
        purpose="enforcement",
        extra={"on": on.isoformat(), "nationality": nationality, "count": len(rows)},
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "stays/overstays.html",
        {"page": page, "on": on, "nationality": nationality, "min_days": min_days},
    )
