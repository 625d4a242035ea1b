"""The sign-in policy a session carries: when it began, when it was last used, and whether its
person still owes two-step sign-in.

Each is a value in the session itself, read on every request at no cost (the session is loaded
to know who is signed in). Two-step sign-in is worked out once, at sign-in; a session that owes it
is checked again on its next request (one query) until it is set up, and an officer giving
someone a role that needs it marks that person's sessions to be checked (services).
"""

from __future__ import annotations

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings

from .permissions import two_step_required

SIGNED_IN_AT = "policy.signed_in_at"
SEEN_AT = "policy.seen_at"
TWO_STEP_OWED = "policy.two_step_owed"

IDLE = "idle"
ABSOLUTE = "absolute"


def two_step_owed(user) -> bool:
    """Whether the person must set up two-step sign-in before anything else."""
    return (
        settings.REQUIRE_TWO_STEP
        and two_step_required(user)
        and not is_mfa_enabled(user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])
    )


def session_begin(session, user, now: float | None = None) -> None:
    """At sign-in: the session's clocks start, and two-step sign-in is worked out once."""
    now = int(time.time() if now is None else now)
    session[SIGNED_IN_AT] = session[SEEN_AT] = now
    if two_step_owed(user):
        session[TWO_STEP_OWED] = True
    else:
        session.pop(TWO_STEP_OWED, None)


def session_ended(session, now: float) -> str | None:
    """IDLE or ABSOLUTE when the session has outlived a limit, else None."""
    signed_in_at = session.get(SIGNED_IN_AT)
    if signed_in_at is None:
        return None
    if now - signed_in_at >= settings.SESSION_ABSOLUTE_LIFETIME:
        return ABSOLUTE
    if now - session.get(SEEN_AT, signed_in_at) >= settings.SESSION_IDLE_TIMEOUT:
        return IDLE
    return None


def session_seen(session, now: float) -> None:
    """Note the session was used; written only when the stamp is over SESSION_SEEN_EVERY seconds old
    (a minute), so a busy session costs no write per request.

    A session from before this policy (no stamps) starts its clocks now.
    """
    now = int(now)
    if SIGNED_IN_AT not in session:
        session[SIGNED_IN_AT] = session[SEEN_AT] = now
    elif now - session.get(SEEN_AT, 0) > settings.SESSION_SEEN_EVERY:
        session[SEEN_AT] = now
