"""Factories for the foundation's models, and a clock tests can move."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import factory
from factory.django import DjangoModelFactory, Password

from umis.accounts.models import Agency, Role, User

# A password every factory user has unless a test gives another.
PASSWORD = "correct horse battery staple"


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = Role
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"role_{n}")
    name_az = factory.LazyAttribute(lambda role: role.code)
    name_en = factory.LazyAttribute(lambda role: role.code)
    name_ru = factory.LazyAttribute(lambda role: role.code)
    permissions: Any = factory.LazyFunction(list)


def agency(code: str = "SMS") -> Agency:
    """A built-in agency, loaded as reference data after migrate."""
    return Agency.objects.get(code=code)


def role(code: str = "case_worker") -> Role:
    """A built-in role, loaded as reference data after migrate."""
    return Role.objects.get(code=code)


class UserFactory(DjangoModelFactory):
    """An officer of the migration service who has already chosen a password."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"officer{n}")
    first_name = "Aysel"
    last_name = "Məmmədova"
    agency = factory.LazyFunction(agency)
    role = factory.LazyFunction(role)
    preferred_language = "en"
    must_change_password = False
    password = Password(PASSWORD)


@dataclass
class MovableClock:
    """Stands in for ``umis.core.clock.now``; tests move it forward by hand."""

    current: datetime

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current
