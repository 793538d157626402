"""Correcting a record and adding names, documents, identifiers and addresses."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.people.forms.fields import (
    FORM_SOURCE,
    CountryField,
    IsoDateField,
    PartialDateField,
    code,
    sex_field,
    text_field,
)
from umis.people.inputs import AddressInput, DocumentInput, IdentifierInput, NameInput
from umis.people.models import Address, CitizenshipStatus, Identifier, PersonName, TravelDocument


class EditForm(forms.Form):
    sex = sex_field()
    birth_date = PartialDateField(label=_("Date of birth"))
    place_of_birth = text_field(_("Place of birth"), 200)
    country_of_birth = CountryField(label=_("Country of birth"))
    citizenship_status = forms.ChoiceField(
        label=_("Citizenship status"), choices=CitizenshipStatus.choices
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the record's history, e.g. “date of birth corrected from passport”."),
        error_messages={"required": _("Say why the record is being changed.")},
    )

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "sex": data["sex"],
            "birth_date": data["birth_date"],
            "place_of_birth": data["place_of_birth"].strip(),
            "country_of_birth_id": code(data["country_of_birth"]) or None,
            "citizenship_status": data["citizenship_status"],
        }


EDIT_ERROR_FIELDS = {field: field for field in EditForm.base_fields}


class ItemForm(forms.Form):
    """A form adding one item to a record; ``item()`` is the service's input."""

    def item(self) -> Any:
        raise NotImplementedError


class NameAddForm(ItemForm):
    kind = forms.ChoiceField(label=_("Kind of name"), choices=PersonName.Kind.choices)
    surname = text_field(_("Surname"), 150)
    given_names = text_field(_("Given names"), 200)
    patronymic = text_field(_("Patronymic"), 150)
    source = text_field(_("Where this name comes from"), 100)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None
        if not (data.get("surname", "").strip() or data.get("given_names", "").strip()):
            self.add_error("surname", _("Give the surname or the given names."))
        return data

    def item(self) -> NameInput:
        data = self.cleaned_data
        return NameInput(
            data["surname"],
            data["given_names"],
            data["patronymic"],
            data["kind"],
            source=data["source"],
        )


class DocumentAddForm(ItemForm):
    kind = forms.ChoiceField(label=_("Document type"), choices=TravelDocument.Kind.choices)
    number = forms.CharField(label=_("Document number"), max_length=30)
    issuing_state = CountryField(label=_("Issuing state"), required=True)
    issued_on = IsoDateField(label=_("Issued on"))
    expires_on = IsoDateField(label=_("Expires on"))

    def item(self) -> DocumentInput:
        data = self.cleaned_data
        return DocumentInput(
            kind=data["kind"],
            number=data["number"],
            issuing_state=code(data["issuing_state"]),
            issued_on=data["issued_on"],
            expires_on=data["expires_on"],
            source=FORM_SOURCE,
        )


class IdentifierAddForm(ItemForm):
    kind = forms.ChoiceField(label=_("Kind of identifier"), choices=Identifier.Kind.choices)
    value = forms.CharField(label=_("Identifier"), max_length=40)
    issued_by = text_field(_("Issued by"), 100)

    def item(self) -> IdentifierInput:
        data = self.cleaned_data
        return IdentifierInput(data["kind"], data["value"], data["issued_by"])


class AddressAddForm(ItemForm):
    kind = forms.ChoiceField(label=_("Kind of address"), choices=Address.Kind.choices)
    line = forms.CharField(label=_("Address"), max_length=300)
    city = text_field(_("City or district"), 100)
    country = CountryField(label=_("Country"), required=True, initial="AZE")
    valid_from = IsoDateField(label=_("From"))
    valid_to = IsoDateField(label=_("To"))

    def item(self) -> AddressInput:
        data = self.cleaned_data
        return AddressInput(
            kind=data["kind"],
            line=data["line"],
            country=code(data["country"]),
            city=data["city"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
        )
