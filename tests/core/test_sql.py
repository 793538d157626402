"""Raw statements on the hot paths: prepared on PostgreSQL, read back as the ORM reads."""

import pytest
from django.db import connection

from factories import UserFactory
from umis.accounts.models import Role, User
from umis.core.sql import columns, fetch_prepared, in_list, instance, list_param

pytestmark = pytest.mark.django_db

ROLE_FIELDS = ("id", "code", "permissions", "customised")
USER_FIELDS = ("id", "username", "is_active", "last_login", "date_joined")


def _table(model: type[Role] | type[User]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def test_a_list_is_one_parameter_and_the_rows_come_back_as_tuples() -> None:
    codes = list(Role.objects.order_by("code").values_list("code", flat=True)[:2])

    rows = fetch_prepared(
        f"SELECT code FROM {_table(Role)} WHERE {in_list('code')} ORDER BY code",  # noqa: S608
        [list_param(codes)],
    )

    assert rows == [(code,) for code in codes]


def test_a_list_of_texts_keeps_every_character_and_a_list_of_numbers_compares_as_numbers() -> None:
    awkward = ['say "hi"', "back\\slash", "a,b", "{braces}", "NULL", " spaced ", "Məmmədov", ""]
    Role.objects.bulk_create([Role(code=code) for code in [*awkward, "other"]])

    rows = fetch_prepared(
        f"SELECT code FROM {_table(Role)} WHERE {in_list('code')}",  # noqa: S608
        [list_param(awkward)],
    )
    ids = list(Role.objects.filter(code__in=awkward[:2]).values_list("id", flat=True))
    by_id = fetch_prepared(
        f"SELECT code FROM {_table(Role)} WHERE {in_list('id')}",  # noqa: S608
        [list_param(ids)],
    )

    assert sorted(code for (code,) in rows) == sorted(awkward)
    assert sorted(code for (code,) in by_id) == sorted(awkward[:2])
    with pytest.raises(TypeError):
        list_param([1.5])  # type: ignore[list-item]


def test_a_statement_returning_nothing_gives_no_rows() -> None:
    assert fetch_prepared(f"UPDATE {_table(Role)} SET customised = customised", []) == []  # noqa: S608


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")
def test_postgresql_prepares_the_statement_once_and_keeps_its_generic_plan() -> None:
    sql = f"SELECT code FROM {_table(Role)} WHERE id = %s"  # noqa: S608
    role = Role.objects.first()
    assert role is not None

    for _ in range(3):
        assert fetch_prepared(sql, [role.pk]) == [(role.code,)]

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            [f"SELECT code FROM {_table(Role)} WHERE id = $1"],  # noqa: S608 (a pattern)
        )
        assert cursor.fetchall() == [(3, 0)]
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone() == ("force_generic_plan",)


def test_rows_become_instances_converted_as_the_orm_converts_them() -> None:
    # given a role with permissions (JSON) and an officer who has signed in
    role = Role.objects.create(code="tester", permissions=["people.view"], customised=True)
    user = UserFactory(role=role, is_active=False)
    User.objects.filter(pk=user.pk).update(last_login=user.date_joined)

    # when both are read by raw statements
    role_row = fetch_prepared(
        f"SELECT {columns(Role, ROLE_FIELDS)} FROM {_table(Role)} WHERE id = %s",  # noqa: S608
        [role.pk],
    )[0]
    user_row = fetch_prepared(
        f"SELECT {columns(User, USER_FIELDS, 'u')} FROM {_table(User)} u WHERE u.id = %s",  # noqa: S608
        [user.pk],
    )[0]
    read_role = instance(Role, ROLE_FIELDS, role_row)
    read_user = instance(User, USER_FIELDS, user_row)

    # then they hold what the ORM would give, whatever the database
    assert isinstance(read_role, Role)
    assert (read_role.permissions, read_role.customised) == (["people.view"], True)
    assert isinstance(read_user, User)
    assert read_user.is_active is False
    assert read_user.last_login == user.date_joined == read_user.date_joined
    # and a field not read is loaded when used
    assert read_user.get_deferred_fields() >= {"email", "role_id"}
    assert read_user.role_id == role.pk
