"""What the registry's screens share: the remembered purpose, htmx detection, links."""

from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict
from django.urls import reverse

from umis.core.purposes import Purpose
from umis.people.models import Person

PURPOSE_SESSION_KEY = "people.purpose"


def remembered_purpose(request: HttpRequest) -> str:
    """The purpose the officer stated last in this session, offered as the default."""
    purpose = request.session.get(PURPOSE_SESSION_KEY, "")
    return purpose if purpose in Purpose.values else ""


def remember_purpose(request: HttpRequest, purpose: str) -> None:
    # Unchanged, the session is not written again (a query on every search).
    if request.session.get(PURPOSE_SESSION_KEY) != purpose:
        request.session[PURPOSE_SESSION_KEY] = purpose


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def profile_url(person: Person, purpose: str) -> str:
    query = urlencode({"purpose": purpose})
    return f"{reverse('people:profile', args=[person.number])}?{query}"


def with_page(query: QueryDict, page: int) -> str:
    """``query`` as a query string, on another page."""
    changed = query.copy()
    changed["page"] = str(page)
    return changed.urlencode()
