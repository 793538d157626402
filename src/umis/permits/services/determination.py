"""Determination of status: a grant says what was found, and the registry records it.

A stateless person, or one whose citizenship was uncertain, is legalised by a
decision that finds them stateless or a citizen of a named state. That finding
becomes the person's citizenship in the registry and their current status.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from umis.core.errors import ValidationFailed
from umis.core.models import Country
from umis.core.permissions import Actor
from umis.people import services as people_services
from umis.permits.catalogue import Service
from umis.permits.models import Application, Decision


def determination_clean(
    application: Application, outcome: str, status: str, country: str
) -> tuple[str, Country | None]:
    """The finding a decision records, or a message per field that does not fit."""
    status, country = status.strip(), country.strip().upper()
    if application.service != Service.STATUS_DETERMINATION or outcome != Decision.Outcome.GRANT:
        if status or country:
            raise ValidationFailed.single(
                "determined_status",
                _("Only granting a determination of status records a determined status."),
            )
        return "", None
    if status not in (Decision.Determined.STATELESS, Decision.Determined.CITIZEN):
        raise ValidationFailed.single(
            "determined_status", _("Say what was determined: stateless, or a citizenship.")
        )
    if status == Decision.Determined.STATELESS:
        if country:
            raise ValidationFailed.single(
                "determined_country", _("A stateless person has no citizenship to name.")
            )
        return status, None
    found = Country.objects.filter(code=country, is_special=False).first()
    if found is None:
        raise ValidationFailed.single(
            "determined_country", _("Choose the state whose citizenship was determined.")
        )
    return status, found


def determination_record(*, actor: Actor, application: Application, decision: Decision) -> None:
    """Write a granted determination into the registry (within the decision's transaction)."""
    if not decision.determined_status or application.person is None:
        return
    country = decision.determined_country
    day = (decision.decided_at or application.updated_at).date().isoformat()
    facts = {"receipt": application.receipt_display, "date": day}
    # The registry keeps its texts in the official language, whoever decides.
    with translation.override(settings.LANGUAGE_CODE):
        if country is None:
            summary = _("Stateless: status determined on %(date)s (%(receipt)s)") % facts
        else:
            summary = _("Citizen of %(country)s: status determined on %(date)s (%(receipt)s)") % (
                facts | {"country": country.code}
            )
        reason = _("Determination of status, application %(receipt)s") % facts
    people_services.person_citizenship_determine(
        actor=actor,
        person=application.person,
        status=decision.determined_status,
        countries=[country.code] if country else [],
        summary=summary,
        reason=reason,
        source=f"permits:{application.receipt_number}",
    )
