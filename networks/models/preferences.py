"""What each person wants emailed (self-review notices, enquiry comments, activities)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .places import TimeStamped


class EmailPreference(TimeStamped):
    """What a person wants emailed. No row means the defaults: everything on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference")
    review_invitations = models.BooleanField(
        _("self-review openings"), default=True, help_text=_("When a self-review round opens for you.")
    )
    review_reminders = models.BooleanField(
        _("self-review reminders"), default=True, help_text=_("When a round you have not answered is about to close.")
    )
    leader_summaries = models.BooleanField(
        _("summaries for leaders"), default=True, help_text=_("When a round you lead closes, or the next one is due.")
    )

    enquiry_comments = models.BooleanField(
        _("comments on enquiries"), default=True, help_text=_("When a critical friend comments on an enquiry of yours.")
    )
    activity_updates = models.BooleanField(
        _("activities"), default=True, help_text=_("When you are invited to an activity, or it changes.")
    )
    cost_approvals = models.BooleanField(
        _("costs to approve"),
        default=True,
        help_text=_("When costs of an activity wait for your approval as a school lead."),
    )
    support_requests = models.BooleanField(
        _("support requests and reviews"),
        default=True,
        help_text=_("When you are asked to be a critical friend, or proposals answer a request of yours."),
    )

    def __str__(self):
        return f"Email preferences of {self.user_id}"

    @classmethod
    def wants(cls, user, field: str) -> bool:
        """Whether the person wants this kind of email (no row means yes to everything)."""
        preference = cls.objects.filter(user=user).first()
        return preference is None or getattr(preference, field)
