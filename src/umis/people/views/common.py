"""What the registry's screens share: the remembered purpose, htmx detection, links."""

from collections.abc import Callable
from urllib.parse import quote, urlencode

from django.http import HttpRequest, QueryDict
from django.urls import reverse

from umis.core.purposes import Purpose
from umis.people.models import PERSON_NUMBERS, Person

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
    return profile_links(purpose)(person.number)


def profile_links(purpose: str) -> Callable[[str], str]:
    """The link to a person's profile by person number, for ``purpose``; the route is
    resolved once however many links are made (a page of results makes one a row)."""
    marker = PERSON_NUMBERS.make(1)
    head, _, tail = reverse("people:profile", args=[marker]).rpartition(marker)
    query = urlencode({"purpose": purpose})
    return lambda number: f"{head}{quote(number)}{tail}?{query}"


def with_page(query: QueryDict, page: int) -> str:
    """``query`` as a query string, on another page."""
    changed = query.copy()
    changed["page"] = str(page)
    return changed.urlencode()
