"""Built-in agencies and roles come from reference data; an actor carries its role's permissions."""

import pytest

from factories import RoleFactory, UserFactory, agency, role
from umis.accounts.actors import ANONYMOUS, actor_for
from umis.accounts.models import Agency, Role
from umis.accounts.reference import ROLE_NAMES, ROLE_PERMISSIONS, load_roles
from umis.core.permissions import Actor

pytestmark = pytest.mark.django_db

# The foundation's own permissions per role; later apps add their own namespaces.
FOUNDATION_NAMESPACES = ("dashboard.", "audit.", "calendar.", "accounts.", "reference.")
EXPECTED_PERMISSIONS = {
    "administrator": [
        "dashboard.view",
        "audit.view",
        "audit.verify",
        "calendar.manage",
        "accounts.manage",
        "reference.manage",
    ],
    "agency_liaison": ["dashboard.view"],
    "analyst": ["dashboard.view"],
    "case_worker": ["dashboard.view"],
    "detention_officer": ["dashboard.view"],
    "front_desk": ["dashboard.view"],
    "inspector": ["dashboard.view"],
    "supervisor": ["dashboard.view", "audit.view"],
}


def foundation_permissions(permissions: list[str]) -> list[str]:
    return [p for p in permissions if p.startswith(FOUNDATION_NAMESPACES)]


def test_every_built_in_role_is_loaded_with_the_shipped_permissions() -> None:
    roles = {r.code: r.permissions for r in Role.objects.filter(code__in=ROLE_NAMES)}

    assert sorted(roles) == sorted(EXPECTED_PERMISSIONS)
    assert roles == ROLE_PERMISSIONS


def test_the_foundation_grants_its_permissions_to_each_role() -> None:
    granted = {code: foundation_permissions(perms) for code, perms in ROLE_PERMISSIONS.items()}

    assert granted == EXPECTED_PERMISSIONS


@pytest.mark.parametrize("code", sorted(EXPECTED_PERMISSIONS))
def test_an_officer_acts_with_the_permissions_of_the_role(code: str) -> None:
    user = UserFactory(username=f"officer_{code}", role=role(code))

    assert actor_for(user) == Actor(
        user_id=user.pk,
        username=f"officer_{code}",
        agency_code="SMS",
        role_code=code,
        permissions=frozenset(ROLE_PERMISSIONS[code]),
    )
    assert set(EXPECTED_PERMISSIONS[code]) <= actor_for(user).permissions


def test_the_government_agencies_are_loaded() -> None:
    assert list(Agency.objects.values_list("code", "kind")) == [
        ("MFA", "foreign"),
        ("MIA", "police"),
        ("MLSP", "labour"),
        ("SBS", "border"),
        ("SMS", "migration"),
        ("SSS", "security"),
        ("STS", "tax"),
    ]
    assert all(a.is_government for a in Agency.objects.all())


def test_reloading_restores_a_role_nobody_customised() -> None:
    Role.objects.filter(code="analyst").update(permissions=["dashboard.view", "audit.verify"])

    load_roles()

    assert role("analyst").permissions == ROLE_PERMISSIONS["analyst"]


def test_reloading_keeps_a_role_an_administrator_customised() -> None:
    Role.objects.filter(code="analyst").update(
        permissions=["dashboard.view", "audit.view"], customised=True
    )

    load_roles()

    assert role("analyst").permissions == ["dashboard.view", "audit.view"]


def test_an_inactive_or_anonymous_user_is_the_anonymous_actor() -> None:
    from django.contrib.auth.models import AnonymousUser

    assert actor_for(UserFactory(is_active=False)) == ANONYMOUS
    assert actor_for(AnonymousUser()) == ANONYMOUS
    assert ANONYMOUS.can("dashboard.view") is False


def test_an_officer_without_a_role_has_no_permissions() -> None:
    user = UserFactory(role=None, agency=agency("MIA"))

    assert actor_for(user).permissions == frozenset()
    assert actor_for(user).role_code == ""
    assert actor_for(user).agency_code == "MIA"


def test_a_custom_role_grants_exactly_its_permissions() -> None:
    user = UserFactory(role=RoleFactory(code="auditor", permissions=["audit.view"]))

    assert actor_for(user).permissions == frozenset({"audit.view"})
