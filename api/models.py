"""Personal access tokens for the JSON API: stored as a SHA-256 digest, shown once, scoped, expiring."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import TimeStamped

TOKEN_PREFIX = "plc_"  # noqa: S105 - a visible prefix, not a secret


def token_digest(raw: str) -> str:
    """The stored form of a token. A token is 32 random bytes, so a fast hash is enough: there is
    nothing to guess that a slow one would protect."""
    return hashlib.sha256(raw.encode()).hexdigest()


class Scope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class AccessTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Neither revoked nor past its expiry."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())

    def of(self, user):
        return self.filter(user=user)


class AccessToken(TimeStamped):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(max_length=100, help_text=_("What it is for, so you know it when you see it again."))
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(
        max_length=12, editable=False, help_text=_("The token's first characters, to tell it apart.")
    )
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.READ)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=["read", "write"]), name="access_token_scope_known"),
        ]
        indexes = [models.Index(fields=["user", "created_at"], name="access_token_user_idx")]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @property
    def status(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"

    @property
    def can_write(self) -> bool:
        return self.scope == Scope.WRITE
