"""Notices: one row per email the platform owes someone, so none is sent twice or lost.

A sweep creates the rows that are due (unique on round, person and kind); workers claim them
with SELECT ... FOR UPDATE SKIP LOCKED and mark them sent in the same transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .places import Network, TimeStamped
from .review import ReviewRound


class NoticeKind(models.TextChoices):
    ROUND_OPENED = "round_opened", "A self-review round has opened"
    REMINDER = "reminder", "Reminder to answer a self-review"
    ROUND_CLOSED = "round_closed", "Summary of a closed round (leaders)"
    REVIEW_DUE = "review_due", "The next self-review is due (leaders)"


class NoticeQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(sent_at__isnull=True, due_at__lte=now)


class Notice(TimeStamped):
    """An email owed to one person. `kind` carries a qualifier where one round needs several of
    a kind (reminder:7, reminder:2); `review_due:2027-01-05` for a network's due date."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    round = models.ForeignKey(ReviewRound, null=True, blank=True, on_delete=models.CASCADE, related_name="notices")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=40)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    skipped = models.BooleanField(default=False, help_text="Not sent: the person turned these emails off.")

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user", "kind"], condition=Q(round__isnull=False), name="notice_once_per_round"
            ),
            models.UniqueConstraint(
                fields=["network", "user", "kind"], condition=Q(round__isnull=True), name="notice_once_per_network"
            ),
        ]
        indexes = [models.Index(fields=["sent_at", "due_at"], name="notice_due_idx")]

    def __str__(self):
        return f"{self.kind} for {self.user_id}"


class EmailPreference(TimeStamped):
    """What a person wants emailed. No row means the defaults: everything on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference")
    review_invitations = models.BooleanField(
        "self-review openings", default=True, help_text="When a self-review round opens for you."
    )
    review_reminders = models.BooleanField(
        "self-review reminders", default=True, help_text="When a round you have not answered is about to close."
    )
    leader_summaries = models.BooleanField(
        "summaries for leaders", default=True, help_text="When a round you lead closes, or the next one is due."
    )

    enquiry_comments = models.BooleanField(
        "comments on enquiries", default=True, help_text="When a critical friend comments on an enquiry of yours."
    )
    activity_updates = models.BooleanField(
        "activities", default=True, help_text="When you are invited to an activity, or it changes."
    )

    def __str__(self):
        return f"Email preferences of {self.user_id}"

    @classmethod
    def wants(cls, user, field: str) -> bool:
        """Whether the person wants this kind of email (no row means yes to everything)."""
        preference = cls.objects.filter(user=user).first()
        return preference is None or getattr(preference, field)
