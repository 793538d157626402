"""Searching the registry is a read of personal data: authorised and audited."""

from umis.audit.services import record
from umis.core.permissions import Actor
from umis.people import events
from umis.people.access import authorise_read
from umis.people.search import SearchCriteria, SearchPage, person_search


def search_persons(*, actor: Actor, criteria: SearchCriteria, purpose: str) -> SearchPage:
    """Run a search for ``actor``; the query, purpose and result count are audited.

    A read needs no transaction of its own: the audit event is written after the
    search, and a failure to write it fails the request with no results shown.
    """
    stated = authorise_read(actor, purpose)
    page = person_search(criteria)
    record(
        actor=actor,
        event=events.PERSON_SEARCHED,
        subject_type="people.person",
        purpose=stated.value,
        extra={"query": criteria.text[:200], "results": page.total},
    )
    return page
