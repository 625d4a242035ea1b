"""Which email domains of a consortium may sign in with Google Workspace or Microsoft 365."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import erasable_person
from .places import Consortium, TimeStamped


class SignInProvider(models.TextChoices):
    GOOGLE = "google", "Google Workspace"
    MICROSOFT = "microsoft", "Microsoft 365"


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower() if "@" in email else ""


class SignInDomain(TimeStamped):
    """Staff of the consortium vouch that accounts of this domain at this provider are its people's
    (their schools' own Workspace or Microsoft 365 tenant), so its addresses count as theirs."""

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="sign_in_domains")
    provider = models.CharField(max_length=20, choices=SignInProvider.choices)
    domain = models.CharField(max_length=253, help_text=_("For example: hwbcymru.net or ysgol-llanwern.cymru."))
    added_by = erasable_person()

    class Meta:
        ordering = ["domain", "provider"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "provider", "domain"], name="sign_in_domain_unique"),
        ]
        indexes = [models.Index(fields=["domain", "provider"], name="sign_in_domain_lookup_idx")]

    def __str__(self):
        return f"{self.domain} ({self.get_provider_display()})"
