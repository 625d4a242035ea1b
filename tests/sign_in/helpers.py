import itertools
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from ..factories import PASSWORD

# Each sign-in from its own address: allauth's rate limit (30 sign-ins a minute from one address)
# counts in the cache, which outlives a test.
ADDRESSES = (f"198.51.100.{n}" for n in itertools.cycle(range(1, 255)))


def sign_in(client, user, password=PASSWORD):
    """Through allauth's sign-in form, as a person does (the session is listed among theirs)."""
    address = next(ADDRESSES)
    response = client.post(reverse("account_login"), {"login": user.email, "password": password}, REMOTE_ADDR=address)
    assert response.status_code == 302, response.content[:500]
    return response


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for the secret."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def signed_in(client) -> bool:
    return client.get(reverse("networks:profile")).status_code == 200
