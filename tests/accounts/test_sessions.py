"""A signed-in session: found while it lasts, gone when it expires or is signed out."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from factories import UserFactory
from umis.accounts import backends
from umis.accounts.backends import AccountBackend
from umis.accounts.models import Session
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


def test_a_session_names_the_account_signed_in_to_it() -> None:
    # given an officer signed in, and a session of someone not signed in
    officer = UserFactory()
    client = Client()
    client.force_login(officer)
    anonymous = SessionStore()
    anonymous["purpose"] = "counter_service"
    anonymous.save()

    # then the officer's session row names the account, the other none
    assert Session.objects.get(pk=client.session.session_key).account_id == officer.pk
    assert Session.objects.get(pk=anonymous.session_key).account_id is None


def test_a_request_reads_its_account_with_its_session(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a signed-in officer, and no way to read an account on its own
    officer = UserFactory()
    client = Client()
    client.force_login(officer)

    def refuse(user_id: Any) -> None:
        raise AssertionError("the account was read again")

    monkeypatch.setattr(backends, "_account", refuse)

    # when a page is asked for, then the officer is signed in: the account came along
    response = client.get(HOME)
    assert response.status_code == 200
    assert response.wsgi_request.user == officer


def test_a_session_naming_another_account_signs_in_only_its_own_user() -> None:
    # given a session whose row was pointed at another account behind Django's back
    officer, other = UserFactory(), UserFactory()
    client = Client()
    client.force_login(officer)
    Session.objects.update(account=other)

    # then the request is the officer's, read by the session's own data
    response = client.get(HOME)
    assert response.wsgi_request.user == officer
