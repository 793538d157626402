"""What the person profile shows from this app: the stay status and the crossings."""

from django.utils.translation import gettext as _

from umis.core import clock
from umis.people.models import Person
from umis.people.timeline import TimelineEntry
from umis.stays.explain import render
from umis.stays.models import Crossing
from umis.stays.selectors import status_for


def _status_title(person: Person) -> tuple[str, str]:
    status = status_for(person.pk, clock.today())
    if not status.present:
        title = _("Stay status: not in the country")
    elif status.overstay_days:
        title = _("Stay status: overstaying by %(days)d days") % {"days": status.overstay_days}
    elif status.lawful_until:
        title = _("Stay status: lawful until %(day)s") % {"day": status.lawful_until.isoformat()}
    else:
        title = _("Stay status: lawful")
    return title, " ".join(render(e) for e in status.explanation)


def stay_timeline(person: Person) -> list[TimelineEntry]:
    title, detail = _status_title(person)
    entries = [TimelineEntry(at=clock.now(), title=title, detail=detail, kind="stay")]
    crossings = Crossing.objects.filter(person=person).select_related("point").order_by("-at")
    entries += [
        TimelineEntry(
            at=c.at,
            title=_("Border crossing: %(direction)s") % {"direction": c.get_direction_display()},
            detail=" ".join(p for p in (c.point.name if c.point else "", c.purpose) if p),
            kind="crossing",
        )
        for c in crossings[:200]
    ]
    return entries
