import ipaddress

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied


def client_address(request) -> str | None:
    """The address of the person making the request, for lockouts and rate limits alike.

    Behind TRUSTED_PROXY_COUNT proxies every request comes from the last proxy, so REMOTE_ADDR
    names it, not the person. Each proxy appends the address it was reached from to
    X-Forwarded-For, so the entry that many places from the right is the one our first proxy
    saw; anything further left was written by the client and cannot be trusted.
    """
    address = request.META.get("REMOTE_ADDR")
    trusted = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if trusted and len(forwarded) >= trusted:
        address = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


class AccountAdapter(DefaultAccountAdapter):
    """People join by invitation only: there is no open sign-up."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request) -> str:
        """allauth's rate limits key on the same client address as django-axes' lockouts."""
        address = client_address(request)
        if not address:
            raise PermissionDenied("Unable to determine the client's address.")
        return address


def axes_username(request, credentials):
    """The address someone tried to sign in as, for django-axes to lock (user, address) pairs.

    allauth authenticates with an `email` credential; its form posts the address as `login`.
    """
    credentials = credentials or {}
    email = credentials.get("email") or credentials.get("username") or request.POST.get("login", "")
    return email.strip().lower()
