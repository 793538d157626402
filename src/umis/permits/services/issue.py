"""Turning a granted application into a permit that feeds the stay engine."""

from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from umis.core import clock
from umis.core.errors import ValidationFailed
from umis.core.permissions import Actor
from umis.core.services import number_issue, sequence_allocate
from umis.people import services as people_services
from umis.people.inputs import IdentifierInput
from umis.people.models import Identifier, Person
from umis.people.names.mrz import MRZError, build_td1
from umis.people.names.transliterate import to_latin
from umis.permits import config, events
from umis.permits.answers import add_months, validity_months
from umis.permits.catalogue import Service
from umis.permits.models import (
    PERMIT_NUMBERS,
    Action,
    Application,
    LabourQuota,
    Permit,
    PermitKind,
    Status,
)
from umis.permits.services.steps import step
from umis.stays import services as stays_services

KIND_OF_SERVICE = {
    Service.TRP: PermitKind.TRP,
    Service.PRP: PermitKind.PRP,
    Service.WORK_PERMIT: PermitKind.WORK,
    Service.STAY_EXTENSION: PermitKind.EXTENSION,
}
CARD_KINDS = frozenset({PermitKind.TRP, PermitKind.PRP})
ISSUING_STATE = "AZE"
# FINs are 7 characters; letters that read like digits are left out.
_FIN_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
FIN_SERIES = "fin"


def fin_from(sequence: int) -> str:
    """The ``sequence``-th FIN, seven characters of the FIN alphabet."""
    base, digits = len(_FIN_ALPHABET), []
    for _position in range(7):
        sequence, rest = divmod(sequence, base)
        digits.append(_FIN_ALPHABET[rest])
    return "".join(reversed(digits))


def _fin_of(actor: Actor, person: Person) -> str:
    known = person.identifiers.filter(kind=Identifier.Kind.FIN).first()
    if known is not None:
        return known.value
    (value,) = sequence_allocate(name=FIN_SERIES)
    fin = fin_from(value)
    people_services.person_identifier_add(
        actor=actor,
        person=person,
        identifier=IdentifierInput(kind="fin", value=fin, issued_by="SMS"),
    )
    return fin


def _period(application: Application) -> tuple[date, date]:
    answers, today = application.answers, clock.today()
    if application.service == Service.STAY_EXTENSION:
        start = date.fromisoformat(answers["stay_ends_on"]) + timedelta(days=1)
        return start, start + timedelta(days=int(answers["requested_days"]) - 1)
    months = validity_months(application.service, answers)
    return today, add_months(today, months) - timedelta(days=1)


def card_mrz(permit: Permit, answers: dict[str, str]) -> str:
    """The TD1 zone of a residence card (Doc 9303 part 5), names in MRZ Latin."""
    try:
        return build_td1(
            document_code="IR",
            issuing_state=ISSUING_STATE,
            document_number=permit.number,
            nationality=answers["nationality"],
            birth_date=date.fromisoformat(answers["birth_date"]),
            sex=answers["sex"],
            expiry_date=permit.valid_to,
            surname=to_latin(answers["surname"]),
            given_names=to_latin(answers["given_names"]),
            optional_data=permit.fin,
        )
    except MRZError:
        # A permit never fails for its card zone; an officer sees it empty and re-makes it.
        return ""


def _quota_check(application: Application, year: int) -> tuple[int | None, str]:
    """Count the permit against the year's quota unless a valid exemption applies."""
    code = application.answers.get("quota_exemption", "").strip()
    if code:
        if config.exemption_in_force(code, clock.today()) is None:
            raise ValidationFailed.single(
                "quota_exemption", _("This quota exemption is not in force.")
            )
        return None, code
    quota = LabourQuota.objects.select_for_update().filter(year=year).first()
    if quota is None:
        raise ValidationFailed.single(
            "quota", _("No labour-migration quota is set for %(year)d.") % {"year": year}
        )
    used = Permit.objects.filter(kind=PermitKind.WORK, quota_year=year, quota_exemption="").count()
    if used >= quota.total:
        raise ValidationFailed.single(
            "quota", _("The labour-migration quota for %(year)d is used up.") % {"year": year}
        )
    return year, ""


@transaction.atomic
def permit_issue(*, actor: Actor, application: Application) -> Permit | None:
    """Issue the permit a granted application calls for and feed the stay engine at once."""
    kind = KIND_OF_SERVICE.get(Service(application.service))
    if kind is None or application.person is None:
        return None
    valid_from, valid_to = _period(application)
    quota_year, exemption = (
        _quota_check(application, valid_from.year) if kind == PermitKind.WORK else (None, "")
    )
    answers = application.answers
    permit = Permit(
        number=number_issue(scheme=PERMIT_NUMBERS[kind], series=f"permit-{kind.value}"),
        kind=kind,
        person=application.person,
        application=application,
        valid_from=valid_from,
        valid_to=valid_to,
        conditions=_conditions(application),
        quota_year=quota_year,
        quota_exemption=exemption,
        issued_at=clock.now(),
    )
    if kind in CARD_KINDS:
        permit.fin = _fin_of(actor, application.person)
        permit.card_mrz = card_mrz(permit, answers)
    permit.save()
    if kind == PermitKind.EXTENSION:
        stays_services.stay_extension_grant(
            actor=actor,
            person=permit.person,
            valid_from=valid_from,
            valid_to=valid_to,
            source_ref=permit.number,
        )
    stays_services.residence_period_changed(person_id=permit.person_id)
    step(
        actor=actor,
        application=application,
        kind=Action.Kind.ISSUE,
        event=events.PERMIT_ISSUED,
        status=Status.ISSUED,
        data={"permit": permit.number},
    )
    return permit


def _conditions(application: Application) -> dict[str, str]:
    if application.service != Service.WORK_PERMIT:
        return {}
    employer = application.organisation.name_en if application.organisation else ""
    return {
        "employer": employer,
        "position": application.answers.get("position", ""),
        "workplace": application.answers.get("workplace", ""),
    }
