"""Specialists: a profile each (a platform user, or an external person consortium staff manage),
the areas and phases they work in, where they travel, their rate, availability and track record."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from networks.models import Consortium, PracticeArea, School, TimeStamped
from networks.models.fields import erasable_person
from networks.models.querysets import ActiveQuerySet, SearchQuerySet, VisibleToQuerySet

from .vocab import AvailabilityKind, EvidenceStrength, Phase, pounds_field


class SpecialistQuerySet(VisibleToQuerySet, ActiveQuerySet, SearchQuerySet):
    def visible_filter(self, user):
        """Consortium staff see their consortium's specialists; a specialist sees their own profile."""
        from ..permissions import visible_specialist_filter

        return visible_specialist_filter(user)

    def search_filter(self, text):
        return Q(name__icontains=text) | Q(organisation__icontains=text) | Q(summary__icontains=text)


class Specialist(TimeStamped):
    """A consultant, specialist leader or researcher the consortium can broker."""

    consortium = models.ForeignKey(Consortium, on_delete=models.PROTECT, related_name="specialists")
    user = erasable_person(
        related_name="specialist_profiles",
        help_text=_("Their account, if they use the platform; empty for an external person staff manage."),
    )
    name = models.CharField(max_length=150)
    email = models.EmailField(blank=True, help_text=_("For an external person: how the consortium reaches them."))
    organisation = models.CharField(max_length=200, blank=True)
    summary = models.TextField(
        blank=True, max_length=4000, help_text=_("Their expertise and recent track record, in a few sentences.")
    )
    practice_areas = models.ManyToManyField(PracticeArea, blank=True, related_name="specialists")
    base_school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The school they are based at, if any: distances to schools are measured from it."),
    )
    day_rate = pounds_field(
        _("day rate (GBP)"),
        max_digits=8,
        default=Decimal("450.00"),
        help_text=_("What a day of their time costs, in GBP."),
    )
    is_active = models.BooleanField(_("offered for matching"), default=True)
    created_by = erasable_person(related_name="+")

    objects = SpecialistQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "user"], condition=Q(user__isnull=False), name="specialist_one_profile_per_user"
            ),
            models.CheckConstraint(condition=Q(day_rate__gte=0), name="specialist_day_rate_not_negative"),
        ]
        indexes = [models.Index(fields=["consortium", "is_active"], name="specialist_consortium_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("brokerage:specialist_detail", args=[self.pk])

    @property
    def phases(self) -> list[str]:
        return sorted((row.phase for row in self.phase_rows.all()), key=list(Phase.values).index)

    @property
    def phase_labels(self) -> list[str]:
        return [Phase(code).label for code in self.phases]

    @property
    def travel_area_names(self) -> list[str]:
        return sorted(row.local_authority for row in self.travel_areas.all())


class SpecialistPhase(TimeStamped):
    specialist = models.ForeignKey(Specialist, on_delete=models.CASCADE, related_name="phase_rows")
    phase = models.CharField(max_length=20, choices=Phase.choices)

    class Meta:
        ordering = ["specialist", "phase"]
        constraints = [models.UniqueConstraint(fields=["specialist", "phase"], name="specialist_phase_unique")]

    def __str__(self):
        return self.get_phase_display()


class SpecialistTravelArea(TimeStamped):
    """A local authority the specialist will travel to. A specialist with none travels anywhere."""

    specialist = models.ForeignKey(Specialist, on_delete=models.CASCADE, related_name="travel_areas")
    local_authority = models.CharField(max_length=100)

    class Meta:
        ordering = ["specialist", "local_authority"]
        constraints = [
            models.UniqueConstraint(fields=["specialist", "local_authority"], name="specialist_travel_area_unique")
        ]
        indexes = [models.Index(fields=["local_authority", "specialist"], name="travel_area_la_idx")]

    def __str__(self):
        return self.local_authority


class AvailabilityBlock(TimeStamped):
    """Dates a specialist offers, or has blocked (a blocked date can never be booked)."""

    specialist = models.ForeignKey(Specialist, on_delete=models.CASCADE, related_name="availability")
    kind = models.CharField(max_length=10, choices=AvailabilityKind.choices, default=AvailabilityKind.OFFERED)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="availability_ends_after_start")
        ]
        indexes = [models.Index(fields=["specialist", "kind", "starts_on"], name="availability_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_on} to {self.ends_on}"


class PastEngagement(TimeStamped):
    """Work a specialist did before the platform (engagements brokered here are recorded as such),
    with the feedback it got: it counts in matching like a reviewed engagement."""

    specialist = models.ForeignKey(Specialist, on_delete=models.CASCADE, related_name="past_engagements")
    client = models.CharField(_("for whom"), max_length=200, help_text=_("The school or network they worked with."))
    practice_area = models.ForeignKey(
        PracticeArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="past_engagements"
    )
    ended_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True, max_length=2000)
    evidence_strength = models.PositiveSmallIntegerField(
        "strength of the evidence of impact", choices=EvidenceStrength.choices, null=True, blank=True
    )
    rating = models.PositiveSmallIntegerField(
        _("rating out of 5"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    feedback = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-ended_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="past_engagement_rating_1_5"
            ),
            models.CheckConstraint(
                condition=Q(evidence_strength__isnull=True) | Q(evidence_strength__gte=1, evidence_strength__lte=5),
                name="past_engagement_strength_1_5",
            ),
        ]

    def __str__(self):
        return f"{self.specialist} for {self.client}"
