from django.http import HttpRequest

from umis.core.permissions import Actor


class UmisRequest(HttpRequest):
    """A request after the UMIS middleware: it always knows its actor."""

    actor: Actor


def actor_of(request: HttpRequest) -> Actor:
    """The actor the middleware (or API authentication) put on ``request``."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    return actor
