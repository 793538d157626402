"""A signed-in session: found while it lasts, gone when it expires or is signed out."""

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from factories import UserFactory
from umis.accounts.backends import AccountBackend
from umis.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db

HOME = "/"


def test_a_session_carries_its_officer_until_it_expires() -> None:
    # given a signed-in officer
    client = Client()
    client.force_login(UserFactory())
    assert client.get(HOME).status_code == 200

    # when the session's expiry passes
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    # then the next request is sent to sign in
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_unknown_or_ended_session_reads_as_empty_and_loses_its_key() -> None:
    store = SessionStore()
    store["purpose"] = "counter_service"
    store.save()
    key = store.session_key

    assert SessionStore(key).load() == {"purpose": "counter_service"}
    SessionStore(key).delete()  # signed out elsewhere
    ended = SessionStore(key)
    assert ended.load() == {}
    assert ended.session_key is None
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {}
    assert unknown.session_key is None


def test_the_account_of_a_session_comes_with_its_role_and_agency(
    django_assert_num_queries: Any,
) -> None:
    officer = UserFactory()
    lone = UserFactory(role=None, agency=None)
    gone = UserFactory(is_active=False)
    backend = AccountBackend()

    found = backend.get_user(officer.pk)
    assert found == officer
    with django_assert_num_queries(0):  # both came with the account
        assert (found.role, found.agency) == (officer.role, officer.agency)
    alone = backend.get_user(lone.pk)
    assert alone == lone
    with django_assert_num_queries(0):
        assert (alone.role, alone.agency) == (None, None)
    assert backend.get_user(gone.pk) is None  # a deactivated account signs no one in
    assert backend.get_user(officer.pk + lone.pk + gone.pk) is None  # nor an unknown one
