"""How a signed-in session finds its account."""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from umis.accounts.models import User


class AccountBackend(ModelBackend):
    """Django's password and permission backend; the account of a session is read with
    its role and agency, which every request's actor needs (one query, not two)."""

    def get_user(self, user_id: Any) -> User | None:
        user = User.objects.select_related("role", "agency").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
