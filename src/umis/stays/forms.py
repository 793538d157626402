"""The public calculator's form (stays typed one per line, so it works without scripts) and
the officers' form for one border crossing."""

import uuid
from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from umis.core import clock
from umis.people.forms.fields import CountryField, PartialDateField, sex_field
from umis.people.models import TravelDocument
from umis.stays.engine.calculator import MAX_DAYS_LIMIT
from umis.stays.models import BorderPoint, Crossing
from umis.stays.services import crossing_in_future
from umis.stays.travellers import Traveller


class CalculatorForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Rule"),
        choices=[
            ("per_entry", _("A maximum per entry (e.g. 90 days visa-free, 30 days e-visa)")),
            ("rolling", _("N days in any M-day period (e.g. 90 in 180)")),
        ],
        initial="per_entry",
    )
    max_days = forms.IntegerField(
        label=_("Days allowed"), min_value=0, max_value=MAX_DAYS_LIMIT, initial=90
    )
    window_days = forms.IntegerField(
        label=_("Period (days), for N in M"),
        min_value=1,
        max_value=MAX_DAYS_LIMIT,
        initial=180,
        required=False,
    )
    stays = forms.CharField(
        label=_("Stays"),
        help_text=_(
            "One stay a line: the entry date and the exit date (YYYY-MM-DD), or only the "
            "entry date while still in the country."
        ),
        widget=forms.Textarea(
            attrs={"rows": 5, "placeholder": "2026-01-05 2026-02-10\n2026-03-01"}
        ),
        required=False,
    )
    on = forms.DateField(label=_("On date"), widget=forms.DateInput(attrs={"type": "date"}))
    plan_entry = forms.DateField(
        label=_("Planned entry (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = clock.today()

    def clean_stays(self) -> list[dict[str, str | None]]:
        stays: list[dict[str, str | None]] = []
        for number, line in enumerate(self.cleaned_data["stays"].splitlines(), start=1):
            parts = line.replace(",", " ").replace("–", " ").split()
            if not parts:
                continue
            if len(parts) > 2:
                raise forms.ValidationError(
                    _("Line %(line)d: give an entry date and at most one exit date."),
                    params={"line": number},
                )
            stays.append({"entry": parts[0], "exit": parts[1] if len(parts) > 1 else None})
        return stays

    def document(self) -> dict[str, Any]:
        data = self.cleaned_data
        rule: dict[str, Any] = {"kind": data["kind"], "max_days": data["max_days"]}
        if data["kind"] == "rolling":
            rule["window_days"] = data["window_days"]
        document = {"rule": rule, "stays": data["stays"], "on": data["on"].isoformat()}
        if data.get("plan_entry"):
            document["plan_entry"] = data["plan_entry"].isoformat()
        return document


PURPOSES = [
    ("tourism", _("tourism")),
    ("business", _("business")),
    ("work", _("work")),
    ("study", _("study")),
    ("private", _("private visit (relatives, friends)")),
    ("medical", _("medical treatment")),
    ("official", _("official visit")),
    ("transit", _("transit")),
    ("other", _("other")),
]
# Where each service error key (people's validation, the crossing service) is shown.
CROSSING_ERROR_FIELDS = {
    "names": "surname",
    "documents": "document_number",
    "citizenships": "nationality",
    "birth_date": "birth_date",
    "sex": "sex",
    "at": "at",
    "person": "person_number",
}


class CrossingForm(forms.Form):
    """One crossing typed by an officer: the person by number, or the traveller described."""

    direction = forms.ChoiceField(
        label=_("Crossing"), choices=Crossing.Direction.choices, widget=forms.RadioSelect
    )
    at = forms.DateTimeField(
        label=_("Date and time (Baku)"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Give the date and time as YYYY-MM-DD HH:MM.")},
    )
    point = forms.ModelChoiceField(
        label=_("Border crossing point"),
        queryset=BorderPoint.objects.filter(active=True),
        empty_label=_("— choose —"),
        error_messages={"invalid_choice": _("Choose a border crossing point from the list.")},
    )
    purpose = forms.ChoiceField(
        label=_("Declared purpose"),
        choices=[("", _("— not declared —")), *PURPOSES],
        required=False,
    )
    person_number = forms.CharField(
        label=_("Person number"),
        max_length=12,
        required=False,
        help_text=_("If the person is registered. Otherwise describe the traveller below."),
    )
    document_kind = forms.ChoiceField(
        label=_("Travel document"), choices=TravelDocument.Kind.choices, initial="passport"
    )
    document_number = forms.CharField(
        label=_("Document number"),
        max_length=30,
        error_messages={"required": _("Give the number of the travel document used.")},
    )
    nationality = CountryField(
        label=_("Issuing state (nationality)"),
        required=True,
        help_text=_("The stay rules follow the nationality of the document used."),
        error_messages={
            "required": _("Choose the state that issued the document."),
            "invalid_choice": _("Choose a state from the list."),
        },
    )
    surname = forms.CharField(label=_("Surname"), max_length=150, required=False)
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    sex = sex_field(required=False)
    birth_date = PartialDateField(label=_("Date of birth"))
    source_ref = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # Sent back with the form: pressing "Record" twice records the crossing once.
            self.initial["source_ref"] = f"form-{uuid.uuid4().hex}"
            self.initial["at"] = timezone.localtime(clock.now()).replace(second=0, microsecond=0)

    def clean_person_number(self) -> str:
        return str(self.cleaned_data["person_number"]).strip().upper()

    def clean_document_number(self) -> str:
        return str(self.cleaned_data["document_number"]).strip().upper()

    def clean_at(self) -> datetime:
        at: datetime = self.cleaned_data["at"]
        if crossing_in_future(at):
            raise forms.ValidationError(_("A crossing cannot be recorded in the future."))
        return at

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("person_number")
            and "surname" not in self.errors
            and not data.get("surname")
        ):
            self.add_error("surname", _("Give the person number, or the traveller's surname."))
        return data

    def traveller(self) -> Traveller:
        data = self.cleaned_data
        return Traveller(
            document_kind=data["document_kind"],
            document_number=data["document_number"],
            nationality=data["nationality"].code,
            surname=data["surname"].strip(),
            given_names=data["given_names"].strip(),
            sex=data["sex"] or "X",
            birth_date=data["birth_date"],
        )
