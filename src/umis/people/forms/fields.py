"""Fields and helpers the registry's forms share."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.core.models import Country
from umis.core.partial_dates import InvalidPartialDate, PartialDate
from umis.core.purposes import Purpose
from umis.people.models import Sex

FORM_SOURCE = "registration form"
DATE_PLACEHOLDER = "YYYY-MM-DD"


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class FixedChoiceField(forms.ChoiceField):
    """A choice field whose choices never change: each form shares them.

    A form deep-copies its fields, and a choice field its list of choices with
    every lazy label, on each request; these lists are never altered per form.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> "FixedChoiceField":
        return forms.Field.__deepcopy__(self, memo)  # the field and its widget, not the choices


class CountryField(forms.ModelChoiceField[Country]):
    """A country chosen from the list, shown as ``Name (CODE)`` so codes can be typed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("— choose —"))
        super().__init__(queryset=Country.objects.all(), **kwargs)

    def label_from_instance(self, obj: Country) -> str:
        return f"{obj.name} ({obj.code})"


class PartialDateField(forms.Field):
    """A date that may be only a year or a year and month (``PartialDate``)."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("YYYY-MM-DD, YYYY-MM or YYYY"))
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"placeholder": DATE_PLACEHOLDER, "autocomplete": "off", "maxlength": "10"}
        )

    def to_python(self, value: Any) -> PartialDate | None:
        if isinstance(value, PartialDate):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        try:
            return PartialDate.parse(text)
        except InvalidPartialDate as error:
            raise forms.ValidationError(error.message, code=error.code) from None


class IsoDateField(forms.DateField):
    """A full calendar date typed as ``YYYY-MM-DD``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault("error_messages", {"invalid": _("Write the date as YYYY-MM-DD.")})
        super().__init__(widget=forms.DateInput(format="%Y-%m-%d"), **kwargs)
        self.widget.attrs.update({"placeholder": DATE_PLACEHOLDER, "autocomplete": "off"})


def purpose_field(**kwargs: Any) -> forms.ChoiceField:
    return FixedChoiceField(
        label=_("Purpose"),
        choices=_blank(_("— why are you looking? —")) + list(Purpose.choices),
        error_messages={"required": _("Choose why you need this information.")},
        **kwargs,
    )


def sex_field(required: bool = True) -> forms.ChoiceField:
    blank = _("— choose —") if required else _("— any —")
    return FixedChoiceField(
        label=_("Sex"), choices=_blank(blank) + list(Sex.choices), required=required
    )


def text_field(label: Any, max_length: int, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, **kwargs)


def code(country: Country | None) -> str:
    return country.code if country else ""


def distinct(*codes: str) -> list[str]:
    return list(dict.fromkeys(code for code in codes if code))


def field_for(key: str, fields: Mapping[str, str]) -> str | None:
    """The form field for a service error key, trying ``a.b.c``, then ``a.b``, then ``a``."""
    while key:
        if key in fields:
            return fields[key]
        key = key.rpartition(".")[0]
    return None


def show_service_errors(
    form: forms.Form, errors: Mapping[str, list[str]], fields: Mapping[str, str]
) -> None:
    """Put each message of a ``ValidationFailed`` next to its field (or on top of the form)."""
    for key, messages in errors.items():
        field = field_for(key, fields)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
