import ipaddress

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render


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


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Google Workspace and Microsoft 365 sign in an existing account or complete an invitation;
    they never make an account on their own (networks.sign_in says who may)."""

    def is_open_for_signup(self, request, sociallogin):
        return False

    def get_app(self, request, provider, client_id=None):
        """A provider with no client configured has no sign-in to start: a 404, not an error."""
        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist as missing:
            raise Http404("This way of signing in is not set up.") from missing

    def pre_social_login(self, request, sociallogin):
        from . import services, sign_in

        provider = sociallogin.account.provider
        email, verified = provider_email(sociallogin)
        decision = sign_in.decide(email=email, provider=provider, verified=verified)
        if not decision.refusal and sociallogin.is_existing and sociallogin.user != decision.user:
            decision = sign_in.Decision(refusal="domain")
        if decision.refusal:
            context = context_for(decision, email, sociallogin)
            raise ImmediateHttpResponse(render(request, "account/social_refused.html", context, status=403))
        if sociallogin.is_existing:
            return
        if sociallogin.state.get("process") == "connect":
            # Linking a provider to the signed-in account (allauth links it): only to one's own.
            if decision.user is None or decision.user != request.user:
                raise ImmediateHttpResponse(
                    render(
                        request, "account/social_refused.html", context_for(decision, email, sociallogin), status=403
                    )
                )
            return
        if decision.invitation is not None:
            invitation = decision.invitation
            full_name = sociallogin.account.extra_data.get("name") or sociallogin.account.extra_data.get("displayName")
            try:
                user = services.invitation_accept(invitation=invitation, full_name=(full_name or "")[:150])
            except services.InvitationError as error:
                context = {**context_for(decision, email, sociallogin), "reason": "invitation", "why": str(error)}
                raise ImmediateHttpResponse(
                    render(request, "account/social_refused.html", context, status=403)
                ) from None
            user.set_unusable_password()
            user.save(update_fields=["password"])
            sociallogin.state["next"] = invitation.place.get_absolute_url()
        else:
            user = decision.user
        sociallogin.connect(request, user)


def context_for(decision, email, sociallogin) -> dict:
    return {"reason": decision.refusal or "domain", "email": email, "provider": sociallogin.account.get_provider().name}


def provider_email(sociallogin) -> tuple[str, bool]:
    """The address the provider vouches for, and whether it does.

    Google says whether it verified the address. Microsoft Graph does not; its user principal
    name, unlike `mail`, must be a domain its tenant has verified, so that is the one taken.
    """
    from .models import SignInProvider

    if sociallogin.account.provider == SignInProvider.MICROSOFT:
        return sociallogin.account.extra_data.get("userPrincipalName", ""), True
    for address in sociallogin.email_addresses:
        if address.primary or len(sociallogin.email_addresses) == 1:
            return address.email, bool(address.verified)
    return "", False
