"""Activity types (the templates of seeds 004, 001 and 000) and the innovation-cycle phases."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from networks.bilingual import Bilingual, in_language
from networks.models import TimeStamped
from networks.models.querysets import ActiveQuerySet

from .fields import days_field


class CollaborationLevel(models.IntegerChoices):
    """Seed 004's three levels of collaboration (after Jackson and Temperley, 2007)."""

    FROM_ANOTHER = 1, _("1: learning from another")
    FROM_ONE_ANOTHER = 2, _("2: learning from one another")
    WITH_ONE_ANOTHER = 3, _("3: learning with one another")


class KindOfCollaboration(models.TextChoices):
    """Judith Warren Little's four kinds of collaboration (seed 002)."""

    STORYTELLING = "storytelling", _("Storytelling and scanning for ideas")
    AID_ASSISTANCE = "aid_assistance", _("Aid and assistance")
    SHARING = "sharing", _("Sharing")
    JOINT_WORK = "joint_work", _("Joint work")


class ParticipantRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    FACILITATOR = "facilitator", _("Facilitator")
    RESOURCE_PROVIDER = "resource_provider", _("Resource provider")
    RECORDER = "recorder", _("Recorder")
    HOST = "host", _("Host")
    VISITOR = "visitor", _("Visitor")
    PARTICIPANT = "participant", _("Participant")


def in_reader_language(field: str) -> property:
    """A read-only property: `field` in the reader's language, its `<field>_cy` where the Welsh is
    written and Welsh is active, else the English (networks.bilingual.in_language)."""
    return property(lambda row: in_language(getattr(row, field), getattr(row, f"{field}_cy")))


class InnovationPhase(Bilingual, TimeStamped):
    """A phase of the innovation cycle (seed 004); editable data, in English and Welsh."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    name_cy = models.CharField(_("name in Welsh"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    description = models.TextField(blank=True)
    description_cy = models.TextField(_("description in Welsh"), blank=True)
    source = models.TextField(blank=True, help_text=_("Where this phase comes from."))

    class Meta:
        ordering = ["position", "name"]


class ActivityType(Bilingual, TimeStamped):
    """A template: what the activity is, when to use it, how to organise it, what it needs, in
    English and Welsh (a reader sees the Welsh where it is written: `display_name`, `display_what`...)."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    name_cy = models.CharField(_("name in Welsh"), max_length=120, blank=True)
    what = models.TextField(_("what it is"))
    what_cy = models.TextField(_("what it is, in Welsh"), blank=True)
    when_to_use = models.TextField(_("when to use it"))
    when_to_use_cy = models.TextField(_("when to use it, in Welsh"), blank=True)
    resources = models.TextField(_("resources it may need"), blank=True)
    resources_cy = models.TextField(_("resources it may need, in Welsh"), blank=True)
    roles = models.JSONField(default=list, blank=True, help_text=_("The roles people usually take, in order."))
    typical_level = models.PositiveSmallIntegerField(
        _("typical collaboration level"), choices=CollaborationLevel.choices, default=CollaborationLevel.FROM_ANOTHER
    )
    typical_kind = models.CharField(
        _("typical kind of collaboration"),
        max_length=20,
        choices=KindOfCollaboration.choices,
        blank=True,
        help_text=(
            _(
                "One of Judith Warren Little's four kinds of collaboration, as Earl and Katz use them in their "
                "evaluation of England's Networked Learning Communities: storytelling and scanning for ideas, aid "
                "and assistance, sharing, joint work. A new activity of this type starts with it, and its planner may "
                "change it; the network dashboard counts activities by their kind."
            )
        ),
    )
    typical_duration = models.CharField(max_length=120, blank=True, help_text=_("In words: “Half or full day”."))
    typical_duration_cy = models.CharField(_("typical duration in Welsh"), max_length=120, blank=True)
    typical_days = days_field(
        _("days of staff time each"),
        help_text=_("What a new activity of this type starts with, for supply cover and other per-day costs."),
    )
    cost_rules = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Which cost lines the template proposes (see activities/reference_data.py)."),
    )
    source = models.TextField(help_text=_("Where the template comes from."))
    is_active = models.BooleanField(_("offered"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ActiveQuerySet.as_manager()

    display_what = in_reader_language("what")
    display_when_to_use = in_reader_language("when_to_use")
    display_resources = in_reader_language("resources")
    display_typical_duration = in_reader_language("typical_duration")

    @property
    def with_article(self) -> str:
        """The name inside a sentence, with its article: "a learning visit", "an action learning
        partnership", "a problem-solving team building (PSTB)" (abbreviations keep their capitals);
        in the reader's language."""
        words = self.display_name.split(" ")
        words[0] = words[0] if words[0][1:2].isupper() else words[0][:1].lower() + words[0][1:]
        name = " ".join(words)
        if name[:1].lower() in "aeiou":
            return gettext("an %(name)s") % {"name": name}
        return gettext("a %(name)s") % {"name": name}

    @property
    def default_role(self) -> str:
        """The role people added to an activity of this type start with: visitors for a visit
        (which carries their supply cover and travel), else the template's participants."""
        for role in (ParticipantRole.VISITOR, ParticipantRole.PARTICIPANT):
            if role in (self.roles or []):
                return role
        return ParticipantRole.PARTICIPANT

    class Meta:
        ordering = ["position", "name"]

    @property
    def role_labels(self):
        labels = dict(ParticipantRole.choices)
        return [labels.get(role, role) for role in self.roles]


class ActivityTypeStep(TimeStamped):
    """One step of how to organise an activity of the type, in English and Welsh; an activity copies
    them as its checklist, in its planner's language."""

    activity_type = models.ForeignKey(ActivityType, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    text_cy = models.TextField(_("text in Welsh"), blank=True)

    class Meta:
        ordering = ["activity_type", "position"]
        constraints = [
            models.UniqueConstraint(fields=["activity_type", "position"], name="activity_type_step_unique_position")
        ]

    display_text = in_reader_language("text")

    def __str__(self):
        return f"{self.position}. {self.display_text[:60]}"
