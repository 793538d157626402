"""What the API tests share: bearer tokens of officers in a given role."""

from collections.abc import Callable

import pytest

from factories import UserFactory, role
from umis.accounts.tokens import api_token_issue
from umis.core.permissions import Actor


@pytest.fixture
def token_for() -> Callable[[str], str]:
    """Issues a bearer token to a new officer holding the role named."""

    def issue(role_code: str) -> str:
        user = UserFactory(role=role(role_code))
        return api_token_issue(actor=Actor.system("tests"), user=user, name="tests")

    return issue


@pytest.fixture
def token(token_for: Callable[[str], str]) -> str:
    """A front-desk officer's token: registers and reads persons."""
    return token_for("front_desk")
