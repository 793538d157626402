"""Issuing and checking API bearer tokens: ``umis_<prefix>_<secret>``."""

import hashlib
import hmac
import secrets
from datetime import datetime

from django.db import transaction

from umis.accounts import events
from umis.accounts.models import ApiToken, User
from umis.audit.services import record
from umis.core import clock
from umis.core.permissions import Actor

TOKEN_PREFIX = "umis"  # noqa: S105 (a label, not a secret)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_issue(
    *, actor: Actor, user: User, name: str, expires_at: datetime | None = None
) -> str:
    """Create a token for ``user``; the returned text is the only copy of the secret."""
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, secret_hash=_hash(secret), expires_at=expires_at
    )
    record(
        actor=actor,
        event=events.API_TOKEN_ISSUED,
        subject=user,
        extra={"token": token.prefix, "name": name},
    )
    return f"{TOKEN_PREFIX}_{prefix}_{secret}"


def api_token_user(text: str) -> User | None:
    """The active user a presented token belongs to, or None for any bad token."""
    parts = text.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(parts[2])):
        return None
    now = clock.now()
    if token.revoked_at or (token.expires_at and token.expires_at <= now):
        return None
    if not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
