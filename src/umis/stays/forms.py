"""The public calculator's form: stays typed one per line, so it works without scripts."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.core import clock
from umis.stays.engine.calculator import MAX_DAYS_LIMIT


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
