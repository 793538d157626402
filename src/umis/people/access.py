"""The only way to get a person: fetch, authorise and log the access in one call."""

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from umis.audit.services import record
from umis.core.errors import UmisError
from umis.core.permissions import Actor, require
from umis.core.purposes import Purpose
from umis.people import events
from umis.people.models import Person

VIEW_PERMISSION = "people.view"


class PurposeRequired(UmisError):
    code = "purpose_required"


def check_purpose(purpose: str) -> Purpose:
    try:
        return Purpose(purpose)
    except ValueError:
        raise PurposeRequired(_("State why you need this record.")) from None


def authorise_read(actor: Actor, purpose: str) -> Purpose:
    """Refuse a read of personal data unless role and purpose allow it."""
    require(actor, VIEW_PERMISSION)
    return check_purpose(purpose)


@transaction.atomic
def access_person(*, actor: Actor, person_id: int, purpose: str) -> Person:
    """Fetch a person for ``actor``, refusing without permission or purpose.

    A merged record resolves to the person it was merged into, so old person
    numbers keep working. The read is written to the audit trail.
    """
    stated = authorise_read(actor, purpose)
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404(_("No such person."))
    asked_for = person
    while person.merged_into_id is not None:
        person = Person.objects.get(pk=person.merged_into_id)
    extra = {"asked_for": asked_for.number} if asked_for.pk != person.pk else {}
    record(
        actor=actor, event=events.PERSON_VIEWED, subject=person, purpose=stated.value, extra=extra
    )
    return person


def access_person_by_number(*, actor: Actor, number: str, purpose: str) -> Person:
    person_id = Person.objects.filter(number=number).values_list("pk", flat=True).first()
    if person_id is None:
        authorise_read(actor, purpose)
        raise Http404(_("No such person."))
    return access_person(actor=actor, person_id=person_id, purpose=purpose)
