"""Engine explanations in the reader's language."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext

from umis.stays.engine import Explanation


def render(explanation: Explanation) -> str:
    return (
        gettext(explanation.message) % explanation.params
        if explanation.params
        else gettext(explanation.message)
    )


def render_stored(parts: Iterable[Mapping[str, Any]]) -> list[str]:
    """Explanations as kept in ``StayStatus.explanation``."""
    return [render(Explanation(p["message"], dict(p.get("params") or {}))) for p in parts]
