"""Portal forms: sign-up, sign-in, two-step codes, uploads, the public status check."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from umis.accounts.forms import SignInForm
from umis.accounts.models import Agency
from umis.permits.catalogue import Track


class RegisterForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput, help_text=_("At least 12 characters.")
    )


class OrganisationRegisterForm(RegisterForm):
    name = forms.CharField(label=_("Organisation name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (Agency.Kind.HOST, _("host (hotel, landlord)")),
            (Agency.Kind.EMPLOYER, _("employer")),
        ],
    )
    tax_id = forms.CharField(label=_("Tax number (VÖEN)"), max_length=10)
    field_order = ["name", "kind", "tax_id", "email", "password"]


class PortalSignInForm(SignInForm):
    """The officers' sign-in form with its lock-out, speaking of e-mail addresses."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class TrackForm(forms.Form):
    track = forms.ChoiceField(label=_("Speed"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, tracks: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["track"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(t, Track(t).label) for t in tracks]
        field.initial = tracks[-1] if tracks else ""


class AnswerForm(forms.Form):
    note = forms.CharField(
        label=_("Your answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


class StatusForm(forms.Form):
    receipt = forms.CharField(label=_("Receipt number"), max_length=20)
    birth_date = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )


class GuestsForm(forms.Form):
    address = forms.CharField(label=_("Address of the hotel"), max_length=300)
    city = forms.CharField(label=_("City or district"), max_length=100, required=False)
    file = forms.FileField(label=_("Guest list (CSV)"))
