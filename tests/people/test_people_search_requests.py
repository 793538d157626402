"""The search request's fixed cost cut without weakening its checks: every request
reads the account, role and agency as they are now, and writes only what changed."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, set_script_prefix
from test_people_views import HX, officer_client, registered

from umis.accounts.models import Role, Session, User
from umis.audit.models import AuditEvent
from umis.people import events
from umis.people.forms import SearchForm
from umis.people.inputs import NameInput
from umis.people.models import PERSON_NUMBERS
from umis.people.search import SearchCriteria, person_search
from umis.people.views.common import profile_links

pytestmark = pytest.mark.django_db

QUERY = {"q": "IVANOV", "purpose": "counter_service"}


@pytest.fixture
def officer(client: Client) -> Client:
    registered([NameInput("IVANOV", "IVAN")])
    return officer_client(client)


def _searched() -> int:
    return AuditEvent.objects.filter(event_type=events.PERSON_SEARCHED).count()


def test_an_account_deactivated_between_two_searches_is_refused_at_once(officer: Client) -> None:
    # given an officer who has just searched
    assert officer.get("/people/results", QUERY, **HX).status_code == 200

    # when the account is deactivated and the officer searches again
    User.objects.filter(username="officer_front_desk").update(is_active=False)
    response = officer.get("/people/results", QUERY, **HX)

    # then the request is sent to sign in and nothing more is read
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert _searched() == 1


def test_a_permission_taken_from_the_role_counts_at_the_next_request(officer: Client) -> None:
    # given an officer who has just searched
    assert officer.get("/people/results", QUERY, **HX).status_code == 200

    # when the role loses the permission to view persons
    role = Role.objects.get(code="front_desk")
    role.permissions = [p for p in role.permissions if p != "people.view"]
    role.save()
    response = officer.get("/people/results", QUERY, **HX)

    # then the next search is refused and no search is recorded
    assert response.status_code == 403
    assert _searched() == 1


def test_the_session_is_not_written_again_for_the_same_purpose(officer: Client) -> None:
    # given an officer who has searched for a purpose
    officer.get("/people/results", QUERY, **HX)

    # when they search again for the same purpose, then for another
    with CaptureQueriesContext(connection) as same:
        officer.get("/people/results", QUERY, **HX)
    with CaptureQueriesContext(connection) as other:
        officer.get("/people/results", {**QUERY, "purpose": "case_work"}, **HX)

    # then only the change of purpose writes the session
    assert _session_writes(same) == []
    assert len(_session_writes(other)) == 1


def _session_writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        query["sql"]
        for query in queries
        if query["sql"].startswith(("UPDATE", "INSERT")) and Session._meta.db_table in query["sql"]
    ]


def test_a_page_comes_with_its_names_and_citizenships() -> None:
    # given persons found by name, one of them with two names
    registered([NameInput("IVANOV", "IVAN"), NameInput("Иванов", "Иван", kind="original")])
    registered([NameInput("IVANOVA", "IVANA")], born="1985-03-14")

    # when the page is read, then showing the persons needs no further query
    page = person_search(SearchCriteria("IVANOV IVAN"))
    with CaptureQueriesContext(connection) as shown:
        numbers = [hit.person.number_display for hit in page.hits]
        born = [str(hit.person.birth_date) for hit in page.hits]

    first = page.hits[0]
    assert first.names == ["IVANOV IVAN", "Иванов Иван"]
    assert first.primary_name == "IVANOV IVAN"
    assert first.citizenships == ["RUS"]
    assert len(numbers) == len(born) == 2
    assert len(shown) == 0


def test_search_forms_share_their_fixed_choices_but_not_their_widgets() -> None:
    # given two search forms, as two requests make them
    first, second = SearchForm(), SearchForm()

    # then the lists of choices are one, read by both
    for name in ("purpose", "sex", "birth_mode"):
        assert first.fields[name].choices is second.fields[name].choices  # type: ignore[attr-defined]

    # and what one request changes on its form stays on it
    first.fields["purpose"].widget.attrs["data-changed"] = "yes"
    assert "data-changed" not in second.fields["purpose"].widget.attrs
    assert "hx-get" not in second.fields["q"].widget.attrs  # live() is per form
    first.live()
    assert "hx-get" not in second.fields["q"].widget.attrs


@pytest.mark.parametrize("script_prefix", ["/", f"/{PERSON_NUMBERS.make(1)}/"])
def test_profile_links_are_the_profile_route_with_the_purpose(script_prefix: str) -> None:
    # given the site served under a prefix, even one that reads like a person number
    set_script_prefix(script_prefix)
    try:
        # when links are made for a page of persons
        link = profile_links("case_work")

        # then each is the route reversed for that person, with the purpose
        for sequence in (1, 42, 999_999_999):
            number = PERSON_NUMBERS.make(sequence)
            expected = reverse("people:profile", args=[number])
            assert link(number) == f"{expected}?purpose=case_work"
            assert expected.startswith(script_prefix)
    finally:
        set_script_prefix("/")


def test_the_results_table_escapes_what_was_typed_into_a_record(officer: Client) -> None:
    # given a person whose alias holds markup
    registered([NameInput("IVANOV", "IVAN"), NameInput("IVANOV", "<b>IVAN</b>", kind="alias")])

    # when an officer searches
    response = officer.get("/people/results", QUERY, **HX)

    # then the alias is shown as text, in a table of a row per person found
    html = response.content.decode()
    assert "<li>IVANOV &lt;b&gt;IVAN&lt;/b&gt;</li>" in html
    assert "<b>IVAN</b>" not in html
    assert html.count('<tr><th scope="row">') == response.context["page"].total > 0
