"""The six e-services and what each asks the applicant.

A service's questions are a list of ``Question``; ``answers_clean`` turns what
the applicant typed into validated answers (dates as ISO text) or refuses it
with a message per question. The portal renders the same questions as a form.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.db import models
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from umis.core.models import Country


class Service(models.TextChoices):
    STAY_REGISTRATION = "stay_registration", _("Registration at the place of stay")
    STAY_EXTENSION = "stay_extension", _("Extension of temporary stay")
    TRP = "trp", _("Temporary residence permit")
    PRP = "prp", _("Permanent residence permit")
    WORK_PERMIT = "work_permit", _("Work permit")
    STATUS_DETERMINATION = "status_determination", _("Determination of status")


class Track(models.TextChoices):
    STANDARD = "standard", _("standard")
    FAST = "fast", _("fast (higher fee)")


# Services an organisation files for someone else; the rest a person files for themself.
ORGANISATION_SERVICES = frozenset({Service.WORK_PERMIT, Service.STAY_REGISTRATION})
PERSON_SERVICES = frozenset(Service) - {Service.WORK_PERMIT}


@dataclass(frozen=True)
class Question:
    name: str
    label: Promise
    kind: str = "text"  # text, long_text, date, choice, country
    required: bool = True
    choices: Sequence[tuple[str, Promise | str]] = ()
    help: Promise | str = ""


SEX_CHOICES = [("M", _("male")), ("F", _("female")), ("X", _("unspecified"))]
KIND_CHOICES = [("first", _("first application")), ("renewal", _("renewal"))]
TRP_GROUNDS = [
    ("family", _("close relative of a citizen")),
    ("work", _("work")),
    ("study", _("study")),
    ("investment", _("investment of at least AZN 500,000")),
    ("property", _("real estate, deposit or securities of at least AZN 100,000")),
    ("highly_qualified", _("highly qualified specialist")),
    ("other", _("other ground in the Migration Code")),
]


def _months(months: int) -> str:
    return ngettext("%(months)d month", "%(months)d months", months) % {"months": months}


# Lazy: formatted when shown, so in the language of that request, not of the import.
TRP_VALIDITY = [(str(m), lazy(_months, str)(m)) for m in (3, 6, 12, 18, 24, 30, 36)]


def _person(*, passport_required: bool = True) -> list[Question]:
    return [
        Question("surname", _("Surname (as in the passport)")),
        Question("given_names", _("Given names")),
        Question("birth_date", _("Date of birth"), kind="date"),
        Question("sex", _("Sex"), kind="choice", choices=SEX_CHOICES),
        Question("nationality", _("Citizenship"), kind="country"),
        Question("passport_number", _("Passport number"), required=passport_required),
        Question(
            "passport_expires_on",
            _("Passport valid until"),
            kind="date",
            required=passport_required,
        ),
    ]


_ADDRESS = Question("address", _("Address in Azerbaijan"))

QUESTIONS: dict[str, list[Question]] = {
    Service.STAY_REGISTRATION: [
        *_person(),
        _ADDRESS,
        Question("city", _("City or district"), required=False),
        Question("arrival_on", _("Arrived at this address on"), kind="date"),
        Question("stay_until", _("Staying until"), kind="date", required=False),
        Question(
            "host_name",
            _("Host (hotel, landlord) name"),
            required=False,
            help=_("Leave empty if you own or rent the place yourself."),
        ),
    ],
    Service.STAY_EXTENSION: [
        *_person(),
        Question("stay_ends_on", _("Your current stay ends on"), kind="date"),
        Question(
            "requested_days",
            _("Extend by"),
            kind="choice",
            choices=[("30", _("30 days")), ("60", _("60 days"))],
        ),
        Question("reason", _("Why do you need more time?"), kind="long_text"),
    ],
    Service.TRP: [
        *_person(),
        Question(
            "application_kind", _("First permit or renewal"), kind="choice", choices=KIND_CHOICES
        ),
        Question("ground", _("Ground"), kind="choice", choices=TRP_GROUNDS),
        Question("validity_months", _("Validity asked for"), kind="choice", choices=TRP_VALIDITY),
        _ADDRESS,
    ],
    Service.PRP: [
        *_person(),
        Question(
            "application_kind", _("First permit or renewal"), kind="choice", choices=KIND_CHOICES
        ),
        Question("current_permit_number", _("Number of your current TRP or PRP"), required=False),
        _ADDRESS,
    ],
    Service.WORK_PERMIT: [
        *_person(),
        Question("position", _("Position")),
        Question("workplace", _("Workplace address")),
        Question(
            "contract_months",
            _("Contract term"),
            kind="choice",
            choices=[("6", _("6 months")), ("12", _("12 months"))],
        ),
        Question(
            "quota_exemption",
            _("Quota exemption code"),
            required=False,
            help=_("Only if the post falls under an exemption from the labour-migration quota."),
        ),
    ],
    Service.STATUS_DETERMINATION: [
        *_person(passport_required=False),
        _ADDRESS,
        Question("circumstances", _("Tell us your situation"), kind="long_text"),
    ],
}


def _country_choices() -> list[tuple[str, str]]:
    return [("", "—"), *((c.code, f"{c.name} ({c.code})") for c in Country.objects.all())]


def _form_field(question: Question) -> forms.Field:
    common: dict[str, Any] = {
        "label": question.label,
        "required": question.required,
        "help_text": question.help,
    }
    if question.kind == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if question.kind == "choice":
        return forms.ChoiceField(choices=[("", "—"), *question.choices], **common)
    if question.kind == "country":
        return forms.ChoiceField(choices=_country_choices, **common)
    if question.kind == "long_text":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=2000, **common)
    return forms.CharField(max_length=200, **common)


def answers_form(
    service: str, data: Any = None, initial: dict[str, Any] | None = None
) -> forms.Form:
    """The questions of ``service`` as an unbound or bound Django form."""
    fields = {q.name: _form_field(q) for q in QUESTIONS[service]}
    form_class = type(f"{service.title()}Form", (forms.Form,), fields)
    form: forms.Form = form_class(data=data, initial=initial, prefix="a")
    return form


def as_stored(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


@dataclass
class RuleContext:
    service: str
    answers: dict[str, Any]
    today: date
    errors: dict[str, list[str]] = field(default_factory=dict)

    def refuse(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def day(self, name: str) -> date | None:
        text = self.answers.get(name)
        return date.fromisoformat(text) if text else None


CrossCheck = Callable[[RuleContext], None]
