"""The permission primitive every app uses: an actor and ``require``.

An actor is who is acting (user), for which agency and in which role. Views build
it from the logged-in user; command-line tools and tasks use ``Actor.system``.
Permissions are plain string codes (``"people.view"``); roles hold sets of them
as data (see ``accounts.Role``).
"""

from dataclasses import dataclass, field

from umis.core.errors import NotAllowed

SYSTEM_AGENCY = "SMS"


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    agency_code: str
    role_code: str
    permissions: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def system(cls, name: str, *, permissions: frozenset[str] | None = None) -> "Actor":
        """An actor for command-line tools and background tasks."""
        return cls(
            user_id=None,
            username=f"system:{name}",
            agency_code=SYSTEM_AGENCY,
            role_code="system",
            permissions=permissions if permissions is not None else frozenset({"*"}),
        )

    def can(self, permission: str) -> bool:
        return "*" in self.permissions or permission in self.permissions


def require(actor: Actor, permission: str) -> None:
    """Refuse unless ``actor`` holds ``permission``."""
    if not actor.can(permission):
        raise NotAllowed(permission)
