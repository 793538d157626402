"""The officer's home page: panels that apps register for the roles they serve.

A lower app owns the page; higher apps add panels at start-up through
``register_panel`` so the page never names them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from umis.core.http import UmisRequest

ContextBuilder = Callable[[UmisRequest], dict[str, Any]]


@dataclass(frozen=True)
class Panel:
    key: str
    title: Promise
    template: str
    roles: frozenset[str] = field(default_factory=frozenset)  # empty: every role
    permission: str | None = None
    order: int = 100
    context: ContextBuilder | None = None

    def shown_to(self, role_code: str, can: Callable[[str], bool]) -> bool:
        if self.roles and role_code not in self.roles:
            return False
        return self.permission is None or can(self.permission)


_panels: dict[str, Panel] = {}


def register_panel(panel: Panel) -> None:
    _panels[panel.key] = panel


def panels_for(request: UmisRequest) -> list[dict[str, Any]]:
    actor = request.actor
    shown = [p for p in _panels.values() if p.shown_to(actor.role_code, actor.can)]
    return [
        {"panel": panel, **(panel.context(request) if panel.context else {})}
        for panel in sorted(shown, key=lambda p: (p.order, p.key))
    ]
