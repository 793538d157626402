from django.http import HttpRequest

from umis.core.permissions import Actor


class UmisRequest(HttpRequest):
    """A request after the UMIS middleware: it always knows its actor."""

    actor: Actor
