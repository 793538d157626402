"""The officer dashboard panel: how many possible duplicates wait for review."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from umis.core.dashboard import Panel, register_panel
from umis.core.http import UmisRequest
from umis.identity.selectors import open_pairs_count
from umis.identity.services import REVIEW_PERMISSION


def _review(request: UmisRequest) -> dict[str, Any]:
    return {"open_pairs": open_pairs_count()}


def register() -> None:
    register_panel(
        Panel(
            key="identity.review",
            title=_("Possible duplicates"),
            template="identity/panels/review.html",
            roles=frozenset({"case_worker", "supervisor", "administrator"}),
            permission=REVIEW_PERMISSION,
            order=40,
            context=_review,
        )
    )
