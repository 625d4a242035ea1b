"""Facilitation tools: the jigsaw plan, the PSTB record (fishbone, five whys, actions), force-field analysis.

Each belongs to a network and, optionally, to one of its activities.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from networks.models import Network, TimeStamped
from networks.models.querysets import InVisibleNetworkQuerySet

from .activity import Activity


def tool_links(related_name: str) -> tuple[models.ForeignKey, models.ForeignKey]:
    """A tool's network and its (optional) activity, which list the tools of a kind under
    `related_name` (`network.jigsaw_plans`, `activity.force_fields`)."""
    return (
        models.ForeignKey(Network, on_delete=models.CASCADE, related_name=related_name),
        models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name=related_name),
    )


class Tool(TimeStamped):
    network, activity = tool_links("+")
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = InVisibleNetworkQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class JigsawPlan(Tool):
    """The input of a jigsaw (names and schools, number of readings); groups are worked out on display."""

    network, activity = tool_links("jigsaw_plans")
    people = models.TextField(help_text=_("One person a line: “Name, School”."))
    readings = models.PositiveSmallIntegerField(validators=[MinValueValidator(2), MaxValueValidator(4)])
    reading_titles = models.TextField(blank=True, help_text=_("Optional: one title a line, for A, B, C and D."))

    class Meta(Tool.Meta):
        constraints = [models.CheckConstraint(condition=Q(readings__gte=2, readings__lte=4), name="jigsaw_2_to_4")]

    def get_absolute_url(self):
        return reverse("activities:jigsaw_detail", args=[self.pk])


class ProblemSolvingRecord(Tool):
    """A PSTB record: the problem and its owner, a fishbone, a five-whys chain and agreed actions."""

    network, activity = tool_links("pstb_records")
    problem = models.TextField(help_text=_("The problem, as its owner puts it."))
    problem_owner = models.CharField(max_length=150)

    def get_absolute_url(self):
        return reverse("activities:pstb_detail", args=[self.pk])


class FishboneCause(TimeStamped):
    record = models.ForeignKey(ProblemSolvingRecord, on_delete=models.CASCADE, related_name="causes")
    category = models.CharField(max_length=100)
    text = models.CharField(_("cause"), max_length=300)

    class Meta:
        ordering = ["category", "pk"]

    def __str__(self):
        return f"{self.category}: {self.text}"


class WhyStep(TimeStamped):
    """One link of the five-whys chain: why did the previous thing happen?"""

    record = models.ForeignKey(ProblemSolvingRecord, on_delete=models.CASCADE, related_name="whys")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("because"), max_length=300)

    class Meta:
        ordering = ["record", "position"]
        constraints = [models.UniqueConstraint(fields=["record", "position"], name="why_step_unique_position")]

    def __str__(self):
        return f"Why {self.position}: {self.text}"


class AgreedAction(TimeStamped):
    record = models.ForeignKey(ProblemSolvingRecord, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(_("action"), max_length=300)
    owner = models.CharField(max_length=150)
    due_on = models.DateField(_("by"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.text


class ForceFieldAnalysis(Tool):
    """Lewin's force-field analysis (seed 000): the change, and the forces for and against it."""

    network, activity = tool_links("force_fields")
    change = models.TextField(
        _("the change we want"), help_text=_("What the network or school is trying to bring about.")
    )

    class Meta(Tool.Meta):
        verbose_name_plural = "force-field analyses"

    def get_absolute_url(self):
        return reverse("activities:force_field_detail", args=[self.pk])


class ForceDirection(models.TextChoices):
    DRIVING = "driving", _("Driving (for the change)")
    RESTRAINING = "restraining", _("Restraining (against it)")


class Force(TimeStamped):
    analysis = models.ForeignKey(ForceFieldAnalysis, on_delete=models.CASCADE, related_name="forces")
    direction = models.CharField(max_length=12, choices=ForceDirection.choices)
    text = models.CharField(_("force"), max_length=300)
    strength = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])

    class Meta:
        ordering = ["direction", "-strength", "pk"]
        constraints = [models.CheckConstraint(condition=Q(strength__gte=1, strength__lte=5), name="force_strength_1_5")]

    def __str__(self):
        return f"{self.text} ({self.strength})"
