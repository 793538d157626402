"""Officer forms for the case actions; the services do the real checks."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.accounts.models import Agency, User
from umis.core.models import Country
from umis.permits.models import Clearance, Decision, LegalGround
from umis.permits.services.decisions import CLEARANCE_AGENCY_KINDS, DEFAULT_CLEARANCE_WORKING_DAYS


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Officer"))

    def __init__(self, *args: Any, officers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(pk__in=[o.pk for o in officers]).order_by("username")


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ClearanceRequestForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(kind__in=CLEARANCE_AGENCY_KINDS), label=_("Agency")
    )
    question = forms.CharField(
        label=_("Question"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    working_days = forms.IntegerField(
        label=_("Answer due in (working days)"),
        min_value=1,
        max_value=60,
        initial=DEFAULT_CLEARANCE_WORKING_DAYS,
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    grounds = forms.MultipleChoiceField(
        label=_("Legal grounds"), widget=forms.CheckboxSelectMultiple
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )

    def __init__(
        self, *args: Any, grounds: list[LegalGround], determination: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["grounds"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(g.code, f"{g.get_outcome_display()}: {g.name}") for g in grounds]
        if determination:
            self.fields["determined_status"] = forms.ChoiceField(
                label=_("Determined (when granting)"),
                required=False,
                choices=[("", "—"), *Decision.Determined.choices[1:]],
            )
            self.fields["determined_country"] = forms.ChoiceField(
                label=_("Citizenship determined"),
                required=False,
                choices=_state_choices,
                help_text=_("Only when a citizenship was determined."),
            )


def _state_choices() -> list[tuple[str, str]]:
    states = Country.objects.filter(is_special=False)
    return [("", "—"), *((c.code, f"{c.name} ({c.code})") for c in states)]


class ClearanceAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (Clearance.Answer.YES, Clearance.Answer.YES.label),
            (Clearance.Answer.NO, Clearance.Answer.NO.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
