"""Signing in with Google Workspace or Microsoft 365: who may, and as whom.

Nobody gets an account by signing in with a provider. A person signs in
- as the existing account with the same email address, or
- by completing a pending invitation to that address (the account is made then, as when the
  invitation's link is followed),
and only when a consortium the person belongs to (or is invited into) has allowed the address's
domain for that provider. The allowed domain is what makes the provider's word on the address
trustworthy: its staff vouch that the domain's accounts at that provider are their people's.
Google must also say it verified the address.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Invitation, SignInDomain, User, email_domain
from .permissions import consortium_ids_for


@dataclass
class Decision:
    user: User | None = None
    invitation: Invitation | None = None
    refusal: str = ""  # "domain", "uninvited" or "unverified"


def _invitation_consortium_id(invitation: Invitation) -> int:
    place = invitation.place
    return place.pk if invitation.consortium_id else place.consortium_id


def _allowed(consortium_ids, provider: str, email: str) -> bool:
    return SignInDomain.objects.filter(
        consortium_id__in=consortium_ids, provider=provider, domain=email_domain(email)
    ).exists()


def decide(*, email: str, provider: str, verified: bool) -> Decision:
    email = (email or "").strip().lower()
    if not email or not verified:
        return Decision(refusal="unverified")
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is not None:
        return (
            Decision(user=user) if _allowed(consortium_ids_for(user), provider, email) else Decision(refusal="domain")
        )
    invitations = list(
        Invitation.objects.pending()
        .for_email(email)
        .select_related("consortium", "network", "school")
        .order_by("-created_at")
    )
    if not invitations:
        return Decision(refusal="uninvited")
    for invitation in invitations:
        if _allowed({_invitation_consortium_id(invitation)}, provider, email):
            return Decision(invitation=invitation)
    return Decision(refusal="domain")
