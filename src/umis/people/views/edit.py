"""Correcting a record and adding names, documents, identifiers and addresses."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from umis.core.errors import ValidationFailed
from umis.core.http import UmisRequest
from umis.core.permissions import Actor, require
from umis.core.purposes import Purpose
from umis.people import services
from umis.people.access import access_person_by_number
from umis.people.forms import (
    EDIT_ERROR_FIELDS,
    AddressAddForm,
    DocumentAddForm,
    EditForm,
    IdentifierAddForm,
    ItemForm,
    NameAddForm,
    show_service_errors,
)
from umis.people.models import Person
from umis.people.views.common import profile_url


def _person_for_change(request: UmisRequest, number: str) -> Person:
    require(request.actor, services.EDIT_PERMISSION)
    return access_person_by_number(
        actor=request.actor, number=number.upper(), purpose=Purpose.REGISTRATION
    )


def _initial(person: Person) -> dict[str, Any]:
    return {
        "sex": person.sex,
        "birth_date": person.birth_date,
        "place_of_birth": person.place_of_birth,
        "country_of_birth": person.country_of_birth_id,
        "citizenship_status": person.citizenship_status,
    }


@login_required
def edit(request: UmisRequest, number: str) -> HttpResponse:
    person = _person_for_change(request, number)
    form = EditForm(request.POST or None, initial=_initial(person))
    if request.method == "POST" and form.is_valid():
        if not [field for field in form.changed_data if field != "reason"]:
            messages.info(request, _("Nothing was changed."))
            return redirect(profile_url(person, Purpose.REGISTRATION))
        try:
            services.person_update(
                actor=request.actor,
                person=person,
                changes=form.changes(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationFailed as failure:
            show_service_errors(form, failure.errors, EDIT_ERROR_FIELDS)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(profile_url(person, Purpose.REGISTRATION))
    return render(request, "people/edit.html", {"form": form, "person": person})


@dataclass(frozen=True)
class Addition:
    """One kind of thing an officer can add to a record, and the service that adds it."""

    form: type[ItemForm]
    save: Callable[[Actor, Person, Any], object]
    error_prefix: str
    title: Promise
    saved: Promise


ADDITIONS = {
    "names": Addition(
        NameAddForm,
        lambda actor, person, item: services.person_name_add(actor=actor, person=person, name=item),
        "name",
        gettext_lazy("Add a name"),
        gettext_lazy("The name is added."),
    ),
    "documents": Addition(
        DocumentAddForm,
        lambda actor, person, item: services.person_document_add(
            actor=actor, person=person, document=item
        ),
        "document",
        gettext_lazy("Add a travel document"),
        gettext_lazy("The travel document is added."),
    ),
    "identifiers": Addition(
        IdentifierAddForm,
        lambda actor, person, item: services.person_identifier_add(
            actor=actor, person=person, identifier=item
        ),
        "identifier",
        gettext_lazy("Add an identifier"),
        gettext_lazy("The identifier is added."),
    ),
    "addresses": Addition(
        AddressAddForm,
        lambda actor, person, item: services.person_address_add(
            actor=actor, person=person, address=item
        ),
        "address",
        gettext_lazy("Add an address"),
        gettext_lazy("The address is added."),
    ),
}


@login_required
def add_item(request: UmisRequest, number: str, kind: str) -> HttpResponse:
    addition = ADDITIONS[kind]
    person = _person_for_change(request, number)
    form = addition.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            addition.save(request.actor, person, form.item())
        except ValidationFailed as failure:
            fields = {f"{addition.error_prefix}.{name}": name for name in form.fields}
            show_service_errors(form, failure.errors, fields)
        else:
            messages.success(request, str(addition.saved))
            return redirect(profile_url(person, Purpose.REGISTRATION))
    context = {"form": form, "person": person, "title": addition.title, "kind": kind}
    return render(request, "people/add_item.html", context)
