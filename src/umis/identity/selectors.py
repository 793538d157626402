"""Reads of identity resolution: the review queue and the merges."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from umis.identity.models import CandidatePair, Merge

PAGE_SIZE = 25


def review_queue(status: str, page: int) -> Page[CandidatePair]:
    """Pairs with ``status``, the likeliest first."""
    pairs = CandidatePair.objects.filter(status=status).select_related("first", "second")
    ordered = pairs.order_by("-match_probability", "pk")
    return Paginator(ordered, PAGE_SIZE).get_page(page)


def open_pairs_count() -> int:
    return CandidatePair.objects.filter(status=CandidatePair.Status.OPEN).count()


def merges_awaiting() -> QuerySet[Merge]:
    return (
        Merge.objects.filter(status=Merge.Status.AWAITING_APPROVAL)
        .select_related("survivor", "absorbed")
        .order_by("requested_at")
    )


def merges_recent(limit: int = 50) -> QuerySet[Merge]:
    return (
        Merge.objects.exclude(status=Merge.Status.AWAITING_APPROVAL)
        .select_related("survivor", "absorbed")
        .order_by("-requested_at")[:limit]
    )
