"""The knowledge-exchange digest: who opted in, and each run, once per consortium and period.

A run is unique on (consortium, period). Each recipient gets a delivery row, unique on (run,
person); workers claim due rows with SELECT ... FOR UPDATE SKIP LOCKED and mark them sent in the
same transaction as the email goes, so a digest is never sent twice to one person, nor lost.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from networks.models import Consortium, TimeStamped


class DigestSubscription(TimeStamped):
    """A person's choice to receive a consortium's digest (opt in: no row means no digest)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscriptions")
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="digest_subscriptions")

    class Meta:
        ordering = ["consortium__name"]
        constraints = [models.UniqueConstraint(fields=["user", "consortium"], name="digest_subscription_unique")]

    def __str__(self):
        return f"{self.user} reads {self.consortium}'s digest"


class DigestRun(TimeStamped):
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="digest_runs")
    period_start = models.DateField(help_text=_("The first day the digest covers."))
    period_end = models.DateField(help_text=_("The day after the last day it covers."))
    entry_count = models.PositiveIntegerField(default=0)
    engagement_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-period_start", "consortium__name"]
        constraints = [models.UniqueConstraint(fields=["consortium", "period_start"], name="digest_run_once")]

    def __str__(self):
        return f"{self.consortium} digest from {self.period_start}"


class DigestDelivery(TimeStamped):
    run = models.ForeignKey(DigestRun, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    skipped = models.BooleanField(default=False, help_text=_("Not sent: opted out or left meanwhile."))

    class Meta:
        ordering = ["run", "pk"]
        verbose_name_plural = _("digest deliveries")
        constraints = [models.UniqueConstraint(fields=["run", "user"], name="digest_delivery_once")]
        indexes = [models.Index(fields=["sent_at", "run"], name="digest_delivery_due_idx")]

    def __str__(self):
        return f"{self.run} to {self.user_id}"
