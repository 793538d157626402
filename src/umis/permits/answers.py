"""Validating an applicant's answers: each question, then the rules across questions."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from umis.core.errors import ValidationFailed
from umis.permits.catalogue import CrossCheck, RuleContext, Service, answers_form, as_stored

# Extension: apply at least 3 days before the stay ends (domain brief, "Temporary stay").
EXTENSION_NOTICE_DAYS = 3
# TRP: the passport must be valid more than 3 months beyond the permit's end.
PASSPORT_MARGIN_MONTHS = 3
ADULT_AGE = 18


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _birth_in_past(ctx: RuleContext) -> None:
    birth = ctx.day("birth_date")
    if birth and birth > ctx.today:
        ctx.refuse("birth_date", _("The date of birth cannot be in the future."))


def _passport_valid(ctx: RuleContext) -> None:
    expires = ctx.day("passport_expires_on")
    if expires and expires < ctx.today:
        ctx.refuse("passport_expires_on", _("This passport has expired."))


def _arrival_in_past(ctx: RuleContext) -> None:
    arrival, until = ctx.day("arrival_on"), ctx.day("stay_until")
    if arrival and arrival > ctx.today:
        ctx.refuse("arrival_on", _("Register after you arrive, not before."))
    if arrival and until and until < arrival:
        ctx.refuse("stay_until", _("The stay cannot end before the arrival."))


def _extension_in_time(ctx: RuleContext) -> None:
    ends = ctx.day("stay_ends_on")
    if ends and (ends - ctx.today).days < EXTENSION_NOTICE_DAYS:
        ctx.refuse(
            "stay_ends_on",
            _("An extension must be asked for at least %(days)d days before the stay ends.")
            % {"days": EXTENSION_NOTICE_DAYS},
        )


def _passport_outlasts_permit(ctx: RuleContext) -> None:
    expires, months = ctx.day("passport_expires_on"), ctx.answers.get("validity_months")
    if not (expires and months):
        return
    needed = add_months(add_months(ctx.today, int(months)), PASSPORT_MARGIN_MONTHS)
    if expires <= needed:
        ctx.refuse(
            "passport_expires_on",
            _("The passport must be valid until after %(date)s (3 months beyond the permit).")
            % {"date": needed.isoformat()},
        )


CROSS_CHECKS: dict[str, list[CrossCheck]] = {
    Service.STAY_REGISTRATION: [_birth_in_past, _passport_valid, _arrival_in_past],
    Service.STAY_EXTENSION: [_birth_in_past, _passport_valid, _extension_in_time],
    Service.TRP: [_birth_in_past, _passport_valid, _passport_outlasts_permit],
    Service.PRP: [_birth_in_past, _passport_valid],
    Service.WORK_PERMIT: [_birth_in_past, _passport_valid],
    Service.STATUS_DETERMINATION: [_birth_in_past],
}


def answers_clean(service: str, data: dict[str, Any], *, today: date) -> dict[str, Any]:
    """Validated answers of ``service`` or ``ValidationFailed`` with a message per question."""
    if service not in CROSS_CHECKS:
        raise ValidationFailed.single("service", _("There is no such service."))
    form = answers_form(service, data={f"a-{k}": v for k, v in data.items()})
    if not form.is_valid():
        raise ValidationFailed({k: [str(m) for m in v] for k, v in form.errors.items()})
    answers = {k: as_stored(v) for k, v in form.cleaned_data.items()}
    ctx = RuleContext(service=service, answers=answers, today=today)
    for check in CROSS_CHECKS[service]:
        check(ctx)
    if ctx.errors:
        raise ValidationFailed(ctx.errors)
    return answers


def fee_category(service: str, answers: dict[str, Any], today: date) -> str:
    """Students and minors pay reduced fees (domain brief: TRP students, extension minors)."""
    if service == Service.TRP and answers.get("ground") == "study":
        return "student"
    birth = answers.get("birth_date")
    if service == Service.STAY_EXTENSION and birth:
        return "minor" if age_on(date.fromisoformat(birth), today) < ADULT_AGE else ""
    return ""


def validity_months(service: str, answers: dict[str, Any]) -> int:
    """How long the permit asked for runs, in months (what fees are graded by)."""
    if service == Service.STAY_EXTENSION:
        return int(answers.get("requested_days") or 30) // 30
    if service == Service.TRP:
        return int(answers.get("validity_months") or 12)
    if service == Service.WORK_PERMIT:
        return int(answers.get("contract_months") or 12)
    if service == Service.PRP:
        return 60
    return 0
