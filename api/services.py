"""Creating and revoking personal access tokens."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from networks.models import User

from .models import TOKEN_PREFIX, AccessToken, Scope, token_digest

LIFETIMES_DAYS = (7, 30, 90, 365)


@transaction.atomic
def access_token_create(*, user: User, name: str, scope: str, days: int) -> tuple[AccessToken, str]:
    """A new token and its secret. The secret is returned once, here, and never stored."""
    if scope not in Scope.values:
        raise ValueError(f"Unknown scope {scope!r}.")
    if days not in LIFETIMES_DAYS:
        raise ValueError(f"A token lasts one of {LIFETIMES_DAYS} days.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user,
        name=name.strip(),
        digest=token_digest(raw),
        hint=raw[: len(TOKEN_PREFIX) + 6],
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, raw


@transaction.atomic
def access_token_revoke(*, token: AccessToken) -> AccessToken:
    """Stop the token working at once. Revoking twice keeps the first date."""
    AccessToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db()
    return token
