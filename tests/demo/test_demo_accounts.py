"""One demo account per role; running the demo again re-issues only unused passwords."""

import pytest

from umis.accounts.models import User
from umis.core.permissions import Actor
from umis.demo.accounts import DemoAccount, ensure_demo_accounts

pytestmark = pytest.mark.django_db

DEMO = Actor.system("demo")


def test_demo_accounts_cover_every_role_with_a_one_time_password() -> None:
    accounts = ensure_demo_accounts(DEMO)

    assert [(a.username, a.role, a.agency) for a in accounts] == [
        ("front_desk", "front_desk", "SMS"),
        ("case_worker", "case_worker", "SMS"),
        ("supervisor", "supervisor", "SMS"),
        ("inspector", "inspector", "SMS"),
        ("detention_officer", "detention_officer", "SMS"),
        ("analyst", "analyst", "SMS"),
        ("administrator", "administrator", "SMS"),
        ("agency_liaison", "agency_liaison", "MIA"),
    ]
    for account in accounts:
        user = User.objects.get(username=account.username)
        assert account.password is not None
        assert user.check_password(account.password)
        assert user.must_change_password is True
    admin = User.objects.get(username="administrator")
    assert (admin.is_staff, admin.is_superuser) == (True, True)
    assert User.objects.filter(is_staff=True).count() == 1


def test_running_again_keeps_a_password_the_officer_has_chosen() -> None:
    # given demo accounts where the analyst has chosen her own password
    first = {a.username: a.password for a in ensure_demo_accounts(DEMO)}
    analyst = User.objects.get(username="analyst")
    analyst.set_password("Quiet-river-lantern-2026")
    analyst.must_change_password = False
    analyst.save()

    # when the demo prepares its accounts again
    again = ensure_demo_accounts(DEMO)

    # then the analyst keeps hers; the others get fresh one-time passwords
    assert DemoAccount("analyst", "analyst", "SMS", None) in again
    assert User.objects.get(username="analyst").check_password("Quiet-river-lantern-2026")
    fresh = {a.username: a.password for a in again if a.username != "analyst"}
    assert all(password != first[name] for name, password in fresh.items())
    assert User.objects.count() == 8
