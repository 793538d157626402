"""Registering one person, with at most one travel document, FIN and address."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from umis.people.forms.fields import (
    FORM_SOURCE,
    CountryField,
    IsoDateField,
    PartialDateField,
    code,
    distinct,
    sex_field,
    text_field,
)
from umis.people.inputs import AddressInput, DocumentInput, IdentifierInput, NameInput, PersonInput
from umis.people.models import Address, CitizenshipStatus, Identifier, PersonName, TravelDocument


class RegisterForm(forms.Form):
    """One new person, with at most one travel document, FIN and address."""

    mrz = forms.CharField(
        label=_("Machine-readable zone (MRZ)"),
        required=False,
        max_length=200,
        help_text=_("Scan or paste the two or three MRZ lines to fill in the fields below."),
        widget=forms.Textarea(
            attrs={"rows": 3, "spellcheck": "false", "autocomplete": "off", "class": "mrz"}
        ),
    )
    surname = text_field(_("Surname"), 150)
    given_names = text_field(_("Given names"), 200)
    patronymic = text_field(_("Patronymic"), 150)
    original_surname = text_field(_("Surname"), 150)
    original_given_names = text_field(_("Given names"), 200)
    original_patronymic = text_field(_("Patronymic"), 150)
    sex = sex_field()
    birth_date = PartialDateField(label=_("Date of birth"))
    place_of_birth = text_field(_("Place of birth"), 200)
    country_of_birth = CountryField(label=_("Country of birth"))
    citizenship_status = forms.ChoiceField(
        label=_("Citizenship status"), choices=CitizenshipStatus.choices
    )
    citizenship = CountryField(label=_("Citizenship"))
    second_citizenship = CountryField(label=_("Second citizenship"))
    document_kind = forms.ChoiceField(
        label=_("Document type"),
        choices=TravelDocument.Kind.choices,
        initial=TravelDocument.Kind.PASSPORT,
        required=False,
    )
    document_number = text_field(
        _("Document number"), 30, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    document_issuing_state = CountryField(label=_("Issuing state"))
    document_issued_on = IsoDateField(label=_("Issued on"))
    document_expires_on = IsoDateField(label=_("Expires on"))
    fin = text_field(_("Personal identification number (FIN)"), 40)
    address_line = text_field(_("Address in Azerbaijan"), 300)
    address_city = text_field(_("City or district"), 100)
    address_from = IsoDateField(label=_("Living there since"))
    # The officer's answer to the matcher: a registered person's number, or "new".
    same_person = forms.CharField(label=_("Who is this person?"), required=False, max_length=20)

    NAME_FIELDS = ("surname", "given_names", "patronymic")
    ORIGINAL_FIELDS = ("original_surname", "original_given_names", "original_patronymic")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Typing a name or date of birth refreshes the possible existing persons;
        # pasting an MRZ fills the form (htmx; without it, the buttons do the same).
        watch = {
            "hx-post": reverse("people:register_candidates"),
            "hx-trigger": "keyup changed delay:400ms, change",
            "hx-target": "#candidates",
            "hx-sync": "closest form:replace",
        }
        for name in (*self.NAME_FIELDS, *self.ORIGINAL_FIELDS, "birth_date"):
            self.fields[name].widget.attrs.update(watch)
        self.fields["mrz"].widget.attrs.update(
            {
                "hx-post": reverse("people:register_mrz"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#register-form",
                "hx-swap": "outerHTML",
                "hx-sync": "closest form:replace",
            }
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None
        if not (data.get("surname", "").strip() or data.get("given_names", "").strip()):
            self.add_error("surname", _("Give the surname or the given names."))
        if data.get("document_number", "").strip():
            if not data.get("document_issuing_state"):
                self.add_error("document_issuing_state", _("Choose the state that issued it."))
        elif data.get("document_issued_on") or data.get("document_expires_on"):
            self.add_error("document_number", _("Give the document number."))
        return data

    @classmethod
    def prefilled(
        cls, values: Mapping[str, str], problems: Mapping[str, list[str]]
    ) -> "RegisterForm":
        """An unsubmitted form showing ``values``, with ``problems`` next to their fields.

        Nothing else is checked: the officer has read an MRZ, not asked to save.
        """
        form = cls(initial=dict(values))
        # An unbound form is never cleaned, so its error dict can be set directly.
        form._errors = ErrorDict(  # type: ignore[attr-defined]
            {
                field: form.error_class(messages, renderer=form.renderer)
                for field, messages in problems.items()
                if field in form.fields
            }
        )
        return form

    def has_original_name(self) -> bool:
        return any(self.cleaned_data.get(f, "").strip() for f in self.ORIGINAL_FIELDS)

    def person_input(self) -> PersonInput:
        data = self.cleaned_data
        names = [
            NameInput(data["surname"], data["given_names"], data["patronymic"], source=FORM_SOURCE)
        ]
        if self.has_original_name():
            names.append(
                NameInput(
                    data["original_surname"],
                    data["original_given_names"],
                    data["original_patronymic"],
                    kind=PersonName.Kind.ORIGINAL,
                    source=FORM_SOURCE,
                )
            )
        return PersonInput(
            sex=data["sex"],
            names=names,
            birth_date=data["birth_date"],
            place_of_birth=data["place_of_birth"],
            country_of_birth=code(data["country_of_birth"]),
            citizenship_status=data["citizenship_status"],
            citizenships=distinct(code(data["citizenship"]), code(data["second_citizenship"])),
            documents=self._documents(),
            identifiers=[IdentifierInput(Identifier.Kind.FIN, data["fin"])] if data["fin"] else [],
            addresses=self._addresses(),
        )

    def _documents(self) -> list[DocumentInput]:
        data = self.cleaned_data
        if not data["document_number"].strip():
            return []
        return [
            DocumentInput(
                kind=data["document_kind"] or TravelDocument.Kind.PASSPORT,
                number=data["document_number"],
                issuing_state=code(data["document_issuing_state"]),
                issued_on=data["document_issued_on"],
                expires_on=data["document_expires_on"],
                mrz=data["mrz"],
                source=FORM_SOURCE,
            )
        ]

    def _addresses(self) -> list[AddressInput]:
        data = self.cleaned_data
        if not data["address_line"].strip():
            return []
        return [
            AddressInput(
                kind=Address.Kind.STAY,
                line=data["address_line"],
                country="AZE",
                city=data["address_city"],
                valid_from=data["address_from"],
            )
        ]


# Where each error key of ``validate_person`` is shown on the register form.
REGISTER_ERROR_FIELDS = {
    "sex": "sex",
    "names": "surname",
    "names.0": "surname",
    "names.1": "original_surname",
    "birth_date": "birth_date",
    "place_of_birth": "place_of_birth",
    "country_of_birth": "country_of_birth",
    "citizenship_status": "citizenship_status",
    "citizenships": "citizenship",
    "documents.0": "document_number",
    "documents.0.kind": "document_kind",
    "documents.0.number": "document_number",
    "documents.0.issuing_state": "document_issuing_state",
    "documents.0.issued_on": "document_issued_on",
    "documents.0.expires_on": "document_expires_on",
    "identifiers.0": "fin",
    "addresses.0": "address_line",
    "addresses.0.valid_from": "address_from",
}
