"""Engagements: an accepted proposal, planned and booked day by day, then reviewed.

A specialist is never booked twice on one day: each booked day is a row, unique on (specialist,
day) in the database (on SQLite and PostgreSQL alike), and the booking service checks first, with
the specialist's row locked, so a clash is refused with a clear message before the database has to.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from networks.models import Consortium, School, TimeStamped
from networks.models.fields import erasable_person
from networks.models.querysets import VisibleToQuerySet

from .requests import Proposal, SupportRequest, exactly_one_of
from .specialists import Specialist
from .vocab import CountsDays, EngagementStatus, EvidenceStrength


class EngagementQuerySet(VisibleToQuerySet):
    def visible_filter(self, user):
        """Those who may see its request, the engaged specialist and the host school's leads."""
        from ..permissions import visible_engagement_filter

        return visible_engagement_filter(user)

    def live(self):
        from .vocab import LIVE_ENGAGEMENT_STATUSES

        return self.filter(status__in=LIVE_ENGAGEMENT_STATUSES)


class Engagement(CountsDays, TimeStamped):
    """The support as it is agreed, booked and delivered: the broker's steps in order."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="engagements")
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="engagement")
    consortium = models.ForeignKey(Consortium, on_delete=models.PROTECT, related_name="engagements")
    specialist = models.ForeignKey(
        Specialist, null=True, blank=True, on_delete=models.PROTECT, related_name="engagements"
    )
    host_school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_engagements",
        verbose_name="host or supporting school",
    )
    status = models.CharField(max_length=20, choices=EngagementStatus.choices, default=EngagementStatus.PLANNED)
    objectives = models.TextField(_("agreed objectives"), blank=True, max_length=4000)
    expected_impact = models.TextField(blank=True, max_length=4000, help_text=_("What should change, for whom."))
    approach = models.TextField(blank=True, max_length=4000, help_text=_("How the days will be spent."))
    days = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal("1.0"))
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    day_rate = models.DecimalField(_("day rate (GBP)"), max_digits=8, decimal_places=2, default=Decimal("0.00"))
    cost = models.DecimalField(_("cost (GBP)"), max_digits=9, decimal_places=2, default=Decimal("0.00"))
    booked_at = models.DateTimeField(null=True, blank=True)
    booked_by = erasable_person(related_name="+")
    progress_review = models.TextField(_("review of progress"), blank=True, max_length=4000)
    completed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True, max_length=4000, help_text=_("What the school achieved."))
    outcome_strength = models.PositiveSmallIntegerField(
        "strength of the evidence of the outcome", choices=EvidenceStrength.choices, null=True, blank=True
    )
    rating = models.PositiveSmallIntegerField(
        "rating out of 5", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    feedback = models.TextField(blank=True, max_length=2000)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = erasable_person(related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            exactly_one_of("specialist", "host_school", name="engagement_one_provider"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="engagement_rating_1_5"
            ),
            models.CheckConstraint(
                condition=Q(outcome_strength__isnull=True) | Q(outcome_strength__gte=1, outcome_strength__lte=5),
                name="engagement_strength_1_5",
            ),
            models.CheckConstraint(condition=Q(cost__gte=0), name="engagement_cost_not_negative"),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="engagement_dates_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["specialist", "status"], name="engagement_specialist_idx"),
            models.Index(fields=["host_school", "status", "starts_on"], name="engagement_host_idx"),
            models.Index(fields=["consortium", "status"], name="engagement_consortium_idx"),
        ]

    def __str__(self):
        return gettext("%(provider)s for %(whom)s") % {"provider": self.provider, "whom": self.request.for_whom}

    def get_absolute_url(self):
        return reverse("brokerage:engagement_detail", args=[self.pk])

    @property
    def provider(self):
        return self.specialist if self.specialist_id else self.host_school


class EngagementDay(models.Model):
    """A day an engagement is booked for. Unique per specialist and day: no double booking."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="booked_days")
    specialist = models.ForeignKey(
        Specialist, null=True, blank=True, on_delete=models.CASCADE, related_name="booked_days"
    )
    day = models.DateField()

    class Meta:
        ordering = ["day", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["specialist", "day"], condition=Q(specialist__isnull=False), name="specialist_booked_once_a_day"
            ),
            models.UniqueConstraint(fields=["engagement", "day"], name="engagement_day_once"),
        ]

    def __str__(self):
        return f"{self.day} ({self.engagement_id})"
