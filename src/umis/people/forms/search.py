"""The search box and its filters; the purpose asked before a profile opens."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from umis.people.forms.fields import (
    CountryField,
    FixedChoiceField,
    PartialDateField,
    purpose_field,
    sex_field,
)
from umis.people.search import SearchCriteria

MAX_PAGE = 1000
# The screen shows the ten best: further hits are weak matches an officer pages to.
SCREEN_PAGE_SIZE = 10


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, person number, FIN or document number"),
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    purpose = purpose_field()
    birth_date = PartialDateField(label=_("Date of birth"))
    birth_mode = FixedChoiceField(
        label=_("Compare the date of birth"),
        choices=[
            ("exact", _("as written")),
            ("year", _("same year")),
            ("around", _("year ± 1")),
        ],
        required=False,
    )
    sex = sex_field(required=False)
    nationality = CountryField(label=_("Nationality"), empty_label=_("— any —"))
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def live(self) -> "SearchForm":
        """Refresh the results as the officer types (htmx); the submit button stays."""
        self.fields["q"].widget.attrs.update(
            {
                "hx-get": reverse("people:results"),
                "hx-trigger": "input changed delay:250ms, search",
                "hx-target": "#results",
                "hx-include": "closest form",
                "hx-push-url": "true",
                "hx-sync": "closest form:replace",
                "hx-indicator": "#search-indicator",
            }
        )
        return self

    def criteria(self) -> SearchCriteria:
        data = self.cleaned_data
        nationality = data.get("nationality")
        return SearchCriteria(
            text=data["q"].strip(),
            birth_date=data.get("birth_date"),
            birth_mode=data.get("birth_mode") or "exact",
            sex=data.get("sex") or "",
            nationality=nationality.code if nationality else "",
            page=min(data.get("page") or 1, MAX_PAGE),
            page_size=SCREEN_PAGE_SIZE,
        )


class PurposeForm(forms.Form):
    purpose = purpose_field()
