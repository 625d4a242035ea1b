"""Planned activities, their checklists, participants, evaluations, and people's calendar feeds."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import Network, PracticeArea, School, TimeStamped
from networks.models.fields import erasable_person
from networks.models.querysets import InVisibleNetworkQuerySet

from .fields import days_field
from .templates import ActivityType, CollaborationLevel, InnovationPhase, KindOfCollaboration, ParticipantRole


class ActivityStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class ActivityQuerySet(InVisibleNetworkQuerySet):
    """Activities of the networks the person can see (`visible_to`)."""

    def in_network(self, network):
        return self.filter(network=network)

    def live(self):
        return self.exclude(status=ActivityStatus.CANCELLED)

    def upcoming(self, now=None):
        return self.live().filter(ends_at__gte=now or timezone.now()).exclude(status=ActivityStatus.DONE)

    def for_person(self, user):
        return self.filter(participants__user=user)


class Activity(TimeStamped):
    """One planned activity of a network, from a template."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="activities")
    activity_type = models.ForeignKey(ActivityType, on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(max_length=200)
    purpose = models.TextField(blank=True, help_text=_("What the activity is for: the difference it should make."))
    host_school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.SET_NULL, related_name="hosted_activities"
    )
    location = models.CharField(max_length=200, blank=True, help_text=_("Room or address, if not the host school."))
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    days = days_field(
        _("days of staff time each"),
        help_text=_("For supply cover and other per-day costs: 0.5 for a half day, 0 for a twilight."),
    )
    status = models.CharField(max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PROPOSED)
    collaboration_level = models.PositiveSmallIntegerField(
        choices=CollaborationLevel.choices, default=CollaborationLevel.FROM_ANOTHER
    )
    kind_of_collaboration = models.CharField(max_length=20, choices=KindOfCollaboration.choices, blank=True)
    innovation_phase = models.ForeignKey(
        InnovationPhase, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    practice_areas = models.ManyToManyField(PracticeArea, blank=True, related_name="activities")
    enquiries = models.ManyToManyField(
        "enquiry.Enquiry",
        blank=True,
        related_name="activities",
        help_text=_("Enquiry cycles this activity serves or starts."),
    )
    notes = models.TextField(_("recorder's notes"), blank=True)
    outcomes = models.TextField(blank=True, help_text=_("What came of it (the owner's record)."))
    next_steps = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="activities_created"
    )
    sequence = models.PositiveIntegerField(default=0, help_text=_("Bumped on each change, for calendar apps."))

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name_plural = "activities"
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="activity_ends_after_start"),
            models.CheckConstraint(condition=Q(collaboration_level__in=[1, 2, 3]), name="activity_level_1_to_3"),
            models.CheckConstraint(condition=Q(days__gte=0), name="activity_days_not_negative"),
        ]
        indexes = [models.Index(fields=["network", "starts_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:activity_detail", args=[self.pk])

    @property
    def on_date(self):
        """The day whose rates apply to the activity's costs (its first day, local time)."""
        return timezone.localtime(self.starts_at).date()

    @property
    def has_begun(self):
        return self.starts_at <= timezone.now()


class ChecklistItem(TimeStamped):
    """One step of organising the activity, copied from its template; ticked off as it is done."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="checklist")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = erasable_person()

    class Meta:
        ordering = ["activity", "position"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "position"], name="checklist_item_unique_position"),
        ]

    def __str__(self):
        return self.text[:60]


class Attendance(models.TextChoices):
    INVITED = "invited", _("Invited")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")


class Participant(TimeStamped):
    """A person taking part in an activity, in a role, from a school of the network (or none)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_roles")
    school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activity_participants",
        help_text=_("The school they come from, which bears their costs."),
    )
    role = models.CharField(max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.PARTICIPANT)
    attendance = models.CharField(max_length=10, choices=Attendance.choices, default=Attendance.INVITED)

    class Meta:
        ordering = ["activity", "role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"], name="participant_once_per_activity"),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class Evaluation(TimeStamped):
    """What one participant learned, will change, and how useful it was (1 to 5)."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="evaluation")
    learned = models.TextField(_("what I learned"))
    will_change = models.TextField(_("what I will change"))
    usefulness = models.PositiveSmallIntegerField(
        _("how useful it was"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["participant"]
        constraints = [
            models.CheckConstraint(condition=Q(usefulness__gte=1, usefulness__lte=5), name="evaluation_usefulness_1_5"),
        ]

    def __str__(self):
        return f"Evaluation by {self.participant}"


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(TimeStamped):
    """A person's secret calendar address. Revoking makes a new token; the old address stops working."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)

    class Meta:
        ordering = ["user"]

    def __str__(self):
        return f"Calendar feed of {self.user_id}"
