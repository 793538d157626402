"""Reads of the dated configuration: what is in force on a given day."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from umis.core.errors import UmisError
from umis.permits.models import (
    DecisionTerm,
    Fee,
    LabourQuota,
    LegalGround,
    QuotaExemption,
    RequiredDocument,
)
from umis.permits.models.config import Dated


class NotConfigured(UmisError):
    code = "not_configured"


def in_force[M: Dated](queryset: QuerySet[M], on: date) -> QuerySet[M]:
    return queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)


def term_for(service: str, track: str, on: date) -> DecisionTerm | None:
    terms = in_force(DecisionTerm.objects.filter(service=service, track=track), on)
    return terms.order_by("-valid_from").first()


def tracks_for(service: str, on: date) -> list[str]:
    """Speed tracks with a decision term in force (none: decided on the spot)."""
    terms = in_force(DecisionTerm.objects.filter(service=service), on)
    return sorted(set(terms.values_list("track", flat=True)), reverse=True)


def fee_for(service: str, track: str, months: int, category: str, on: date) -> Decimal:
    """The fee for a validity of ``months``: the smallest band that covers it.

    A reduced fee for ``category`` (students, minors) applies where one is set.
    """
    fees = in_force(Fee.objects.filter(service=service, track=track), on)
    for wanted in dict.fromkeys([category, ""]):
        fee = fees.filter(category=wanted, max_months__gte=months).order_by("max_months").first()
        if fee is not None:
            return fee.amount
    if not fees.exists():
        return Decimal(0)
    raise NotConfigured(
        _("No fee is set for a validity of %(months)d months on this track.") % {"months": months}
    )


def checklist_for(service: str, answers: dict[str, Any], on: date) -> list[RequiredDocument]:
    documents = in_force(RequiredDocument.objects.filter(service=service), on)
    return [document for document in documents if document.applies_to(answers)]


def grounds_for(service: str, outcome: str, on: date) -> list[LegalGround]:
    grounds = in_force(LegalGround.objects.filter(outcome=outcome), on)
    return [g for g in grounds if not g.services or service in g.services]


def quota_for(year: int) -> LabourQuota | None:
    return LabourQuota.objects.filter(year=year).first()


def exemption_in_force(code: str, on: date) -> QuotaExemption | None:
    return in_force(QuotaExemption.objects.filter(code=code), on).first()
