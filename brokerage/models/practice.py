"""The record of schools' practice (seed 004: "a data-base summarising all of the work that schools
across the region have undertaken in the last three years"), and what each school offers as a host."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import PracticeArea, School, TimeStamped
from networks.models.fields import erasable_person
from networks.models.querysets import SearchQuerySet, VisibleToQuerySet

from .vocab import EvidenceStrength, Phase, Source, pounds_field

# The record looks back this far (seed 004: "the last three years").
RECORD_YEARS = 3
DEFAULT_VISITS_PER_TERM = 3


def record_cutoff(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today - timedelta(days=365 * RECORD_YEARS)


class PracticeEntryQuerySet(VisibleToQuerySet, SearchQuerySet):
    def visible_filter(self, user):
        """Everyone with a role in the school's consortium may search its record."""
        from networks.permissions import consortium_ids_for

        return Q(school__consortium_id__in=consortium_ids_for(user))

    def recent(self, today: date | None = None):
        """Entries whose work ended in the last three years, or is still going on."""
        return self.filter(Q(period_end__isnull=True) | Q(period_end__gte=record_cutoff(today)))

    def in_consortium(self, consortium):
        return self.filter(school__consortium=consortium)

    def search_filter(self, text):
        return (
            Q(title__icontains=text)
            | Q(summary__icontains=text)
            | Q(evidence__icontains=text)
            | Q(school__name__icontains=text)
        )

    def in_phase(self, phase: str):
        return self.alias(_school_phase=Lower("school__phase")).filter(_school_phase__in=Phase.register_names(phase))


class PracticeEntry(TimeStamped):
    """One piece of a school's work in one practice area, with how strongly its impact is evidenced."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="practice_entries")
    practice_area = models.ForeignKey(PracticeArea, on_delete=models.CASCADE, related_name="practice_entries")
    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=4000, help_text=_("What the school did and what changed."))
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True, help_text=_("Leave empty if the work goes on."))
    evidence = models.TextField(
        blank=True, max_length=4000, help_text=_("What shows the impact: measures, pupils' work, reports.")
    )
    evidence_strength = models.PositiveSmallIntegerField(
        "strength of the evidence of impact", choices=EvidenceStrength.choices, default=EvidenceStrength.ANECDOTE
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    # Where an entry built automatically came from: an enquiry, an activity or an engagement.
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin = GenericForeignKey("content_type", "object_id")
    shared_at = models.DateTimeField(default=timezone.now, help_text=_("When it joined the record."))
    created_by = erasable_person(related_name="+")

    objects = PracticeEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-shared_at", "-pk"]
        verbose_name_plural = _("practice entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(evidence_strength__gte=1, evidence_strength__lte=5), name="practice_strength_1_5"
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="practice_period_in_order",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "practice_area"],
                condition=Q(object_id__isnull=False),
                name="practice_one_entry_per_origin_and_area",
            ),
        ]
        indexes = [
            # Covers the match's aggregate of evidence per school in the areas asked for.
            models.Index(
                fields=["practice_area", "school", "evidence_strength", "period_end"], name="practice_area_school_idx"
            ),
            models.Index(fields=["school", "practice_area"], name="practice_school_idx"),
            models.Index(fields=["shared_at"], name="practice_shared_idx"),
        ]

    def __str__(self):
        return f"{self.title} ({self.school})"

    def get_absolute_url(self):
        return reverse("brokerage:practice_detail", args=[self.pk])

    @property
    def strength_short(self) -> str:
        return EvidenceStrength.short_label(self.evidence_strength)

    @property
    def year(self) -> int:
        on = self.period_end or self.period_start or timezone.localdate(self.shared_at)
        return on.year


class HostCapacity(TimeStamped):
    """What a school offers: how many visits or engagements it hosts a term, and its fee, if any.
    A school with no row hosts up to DEFAULT_VISITS_PER_TERM and charges nothing."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="host_capacity")
    visits_per_term = models.PositiveSmallIntegerField(
        default=DEFAULT_VISITS_PER_TERM,
        help_text=_("Visits and engagements the school will host or give each term; 0 while it hosts none."),
    )
    day_rate = pounds_field(
        _("fee per day (GBP)"),
        max_digits=8,
        null=True,
        blank=True,
        help_text=_("What a day of peer consultancy or hosting costs, if the school charges; empty for nothing."),
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["school__name"]
        verbose_name_plural = _("host capacities")
        constraints = [
            models.CheckConstraint(
                condition=Q(day_rate__isnull=True) | Q(day_rate__gte=0), name="host_day_rate_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.school}: {self.visits_per_term} a term"
