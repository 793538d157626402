"""Registering a person: MRZ filling, possible existing persons, then the service."""

import re
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from umis.core.errors import ValidationFailed
from umis.core.http import UmisRequest
from umis.core.partial_dates import PartialDate
from umis.core.permissions import require
from umis.core.purposes import Purpose
from umis.people import services
from umis.people.access_search import search_persons
from umis.people.forms import REGISTER_ERROR_FIELDS, RegisterForm, show_service_errors
from umis.people.names.mrz import MRZError
from umis.people.search import Hit, SearchCriteria
from umis.people.views.common import profile_url
from umis.people.views.mrz import filled_from_mrz, mrz_problem, read_mrz

TEMPLATE = "people/register.html"
CANDIDATE_COUNT = 5
# A candidate this alike stops the save until the officer confirms it is someone else.
LIKELY_SAME_PERSON = 0.85
_LEADING_YEAR = re.compile(r"^\s*(\d{4})")


def _candidate_query(typed: Mapping[str, Any]) -> str:
    for fields in (RegisterForm.NAME_FIELDS, RegisterForm.ORIGINAL_FIELDS):
        text = " ".join(str(typed.get(f) or "").strip() for f in fields).strip()
        if text:
            return text
    return ""


def _birth_year(typed: Mapping[str, Any]) -> PartialDate | None:
    value = typed.get("birth_date")
    if isinstance(value, PartialDate):
        return PartialDate(value.year)
    match = _LEADING_YEAR.match(str(value or ""))
    return PartialDate(int(match.group(1))) if match and int(match.group(1)) >= 1800 else None


def _candidates(request: UmisRequest, typed: Mapping[str, Any]) -> list[Hit]:
    """Persons already registered who look like the one being typed in (top five)."""
    text = _candidate_query(typed)
    if len(text) < 2:
        return []
    criteria = SearchCriteria(
        text=text, birth_date=_birth_year(typed), birth_mode="year", page_size=CANDIDATE_COUNT
    )
    page = search_persons(actor=request.actor, criteria=criteria, purpose=Purpose.REGISTRATION)
    return page.hits


def _render(
    request: UmisRequest,
    form: RegisterForm,
    candidates: list[Hit],
    *,
    template: str = TEMPLATE,
) -> HttpResponse:
    likely = any(hit.score >= LIKELY_SAME_PERSON for hit in candidates)
    context = {
        "form": form,
        "candidates": candidates,
        "likely_same": likely,
        "likely_threshold": LIKELY_SAME_PERSON,
        "candidate_purpose": Purpose.REGISTRATION.value,
    }
    return render(request, template, context)


def _check_mrz(form: RegisterForm) -> None:
    if form.cleaned_data["mrz"].strip():
        try:
            read_mrz(form.cleaned_data["mrz"])
        except MRZError as error:
            form.add_error("mrz", mrz_problem(error.issue))


def _save(request: UmisRequest, form: RegisterForm) -> HttpResponse:
    candidates = _candidates(request, form.cleaned_data)
    _check_mrz(form)
    likely = any(hit.score >= LIKELY_SAME_PERSON for hit in candidates)
    if likely and not form.cleaned_data["different_person"]:
        form.add_error(
            "different_person",
            _(
                "This person may already be registered. Open the possible matches; "
                "if none of them is this person, tick this box and register again."
            ),
        )
    if not form.errors:
        try:
            person = services.person_register(actor=request.actor, data=form.person_input())
        except ValidationFailed as failure:
            show_service_errors(form, failure.errors, REGISTER_ERROR_FIELDS)
        else:
            messages.success(
                request,
                _("Person registered with number %(number)s.") % {"number": person.number_display},
            )
            return redirect(profile_url(person, Purpose.REGISTRATION))
    return _render(request, form, candidates)


@login_required
def register(request: UmisRequest) -> HttpResponse:
    require(request.actor, services.REGISTER_PERMISSION)
    if request.method != "POST":
        return _render(request, RegisterForm(), [])
    if request.POST.get("action") == "read_mrz":
        return _read_mrz(request, template=TEMPLATE)
    form = RegisterForm(request.POST)
    if not form.is_valid():
        return _render(request, form, _candidates(request, request.POST))
    return _save(request, form)


def _read_mrz(request: UmisRequest, *, template: str) -> HttpResponse:
    values, problems = filled_from_mrz(request.POST.dict())
    form = RegisterForm.prefilled(values, problems)
    return _render(request, form, _candidates(request, values), template=template)


@login_required
@require_POST
def register_mrz(request: UmisRequest) -> HttpResponse:
    """The form again, filled from the MRZ just pasted (htmx)."""
    require(request.actor, services.REGISTER_PERMISSION)
    return _read_mrz(request, template=f"{TEMPLATE}#form")


@login_required
@require_POST
def register_candidates(request: UmisRequest) -> HttpResponse:
    """The possible-existing-persons panel for the names typed so far (htmx)."""
    require(request.actor, services.REGISTER_PERMISSION)
    form = RegisterForm(request.POST)
    return _render(
        request, form, _candidates(request, request.POST), template=f"{TEMPLATE}#candidates"
    )
