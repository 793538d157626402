"""The registry of audit event types.

Each app registers its event codes with a translatable label at start-up, so a
typo in a code fails loudly and the audit screens can name every event.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_registry: dict[str, Promise] = {}


class UnknownEvent(LookupError):
    pass


def register(code: str, label: Promise) -> str:
    _registry[code] = label
    return code


def label(code: str) -> str:
    if code not in _registry:
        raise UnknownEvent(code)
    return str(_registry[code])


def ensure_known(code: str) -> None:
    if code not in _registry:
        raise UnknownEvent(f"audit event type {code!r} is not registered")


AUDIT_VERIFIED = register("audit.verified", _("Audit chain verified"))
ACCESS_REFUSED = register("access.refused", _("Access refused: the role lacks the permission"))
