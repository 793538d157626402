"""Every write of the stays app: atomic, audited, through these functions only."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.audit.services import record
from umis.core import clock
from umis.core.errors import ValidationFailed
from umis.core.permissions import Actor, require
from umis.people.models import Person
from umis.stays import events
from umis.stays.models import Crossing, PlaceOfStayRegistration, StayExtension, Visa
from umis.stays.refresh import refresh_on_commit
from umis.stays.travellers import Outcome, Traveller, document_holders, traveller_identify

RECORD_PERMISSION = "stays.record"
EXTEND_PERMISSION = "stays.extend"


# A border post's clock a few minutes ahead of ours is not an error; a later crossing is.
CLOCK_AHEAD = timedelta(minutes=5)


def local_day(at: datetime) -> date:
    """The Baku calendar day of a crossing: what the stay rules count (whatever time zone
    the request runs in)."""
    return at.astimezone(timezone.get_default_timezone()).date()


def crossing_in_future(at: datetime) -> bool:
    """Whether a crossing at ``at`` has not happened yet (it cannot be recorded)."""
    return at > clock.now() + CLOCK_AHEAD


@transaction.atomic
def crossing_record(
    *,
    actor: Actor,
    person: Person,
    direction: str,
    at: datetime,
    source_ref: str,
    point_id: str | None = None,
    document_kind: str = "",
    document_number: str = "",
    nationality: str = "",
    purpose: str = "",
) -> Crossing:
    """Record one border crossing; idempotent on (the actor's agency, ``source_ref``).

    The person's stored stay status is refreshed once the transaction commits.
    """
    require(actor, RECORD_PERMISSION)
    if timezone.is_naive(at):
        raise ValidationFailed.single("at", _("Give the time with its time zone."))
    crossing, created = Crossing.objects.get_or_create(
        source=actor.agency_code,
        source_ref=source_ref,
        defaults={
            "person": person,
            "direction": direction,
            "at": at,
            "day": local_day(at),
            "point_id": point_id,
            "document_kind": document_kind,
            "document_number": document_number,
            "nationality": nationality,
            "purpose": purpose,
        },
    )
    if created:
        record(
            actor=actor,
            event=events.CROSSING_RECORDED,
            subject=person,
            extra={"crossing": crossing.pk, "direction": direction, "day": str(crossing.day)},
        )
        refresh_on_commit([person.pk])
    return crossing


@transaction.atomic
def traveller_crossing_record(
    *,
    actor: Actor,
    traveller: Traveller,
    direction: str,
    at: datetime,
    source_ref: str,
    point_id: str | None = None,
    purpose: str = "",
) -> tuple[Crossing, Outcome]:
    """Record a crossing of a traveller described by document and name: the holder of the
    document if it is on record, else whom the registry's matcher finds (see
    :func:`umis.stays.travellers.traveller_identify`); one transaction."""
    require(actor, RECORD_PERMISSION)
    key = traveller.document_key
    person_id = document_holders({key}).get(key)
    outcome = Outcome.KNOWN
    if person_id is None:
        person_id, outcome = traveller_identify(
            actor=actor, traveller=traveller, source=f"border:{actor.agency_code}"
        )
    crossing = crossing_record(
        actor=actor,
        person=Person.objects.get(pk=person_id),
        direction=direction,
        at=at,
        source_ref=source_ref,
        point_id=point_id,
        document_kind=traveller.document_kind,
        document_number=traveller.document_number,
        nationality=traveller.nationality,
        purpose=purpose,
    )
    return crossing, outcome


def residence_period_changed(*, person_id: int) -> None:
    """A lawful-stay basis kept by another app (a TRP or PRP period) was granted, changed or
    ended for this person: their stored stay status is refreshed once the caller's
    transaction commits. The caller audits its own change."""
    refresh_on_commit([person_id])


@transaction.atomic
def visa_record(
    *,
    actor: Actor,
    person: Person,
    number: str,
    kind: str,
    valid_from: date,
    valid_to: date,
    stay_days: int,
    entries: int | None = 1,
    issuing_post: str = "",
) -> Visa:
    require(actor, RECORD_PERMISSION)
    if valid_to < valid_from:
        raise ValidationFailed.single("valid_to", _("The visa ends before it begins."))
    visa = Visa.objects.create(
        person=person,
        number=number.strip().upper(),
        kind=kind,
        valid_from=valid_from,
        valid_to=valid_to,
        stay_days=stay_days,
        entries=entries,
        issuing_post=issuing_post,
    )
    record(actor=actor, event=events.VISA_ISSUED, subject=person, extra={"visa": visa.number})
    refresh_on_commit([person.pk])
    return visa


@transaction.atomic
def stay_registration_record(
    *,
    actor: Actor,
    person: Person,
    address: str,
    host_kind: str,
    host_name: str,
    valid_from: date,
    source: str,
    valid_to: date | None = None,
    city: str = "",
    host_person: Person | None = None,
) -> PlaceOfStayRegistration:
    """Register a place of stay (Migration Code art. 21)."""
    require(actor, RECORD_PERMISSION)
    if valid_to is not None and valid_to < valid_from:
        raise ValidationFailed.single("valid_to", _("The registration ends before it begins."))
    registration = PlaceOfStayRegistration.objects.create(
        person=person,
        address=address.strip(),
        city=city.strip(),
        host_kind=host_kind,
        host_name=host_name.strip(),
        host_person=host_person,
        valid_from=valid_from,
        valid_to=valid_to,
        source=source,
    )
    record(
        actor=actor,
        event=events.REGISTRATION_RECORDED,
        subject=person,
        extra={"registration": registration.pk, "from": str(valid_from)},
    )
    refresh_on_commit([person.pk])
    return registration


@transaction.atomic
def stay_extension_grant(
    *, actor: Actor, person: Person, valid_from: date, valid_to: date, source_ref: str
) -> StayExtension:
    """Record an extension of temporary stay; idempotent on ``source_ref``.

    The permits app calls this when it grants an extension; its days are lawful
    and are not counted against the stay limits.
    """
    require(actor, EXTEND_PERMISSION)
    if valid_to < valid_from:
        raise ValidationFailed.single("valid_to", _("The extension ends before it begins."))
    if not source_ref.strip():
        raise ValidationFailed.single("source_ref", _("Give the reference of the decision."))
    extension, created = StayExtension.objects.get_or_create(
        source_ref=source_ref.strip(),
        defaults={
            "person": person,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "granted_by": actor.username,
        },
    )
    if created:
        record(
            actor=actor,
            event=events.EXTENSION_GRANTED,
            subject=person,
            extra={"from": str(valid_from), "to": str(valid_to), "source_ref": source_ref},
        )
        refresh_on_commit([person.pk])
    return extension
