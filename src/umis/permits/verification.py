"""Public checks of a permit: by number, or by the signed token in its QR code.

The token is the permit number signed with the server's key, so a QR code
made by anyone else is recognised as not genuine. The answer says only
whether the permit is valid, its kind and dates, and the holder's initials.
"""

from dataclasses import dataclass
from datetime import date
from typing import Literal

from django.core import signing
from django.utils.translation import gettext as _

from umis.core import clock
from umis.core.identifiers import InvalidNumber
from umis.permits.models import PERMIT_NUMBERS, Permit

SALT = "umis.permits.verify"


type State = Literal["valid", "expired", "revoked", "not_yet_valid"]


class NotGenuine(Exception):
    pass


def token_for(permit: Permit) -> str:
    return signing.dumps(permit.number, salt=SALT, compress=True)


def number_from_token(token: str) -> str:
    try:
        return str(signing.loads(token, salt=SALT))
    except signing.BadSignature as error:
        raise NotGenuine from error


def parse_number(text: str) -> str:
    """The canonical permit number of any kind, or ``InvalidNumber`` with the reason."""
    cleaned = text.strip().upper()
    # No prefix is the start of another (TRP, PRP, WP, EXT), so the first match is the one.
    scheme = next((s for s in PERMIT_NUMBERS.values() if cleaned.startswith(s.prefix)), None)
    if scheme is None:
        raise InvalidNumber(_("A permit number starts with TRP, PRP, WP or EXT."))
    return scheme.parse(cleaned)


@dataclass(frozen=True)
class Verdict:
    number: str
    kind: str
    valid_from: date
    valid_to: date
    state: "State"
    initials: str


def verdict(number: str) -> Verdict | None:
    permit = Permit.objects.select_related("application").filter(number=number).first()
    if permit is None:
        return None
    today = clock.today()
    state: State
    if permit.revoked_at is not None:
        state = "revoked"
    elif today < permit.valid_from:
        state = "not_yet_valid"
    elif today > permit.valid_to:
        state = "expired"
    else:
        state = "valid"
    answers = permit.application.answers
    initials = ".".join(
        n[:1] for n in (answers.get("given_names", ""), answers.get("surname", "")) if n
    )
    return Verdict(
        number=permit.number_display,
        kind=permit.get_kind_display(),
        valid_from=permit.valid_from,
        valid_to=permit.valid_to,
        state=state,
        initials=f"{initials}." if initials else "",
    )
