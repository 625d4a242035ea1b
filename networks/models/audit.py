"""The audit trail: who did what and when, for the changes a consortium answers for.

A row is written once, in the same transaction as the change it records, and never changed
afterwards: `save()` of an existing row, `delete()` and the QuerySet's `update()`/`delete()` refuse
(networks.models.written_once), the admin offers no add, change or delete, and on PostgreSQL a
trigger refuses UPDATE and DELETE
(networks/migrations/0013_audit_event.py).

One change is allowed, because erasure (UK GDPR article 17) needs it: a link to a person, a
consortium or a kind of thing may be forgotten, set to NULL, when what it points at is deleted
(`on_delete=SET_NULL`). The trigger lets exactly that through and nothing else: no other column may
change, and no link may be set or pointed elsewhere. Rows hold no names, addresses or free text,
only links, choices, numbers and places' names, so an erased person's rows then read "a former
member" and nothing in them identifies them.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fields import erasable_person
from .places import Consortium
from .written_once import WrittenOnce, WrittenOnceQuerySet


class AuditTrailReadOnly(Exception):
    """Something tried to change or delete a recorded event."""


class AuditAction(models.TextChoices):
    MEMBERSHIP_ADDED = "membership_added", _("Role given")
    ROLE_CHANGED = "role_changed", _("Role changed")
    MEMBERSHIP_REMOVED = "membership_removed", _("Role taken away")
    SHARING_CHANGED = "sharing_changed", _("Enquiry sharing changed")
    COST_APPROVED = "cost_approved", _("Costs approved")
    BOOKING_MADE = "booking_made", _("Booked")
    BOOKING_MOVED = "booking_moved", _("Booking moved")
    BOOKING_CANCELLED = "booking_cancelled", _("Booking cancelled")
    DATA_EXPORTED = "data_exported", _("Copy of personal data asked for")
    DATA_DOWNLOADED = "data_downloaded", _("Copy of personal data downloaded")
    TRAIL_DOWNLOADED = "trail_downloaded", _("Audit trail downloaded")
    ACCOUNT_ERASED = "account_erased", _("Account erased")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")


# Events about a person other than (or as well as) the one who acted: their row names them as
# the subject, and once that person is erased it reads "a former member".
ACTIONS_WITH_SUBJECT = {
    AuditAction.MEMBERSHIP_ADDED,
    AuditAction.ROLE_CHANGED,
    AuditAction.MEMBERSHIP_REMOVED,
    AuditAction.ACCOUNT_ERASED,
    AuditAction.SIGN_IN_FAILED,
}


class AuditEventQuerySet(WrittenOnceQuerySet):
    def of_consortium(self, consortium):
        return self.filter(consortium=consortium)


class AuditEvent(WrittenOnce):
    """One thing a person did (or tried: a failed sign-in). No `updated_at`: a row never changes."""

    written_once_error = AuditTrailReadOnly
    change_refused = "The audit trail cannot be changed."
    delete_refused = "The audit trail cannot be deleted."

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    action = models.CharField(max_length=30, choices=AuditAction.choices)
    actor = erasable_person(
        related_name="+", help_text="Who did it; empty for a failed sign-in, or once the person is erased."
    )
    subject = erasable_person(related_name="+", help_text="The person it was done to: whose role, whose account.")
    # Whose trail it is. Indexed with the time below (the page's filter), so no index of its own.
    consortium = models.ForeignKey(
        Consortium, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True, help_text="Choices, numbers and places; never personal data.")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["consortium", "-created_at", "-id"], name="audit_consortium_time_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def target_label(self) -> str:
        """The kind of thing and its number ("enquiry 12"): its title may be someone's words."""
        if self.target_type is None or self.target_id is None:
            return ""
        return f"{self.target_type.name} {self.target_id}"
