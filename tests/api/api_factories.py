"""What the API tests send, and how: request bodies and one call with a bearer token."""

import json
from typing import Any

from django.test import Client


def call(client: Client, token: str, path: str, body: Any = None) -> Any:
    """GET ``path`` (no body) or POST ``body`` as JSON, as the token's holder, in English."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}", "HTTP_ACCEPT_LANGUAGE": "en"}
    if body is None:
        return client.get(path, **headers)
    return client.post(path, data=json.dumps(body), content_type="application/json", **headers)


def person_body(
    surname: str, given_names: str, *, born: str, passport: str, state: str, issuing_state: str = ""
) -> dict[str, Any]:
    """A man's registration as ``POST /api/v1/people`` takes it: one name, a citizen of
    ``state`` with a passport it issued (``issuing_state`` spells it otherwise)."""
    return {
        "sex": "M",
        "birth_date": born,
        "citizenships": [state],
        "names": [{"surname": surname, "given_names": given_names}],
        "documents": [
            {"kind": "passport", "number": passport, "issuing_state": issuing_state or state}
        ],
    }
