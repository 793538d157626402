"""The public stay calculator, the officers' crossing form and the overstay list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from umis.audit.services import record
from umis.core import clock
from umis.core.errors import ValidationFailed
from umis.core.http import UmisRequest
from umis.core.permissions import require
from umis.core.purposes import Purpose
from umis.people.access import access_person_by_number
from umis.people.forms import show_service_errors
from umis.stays import events, services
from umis.stays.engine.calculator import CalculatorInputError, calculate
from umis.stays.explain import render as render_explanation
from umis.stays.forms import CROSSING_ERROR_FIELDS, CalculatorForm, CrossingForm
from umis.stays.models import Crossing
from umis.stays.panels import VIEW_PERMISSION
from umis.stays.selectors import overstayers_stored, stored_as_of
from umis.stays.travellers import Outcome

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


_OUTCOME_NOTES = {
    Outcome.LINKED: gettext_lazy("The traveller was recognised as a registered person."),
    Outcome.REGISTERED: gettext_lazy("The traveller was not known and has been registered."),
    Outcome.REVIEW: gettext_lazy(
        "The traveller has been registered; records that may be the same person are "
        "waiting for review."
    ),
}


def _record(request: UmisRequest, form: CrossingForm) -> tuple[Crossing, Outcome] | None:
    data = form.cleaned_data
    common = {
        "actor": request.actor,
        "direction": data["direction"],
        "at": data["at"],
        "source_ref": data["source_ref"],
        "point_id": data["point"].code,
        "purpose": data["purpose"],
    }
    if not data["person_number"]:
        return services.traveller_crossing_record(traveller=form.traveller(), **common)
    try:
        person = access_person_by_number(
            actor=request.actor, number=data["person_number"], purpose=Purpose.REGISTRATION
        )
    except Http404:
        form.add_error("person_number", _("No person has this number."))
        return None
    traveller = form.traveller()
    crossing = services.crossing_record(
        person=person,
        document_kind=traveller.document_kind,
        document_number=traveller.document_number,
        nationality=traveller.nationality,
        **common,
    )
    return crossing, Outcome.KNOWN


@login_required
def crossing_new(request: UmisRequest) -> HttpResponse:
    """An officer records one entry, exit or refusal of entry."""
    require(request.actor, services.RECORD_PERMISSION)
    form = CrossingForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            recorded = _record(request, form)
        except ValidationFailed as failure:
            show_service_errors(form, failure.errors, CROSSING_ERROR_FIELDS)
            recorded = None
        if recorded is not None:
            crossing, outcome = recorded
            number = crossing.person.number
            messages.success(
                request,
                _("%(direction)s of person %(number)s on %(day)s recorded.")
                % {
                    "direction": crossing.get_direction_display().capitalize(),
                    "number": number,
                    "day": crossing.day.isoformat(),
                },
            )
            if outcome in _OUTCOME_NOTES:
                messages.info(request, _OUTCOME_NOTES[outcome])
            return redirect("stays:crossing_new")
    return render(request, "stays/crossing_form.html", {"form": form})


@login_required
@require_GET
def overstays(request: UmisRequest) -> HttpResponse:
    """Everyone overstaying today, from the stored statuses."""
    require(request.actor, VIEW_PERMISSION)
    typed = request.GET.get("nationality", "").strip().upper()[:3]
    nationality = typed if typed.isascii() and typed.isalpha() else ""
    min_text = request.GET.get("min_days", "1")
    min_days = min(max(1, int(min_text)), 36_600) if min_text.isdigit() else 1
    rows = overstayers_stored(nationality=nationality, min_days=min_days)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    record(
        actor=request.actor,
        event=events.OVERSTAYS_LISTED,
        purpose="enforcement",
        extra={"nationality": nationality, "count": page.paginator.count, "page": page.number},
    )
    context = {
        "page": page,
        "today": clock.today(),
        "as_of": stored_as_of(rows),
        "nationality": nationality,
        "min_days": min_days,
    }
    return render(request, "stays/overstays.html", context)
