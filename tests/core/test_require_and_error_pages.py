"""``require`` and the pages that refuse: 403 for a missing permission, 404 for nothing."""

import pytest
from django.test import Client

from factories import RoleFactory, UserFactory
from umis.audit.models import AuditEvent
from umis.core.errors import NotAllowed
from umis.core.permissions import Actor, require

CASE_WORKER = Actor(
    user_id=3,
    username="case_worker",
    agency_code="SMS",
    role_code="case_worker",
    permissions=frozenset({"dashboard.view"}),
)


def test_require_passes_a_held_permission() -> None:
    require(CASE_WORKER, "dashboard.view")


def test_require_refuses_a_missing_permission_and_names_it() -> None:
    with pytest.raises(NotAllowed) as refused:
        require(CASE_WORKER, "audit.verify")

    assert refused.value.permission == "audit.verify"


def test_a_system_actor_may_do_everything_unless_limited() -> None:
    require(Actor.system("nightly"), "audit.verify")
    limited = Actor.system("import", permissions=frozenset({"people.import"}))

    assert limited.username == "system:import"
    assert (limited.user_id, limited.agency_code, limited.role_code) == (None, "SMS", "system")
    with pytest.raises(NotAllowed):
        require(limited, "audit.verify")


@pytest.mark.django_db
def test_dashboard_refuses_a_role_without_dashboard_view(english_client: Client) -> None:
    # given an officer whose role does not include the dashboard
    user = UserFactory(role=RoleFactory(code="visitor", permissions=[]))
    english_client.force_login(user)

    # when she opens the start page
    response = english_client.get("/")

    # then she gets the 403 page, and the refused attempt is in the audit trail
    assert response.status_code == 403
    assert "403.html" in [t.name for t in response.templates]
    assert "You are not allowed to see this page" in response.content.decode()
    refusal = AuditEvent.objects.get()
    assert (refusal.event_type, refusal.actor_user_id) == ("access.refused", user.pk)
    assert refusal.extra == {"permission": "dashboard.view", "method": "GET", "path": "/"}


@pytest.mark.django_db
def test_dashboard_shows_the_panels_of_the_role(english_client: Client) -> None:
    english_client.force_login(UserFactory(first_name="Rəşad"))

    response = english_client.get("/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Welcome, Rəşad" in page
    keys = [item["panel"].key for item in response.context["panels"]]
    # the foundation's panels (later apps add their own in between)
    assert [key for key in keys if key.startswith(("work.", "calendar."))] == [
        "work.case_worker",
        "calendar.upcoming",
    ]


@pytest.mark.django_db
def test_dashboard_asks_an_anonymous_visitor_to_sign_in(english_client: Client) -> None:
    response = english_client.get("/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/"


@pytest.mark.django_db
def test_an_unknown_address_shows_the_404_page(english_client: Client) -> None:
    response = english_client.get("/no-such-page/")

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    assert "This page does not exist" in response.content.decode()


@pytest.mark.django_db
def test_healthz_answers_without_signing_in(english_client: Client) -> None:
    response = english_client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
