"""Registering a person: MRZ filling, possible existing persons, the matcher's decision.

While the officer types, a search shows possible existing persons. On saving,
the interactive matcher (:mod:`umis.people.entry`) decides: nobody → the person
is registered; someone surely or possibly the same → the officer is shown them
with the score and the evidence and chooses: add this registration to one of
them, or register someone new. The resolver records either decision.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
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
from umis.people.access import access_person
from umis.people.access_search import search_persons
from umis.people.entry import EntryCheck, EntryEvidence, entry_resolver
from umis.people.forms import REGISTER_ERROR_FIELDS, RegisterForm, show_service_errors
from umis.people.models import Person
from umis.people.names.mrz import MRZError
from umis.people.search import Hit, SearchCriteria
from umis.people.views.common import profile_url
from umis.people.views.mrz import filled_from_mrz, mrz_problem, read_mrz

TEMPLATE = "people/register.html"
CANDIDATE_COUNT = 5
# A search hit this alike is marked "very similar" in the panel shown while typing.
LIKELY_SAME_PERSON = 0.85
# The matcher's possible matches offered to the officer before saving, the likeliest first.
MATCHES_SHOWN = 5
NEW_PERSON = "new"
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


@dataclass(frozen=True)
class ShownMatch:
    """A person the matcher found, read for the officer through the access helper."""

    person: Person
    probability: float
    evidence: list[EntryEvidence]

    @property
    def percent(self) -> str:
        return f"{self.probability * 100:.1f}"


def _render(
    request: UmisRequest,
    form: RegisterForm,
    candidates: list[Hit],
    check: EntryCheck | None = None,
    shown: list[ShownMatch] | None = None,
    *,
    template: str = TEMPLATE,
) -> HttpResponse:
    context = {
        "form": form,
        "candidates": candidates,
        "likely_threshold": LIKELY_SAME_PERSON,
        "candidate_purpose": Purpose.REGISTRATION.value,
        "entry_decision": check.decision if check else "",
        "entry_matches": shown or [],
        "new_person": NEW_PERSON,
        "can_link": request.actor.can(services.EDIT_PERMISSION),
    }
    return render(request, template, context)


def _check_mrz(form: RegisterForm) -> None:
    if form.cleaned_data["mrz"].strip():
        try:
            read_mrz(form.cleaned_data["mrz"])
        except MRZError as error:
            form.add_error("mrz", mrz_problem(error.issue))


def _shown(request: UmisRequest, check: EntryCheck) -> list[ShownMatch]:
    return [
        ShownMatch(
            access_person(
                actor=request.actor, person_id=match.person_id, purpose=Purpose.REGISTRATION
            ),
            match.probability,
            match.evidence,
        )
        for match in check.matches[:MATCHES_SHOWN]
    ]


def _chosen(
    form: RegisterForm, check: EntryCheck, shown: list[ShownMatch], *, can_link: bool
) -> str | None:
    """``"new"``, the number of the person chosen, or None while the officer has to choose."""
    choice: str = form.cleaned_data["same_person"].strip()
    if choice == NEW_PERSON:
        return NEW_PERSON
    if can_link and choice.upper() in {m.person.number for m in shown}:
        return choice.upper()
    if check.decision == "link":
        message = _(
            "This person is already registered. Add this registration to them, "
            "or say that they are someone else."
        )
    else:
        message = _(
            "This person may already be registered. Choose who they are, "
            "or say that they are someone new."
        )
    form.add_error("same_person", message)
    return None


def _decide(request: UmisRequest, form: RegisterForm, check: EntryCheck) -> HttpResponse:
    """Register, or add to the person the officer chose; both record the decision."""
    resolver = entry_resolver()
    shown = _shown(request, check)
    can_link = request.actor.can(services.EDIT_PERMISSION)
    chosen = _chosen(form, check, shown, can_link=can_link) if check.matches else NEW_PERSON
    if chosen is None:
        return _render(request, form, _candidates(request, form.cleaned_data), check, shown)
    data = form.person_input()
    try:
        if chosen == NEW_PERSON:
            person = resolver.register(
                actor=request.actor, data=data, check=check, said_different=True
            )
            text = _("Person registered with number %(number)s.")
        else:
            existing = next(m.person for m in shown if m.person.number == chosen)
            person = resolver.link(actor=request.actor, person=existing, data=data, check=check)
            text = _("The registration was added to person %(number)s.")
    except ValidationFailed as failure:
        show_service_errors(form, failure.errors, REGISTER_ERROR_FIELDS)
        return _render(request, form, _candidates(request, form.cleaned_data), check, shown)
    messages.success(request, text % {"number": person.number_display})
    return redirect(profile_url(person, Purpose.REGISTRATION))


def _save(request: UmisRequest, form: RegisterForm) -> HttpResponse:
    _check_mrz(form)
    if form.errors:
        return _render(request, form, _candidates(request, form.cleaned_data))
    try:
        check = entry_resolver().check(form.person_input())
    except ValidationFailed as failure:
        show_service_errors(form, failure.errors, REGISTER_ERROR_FIELDS)
        return _render(request, form, _candidates(request, form.cleaned_data))
    return _decide(request, form, check)


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
