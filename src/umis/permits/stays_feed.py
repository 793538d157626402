"""Residence-permit periods for the stay engine: days under a TRP or PRP are lawful."""

from collections.abc import Collection, Iterator

from umis.permits.models import Permit, PermitKind
from umis.stays.providers import ResidencePeriod


def residence_periods(person_ids: Collection[int] | None) -> Iterator[ResidencePeriod]:
    permits = Permit.objects.filter(
        kind__in=[PermitKind.TRP, PermitKind.PRP], revoked_at__isnull=True
    )
    if person_ids is not None:
        permits = permits.filter(person_id__in=person_ids)
    rows = permits.values_list("person_id", "kind", "valid_from", "valid_to")
    # A server-side cursor only for everyone: for a few persons it costs three round trips.
    for person_id, kind, valid_from, valid_to in rows if person_ids else rows.iterator():
        yield ResidencePeriod(
            person_id, "TRP" if kind == PermitKind.TRP else "PRP", valid_from, valid_to
        )
