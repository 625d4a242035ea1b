"""Who is calling: a personal access token (Bearer), or the signed-in session of the browser."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import SimpleRateThrottle

from .models import AccessToken, token_digest

# last_used_at is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=5)


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        if not token or len(token) > 200:
            return None
        found = AccessToken.objects.usable().select_related("user").filter(digest=token_digest(token)).first()
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_RESOLUTION:
            AccessToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        request.api_token = found
        return found


class BrowserSession(SessionAuth):
    """The platform's own pages and the docs page call the API as the signed-in person (with CSRF)."""

    def _get_key(self, request):
        # Without a session cookie there is no session to protect: skip the CSRF check, so the
        # answer is a 401 (no credentials), not a 403 about CSRF.
        if self.param_name not in request.COOKIES:
            return None
        # A request that sends a token stands or falls by it: a revoked one is not rescued by the
        # browser's session cookie.
        if "Authorization" in request.headers:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        if key is None:  # no session cookie, or a token was sent (see _get_key)
            return None
        user = super().authenticate(request, key)
        if user is not None:
            request.api_token = None
        return user


AUTH = [TokenAuth(), BrowserSession()]


def require_write(request) -> None:
    """A read-only token may not change anything; a browser session may (the person, with CSRF)."""
    token = getattr(request, "api_token", None)
    if token is not None and not token.can_write:
        raise HttpError(403, gettext("This token is read only: create a read and write token to change things."))


class PerTokenThrottle(SimpleRateThrottle):
    """API_RATE_LIMIT (e.g. "120/m") per token; per person for browser sessions."""

    scope = "api"

    def __init__(self):
        super().__init__(settings.API_RATE_LIMIT)

    def allow_request(self, request):
        """The limit is read on each request, so a change of setting applies without a restart."""
        self.rate = settings.API_RATE_LIMIT
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request):
        token = getattr(request, "api_token", None)
        ident = f"token-{token.digest[:32]}" if token is not None else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
