"""Background work of the stays app."""

from django.tasks import task

from umis.stays.daily import all_statuses_refresh
from umis.stays.refresh import statuses_refresh


@task()
def stay_statuses_refresh(*, person_ids: list[int]) -> int:
    """Refresh the stored stay status of a few persons (after a crossing is committed)."""
    return statuses_refresh(person_ids)


@task()
def stay_statuses_refresh_daily() -> int:
    """The daily refresh of every person's stored stay status (run by the scheduler),
    set-based; returns how many persons are present."""
    return all_statuses_refresh().present
