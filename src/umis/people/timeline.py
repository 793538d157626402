"""The profile's timeline: apps register providers instead of editing the profile.

A provider turns a person into the entries it knows about (crossings,
applications, permits …); the profile merges them, newest first. The registry
itself provides the person's own history: registration and every change.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext as _

from umis.audit import events as audit_events
from umis.audit.models import AuditEvent
from umis.audit.selectors import events_for
from umis.people import events
from umis.people.models import Person


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime | date
    title: str
    detail: str = ""
    url: str | None = None
    kind: str = ""

    @property
    def moment(self) -> datetime:
        """``at`` as an aware datetime; a bare date counts from its first minute."""
        if isinstance(self.at, datetime):
            return self.at if timezone.is_aware(self.at) else timezone.make_aware(self.at)
        return timezone.make_aware(datetime.combine(self.at, time.min))

    @property
    def has_time(self) -> bool:
        return isinstance(self.at, datetime)


TimelineProvider = Callable[[Person], Iterable[TimelineEntry]]

_providers: dict[str, TimelineProvider] = {}


def register_timeline_provider(key: str, provider: TimelineProvider) -> None:
    """Add (or replace, under the same key) a source of timeline entries."""
    _providers[key] = provider


def timeline_for(person: Person) -> list[TimelineEntry]:
    """Every provider's entries for ``person``, newest first."""
    entries = [entry for provider in _providers.values() for entry in provider(person)]
    return sorted(entries, key=lambda entry: entry.moment, reverse=True)


# Reads are the access log, not the record's history.
_NOT_HISTORY = {events.PERSON_VIEWED, events.PERSON_SEARCHED}


def _field_label(field: str) -> str:
    if field == "birth_date":
        return _("date of birth")
    try:
        model_field = Person._meta.get_field(field.removesuffix("_id"))
    except FieldDoesNotExist:
        return field
    return str(model_field.verbose_name) if isinstance(model_field, Field) else field


def _changes(extra: dict[str, Any]) -> str:
    before, after = extra.get("before", {}), extra.get("after", {})
    return "; ".join(
        f"{_field_label(field)}: {before.get(field) or '—'} → {after.get(field) or '—'}"
        for field in after
    )


def _detail(event: AuditEvent) -> str:
    extra = event.extra
    if event.event_type == events.PERSON_UPDATED:
        detail = _("Reason: %(reason)s") % {"reason": extra.get("reason", "")}
        changes = _changes(extra)
        return f"{detail} ({changes})" if changes else detail
    if event.event_type == events.NAME_ADDED:
        return str(extra.get("name", ""))
    if event.event_type == events.DOCUMENT_ADDED:
        return f"{extra.get('state', '')} {extra.get('document', '')}".strip()
    return ""


def _by(event: AuditEvent) -> str:
    return _("by %(user)s (%(agency)s)") % {
        "user": event.actor_username,
        "agency": event.agency_code,
    }


def registry_history(person: Person) -> list[TimelineEntry]:
    """The person's own record: registration, names, documents and changes."""
    history = events_for(subject_type=person._meta.label_lower, subject_id=str(person.pk))
    return [
        TimelineEntry(
            at=event.at,
            title=audit_events.label(event.event_type),
            detail=" ".join(part for part in (_detail(event), _by(event)) if part),
            kind="registry",
        )
        for event in history
        if event.event_type.startswith("people.") and event.event_type not in _NOT_HISTORY
    ]
