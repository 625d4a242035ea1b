"""Tables of the pages that compose every app: the network's statement of account.

A statement starts as a draft whose figures are read live; publishing stores them (JSON), with the
date and the author's name, so later changes to activities, costs or reviews never rewrite an
account already given. A later statement of the same network over overlapping days supersedes it.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import Network, TimeStamped

SHARE_DAYS = 90


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class StatementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=StatementStatus.PUBLISHED)

    def overlapping(self, start, end):
        return self.filter(starts_on__lte=end, ends_on__gte=start)


class Statement(TimeStamped):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="statements")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    period_label = models.CharField(max_length=80, help_text=_("For example “2025 to 2026” or “Spring 2026”."))
    introduction = models.TextField(blank=True, max_length=6000)
    next_steps = models.TextField(_("next steps"), blank=True, max_length=6000)
    status = models.CharField(max_length=10, choices=StatementStatus.choices, default=StatementStatus.DRAFT)
    figures = models.JSONField(null=True, blank=True, help_text=_("Every figure as it stood when published."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True, help_text=_("The publisher's name as it was then."))
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes"
    )

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["network", "-ends_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="statement_ends_after_start"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(figures__isnull=False, published_at__isnull=False),
                name="statement_published_has_figures",
            ),
        ]
        indexes = [models.Index(fields=["network", "status", "ends_on"])]

    def __str__(self):
        return f"Statement of account, {self.network}, {self.period_label}"

    def get_absolute_url(self):
        return reverse("statements:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == StatementStatus.PUBLISHED


def new_share_key() -> str:
    return secrets.token_urlsafe(18)


def default_share_expiry():
    return timezone.localdate() + timedelta(days=SHARE_DAYS)


class StatementShare(TimeStamped):
    """A read-only link to a published statement for people with no account (heads, governors, the
    local authority). The address carries `key` signed with the site's secret; revoking or passing
    `expires_on` ends it."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="shares")
    key = models.CharField(max_length=40, unique=True, default=new_share_key)
    label = models.CharField(max_length=120, blank=True, help_text=_("Who it is for, for example “Governors”."))
    expires_on = models.DateField(default=default_share_expiry, help_text=_("The last day the link works."))
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["statement", "-created_at"]

    def __str__(self):
        return f"Share of {self.statement_id} until {self.expires_on}"

    def works_on(self, day) -> bool:
        return self.revoked_at is None and day <= self.expires_on


class StatementOpening(models.Model):
    """One opening of a share link: the day only, nothing about who opened it."""

    share = models.ForeignKey(StatementShare, on_delete=models.CASCADE, related_name="openings")
    opened_on = models.DateField()

    class Meta:
        ordering = ["share", "opened_on"]
        indexes = [models.Index(fields=["share", "opened_on"])]

    def __str__(self):
        return f"{self.share_id} opened {self.opened_on}"
