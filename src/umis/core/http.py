from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from umis.core.permissions import Actor


class UmisRequest(HttpRequest):
    """A request after the UMIS middleware: it knows its actor and whether htmx sent it."""

    actor: Actor
    htmx: HtmxDetails


def actor_of(request: HttpRequest) -> Actor:
    """The actor the middleware (or API authentication) put on ``request``."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    return actor
