"""The person profile: asked for with a purpose, read through the access helper only."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from umis.core import clock
from umis.core.http import UmisRequest
from umis.core.permissions import require
from umis.core.purposes import Purpose
from umis.people.access import VIEW_PERMISSION, access_person_by_number
from umis.people.forms import PurposeForm
from umis.people.models import DatePrecision, Person
from umis.people.services import EDIT_PERMISSION
from umis.people.timeline import timeline_for
from umis.people.views.common import remember_purpose, remembered_purpose


def _ask_purpose(request: UmisRequest, number: str) -> HttpResponse:
    if "purpose" in request.GET:
        form = PurposeForm(request.GET)
        form.is_valid()
    else:
        form = PurposeForm(initial={"purpose": remembered_purpose(request)})
    return render(request, "people/purpose.html", {"form": form, "number": number})


def profile_context(person: Person) -> dict[str, Any]:
    birth = person.birth_date
    return {
        "person": person,
        "birth_precision": DatePrecision(birth.precision).label if birth else "",
        "names": person.names.order_by("pk"),
        "citizenships": person.citizenships.select_related("country").order_by("pk"),
        "documents": person.documents.select_related("issuing_state"),
        "identifiers": person.identifiers.order_by("kind", "pk"),
        "addresses": person.addresses.select_related("country"),
        "timeline": timeline_for(person),
        "today": clock.today(),
    }


@login_required
@require_GET
def profile(request: UmisRequest, number: str) -> HttpResponse:
    require(request.actor, VIEW_PERMISSION)
    purpose = request.GET.get("purpose", "")
    if purpose not in Purpose.values:
        return _ask_purpose(request, number)
    person = access_person_by_number(actor=request.actor, number=number.upper(), purpose=purpose)
    remember_purpose(request, purpose)
    context = profile_context(person)
    context.update(
        asked_for=number.upper(),
        purpose=Purpose(purpose),
        can_edit=request.actor.can(EDIT_PERMISSION),
    )
    return render(request, "people/profile.html", context)
