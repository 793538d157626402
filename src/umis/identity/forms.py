from django import forms
from django.utils.translation import gettext_lazy as _

from umis.identity.models import CandidatePair

DECISIONS = [(s.value, s.label) for s in CandidatePair.Status if s != CandidatePair.Status.OPEN]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MergeForm(forms.Form):
    survivor = forms.ChoiceField(label=_("Record that stays"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Why are these one person?"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: object, pair: CandidatePair, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["survivor"].choices = [  # type: ignore[attr-defined]
            (str(pair.first_id), pair.first.number),
            (str(pair.second_id), pair.second.number),
        ]


class UndoForm(forms.Form):
    reason = forms.CharField(
        label=_("Why undo this merge?"), widget=forms.Textarea(attrs={"rows": 2})
    )
