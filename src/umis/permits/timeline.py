"""The person profile's timeline: the person's applications and permits."""

from django.urls import reverse
from django.utils.translation import gettext as _

from umis.people.models import Person
from umis.people.timeline import TimelineEntry
from umis.permits.models import Application, Permit


def permits_timeline(person: Person) -> list[TimelineEntry]:
    applications = Application.objects.filter(person=person, submitted_at__isnull=False)
    entries = [
        TimelineEntry(
            at=application.submitted_at,
            title=_("Application %(receipt)s: %(service)s")
            % {
                "receipt": application.receipt_display,
                "service": application.get_service_display(),
            },
            detail=application.get_status_display(),
            url=reverse("permits:case", args=[application.pk]),
            kind="application",
        )
        for application in applications
        if application.submitted_at is not None
    ]
    entries += [
        TimelineEntry(
            at=permit.issued_at,
            title=_("Permit %(number)s issued: %(kind)s")
            % {"number": permit.number_display, "kind": permit.get_kind_display()},
            detail=_("valid %(start)s to %(end)s")
            % {"start": permit.valid_from.isoformat(), "end": permit.valid_to.isoformat()},
            kind="permit",
        )
        for permit in Permit.objects.filter(person=person)
    ]
    return entries
