"""Enquiry cycles, their evidence and impact, critical friends' comments, and the practice library.

A teacher's practitioner enquiry (seeds 001 and 004: investigate current provision, plan, implement
changes, observe, reflect, share) is private until its owner shares it with their school, network,
consortium or the public practice library. Who may see what is `Enquiry.objects.visible_to(user)`,
built in enquiry/permissions.py.
"""

from __future__ import annotations

import os
import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from networks.bilingual import Bilingual
from networks.models import Network, PracticeArea, School, TimeStamped
from networks.models.fields import erasable_person

# Reference data -------------------------------------------------------------------------------


class ReferenceTerm(Bilingual, TimeStamped):
    """A term of a fixed framework from the seed texts, shipped by a data migration and editable
    in the admin site afterwards (its wording, its description, in English and Welsh; the slug
    stays). Readers see it in their language (networks.bilingual)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    name_cy = models.CharField(_("name in Welsh"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField()
    description = models.TextField(blank=True)
    description_cy = models.TextField(_("description in Welsh"), blank=True)
    source = models.CharField(max_length=300, blank=True, help_text=_("Where the term comes from."))

    class Meta:
        abstract = True
        ordering = ["position"]


class LevelOfLearning(ReferenceTerm):
    """One of the six levels of learning of seed 003 (pupil, adult, leadership, school-wide,
    school-to-school, network-to-network)."""

    class Meta(ReferenceTerm.Meta):
        verbose_name_plural = "levels of learning"


class FieldOfKnowledge(ReferenceTerm):
    """One of the three fields of knowledge of seed 003 (practitioner, public, co-constructed)."""

    class Meta(ReferenceTerm.Meta):
        verbose_name_plural = "fields of knowledge"


class Approach(Bilingual, TimeStamped):
    """An approach enquiries can share ("Oral rehearsal", "Peer observation"), from the consortium's
    own list: "what works here" gathers the enquiries that tag one. Each consortium starts with
    DEFAULT_APPROACHES (in Welsh too) and edits its list afterwards."""

    consortium = models.ForeignKey("networks.Consortium", on_delete=models.CASCADE, related_name="approaches")
    name = models.CharField(max_length=100)
    name_cy = models.CharField(_("name in Welsh"), max_length=100, blank=True)
    slug = models.SlugField(max_length=100)
    is_active = models.BooleanField(_("offered to enquirers"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["consortium", "slug"], name="approach_unique_slug")]


# The activity types of the seeds (as the activities app names them) and approaches schools often
# enquire into; frozen here, as enquiry sits below activities.
DEFAULT_APPROACHES = [
    "Learning visit",
    "Problem-solving team building",
    "Collaborative use of data",
    "Shared INSET seminar",
    "Action learning set",
    "Specialist peer consultancy",
    "Peer observation",
    "Coaching and mentoring",
    "Research lesson",
    "Enquiry visit",
    "Jigsaw dialogue",
    "Oral rehearsal before writing",
    "Feedback and marking",
    "Metacognition and self-regulation",
    "Reading comprehension strategies",
    "Mastery learning",
    "Peer tutoring",
    "Pupil voice groups",
    "Parental engagement",
    "Outdoor learning",
]

# Their names in Welsh, by the English: a new consortium's list carries both.
DEFAULT_APPROACHES_CY = {
    "Learning visit": "Ymweliad dysgu",
    "Problem-solving team building": "Adeiladu tîm i ddatrys problemau",
    "Collaborative use of data": "Defnyddio data ar y cyd",
    "Shared INSET seminar": "Seminar HMS ar y cyd",
    "Action learning set": "Set dysgu gweithredol",
    "Specialist peer consultancy": "Ymgynghoriaeth arbenigol gan gymheiriaid",
    "Peer observation": "Arsylwi gan gymheiriaid",
    "Coaching and mentoring": "Hyfforddi a mentora",
    "Research lesson": "Gwers ymchwil",
    "Enquiry visit": "Ymweliad ymholi",
    "Jigsaw dialogue": "Deialog jig-so",
    "Oral rehearsal before writing": "Ymarfer ar lafar cyn ysgrifennu",
    "Feedback and marking": "Adborth a marcio",
    "Metacognition and self-regulation": "Metawybyddiaeth a hunanreoleiddio",
    "Reading comprehension strategies": "Strategaethau darllen a deall",
    "Mastery learning": "Dysgu er meistrolaeth",
    "Peer tutoring": "Tiwtora gan gymheiriaid",
    "Pupil voice groups": "Grwpiau llais y disgybl",
    "Parental engagement": "Ymgysylltu â rhieni",
    "Outdoor learning": "Dysgu yn yr awyr agored",
}


# Choices ---------------------------------------------------------------------------------------


class Stage(models.TextChoices):
    """The action-research cycle of seed 004: investigate current provision, plan and implement
    changes, observe and reflect on outcomes; seed 001 adds sharing the work with colleagues."""

    INVESTIGATE = "investigate", _("Investigate current provision")
    PLAN = "plan", _("Plan")
    IMPLEMENT = "implement", _("Implement changes")
    OBSERVE = "observe", _("Observe")
    REFLECT = "reflect", _("Reflect")
    SHARE = "share", _("Share")

    @classmethod
    def position(cls, value) -> int:
        return list(cls.values).index(value) + 1 if value in cls.values else 0


class Sharing(models.TextChoices):
    PRIVATE = "private", _("Private")
    SCHOOL = "school", _("My school")
    NETWORK = "network", _("My network")
    CONSORTIUM = "consortium", _("My consortium")
    PUBLIC = "public", _("The public practice library")


class Strength(models.IntegerChoices):
    """How strong the evidence for an impact claim is, weakest first ("evidence rather than
    anecdote", seed 001)."""

    ANECDOTE = 1, _("Anecdote")
    OBSERVATION = 2, _("Observation")
    PUPILS_WORK = 3, _("Pupils' work")
    DATA = 4, _("Data")
    COMPARISON = 5, _("Comparison with a group that did not take part")

    @classmethod
    def short_label(cls, value) -> str:
        return gettext("Comparison group") if value == cls.COMPARISON else cls(value).label

    @classmethod
    def phrase(cls, value) -> str:
        """As said in a reason: "data-backed impact", "an anecdote"."""
        return {
            1: gettext("an anecdote"),
            2: gettext("observation"),
            3: gettext("pupils' work"),
            4: gettext("data-backed impact"),
            5: gettext("data with a comparison group"),
        }.get(value, gettext("no evidence recorded"))


class CollaboratorRole(models.TextChoices):
    CO_ENQUIRER = "co_enquirer", _("Co-enquirer")
    CRITICAL_FRIEND = "critical_friend", _("Critical friend")


class EvidenceKind(models.TextChoices):
    NOTE = "note", _("Note")
    LINK = "link", _("Link")
    FILE = "file", _("File")
    MEASURE = "measure", _("Measure")


class ImpactArea(models.TextChoices):
    PUPILS = "pupils", _("For pupils")
    PRACTICE = "practice", _("For practice")


class CommentKind(models.TextChoices):
    QUESTION = "question", _("Question")
    SUGGESTION = "suggestion", _("Suggestion")
    STRENGTH = "strength", _("Strength")
    NOTE = "note", _("Note")


# Enquiries -------------------------------------------------------------------------------------


class EnquiryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Enquiries the person may read: their own and those they were invited to, always; shared
        ones as far as they were shared. Anonymous readers get the public library only."""
        from .permissions import visible_enquiry_filter

        return self.filter(visible_enquiry_filter(user))

    def shared(self):
        return self.exclude(sharing=Sharing.PRIVATE)

    def in_network(self, network):
        return self.filter(network=network)

    def with_strongest_evidence(self):
        """`strongest` on each row: the strength of its strongest impact claim (None if none), the
        stored `strongest_claim`."""
        return self.annotate(strongest=F("strongest_claim"))

    def for_lists(self):
        return self.select_related("school__consortium", "network", "owner").prefetch_related("practice_areas")


class Enquiry(TimeStamped):
    """A practitioner enquiry: one teacher's (with co-enquirers') cycle of action research."""

    owner = erasable_person(
        related_name="enquiries",
        help_text=_("Empty once the owner's account is erased: the enquiry stays, credited to a former member."),
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="enquiries")
    network = models.ForeignKey(
        Network,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enquiries",
        help_text=_("The network whose focus it serves, if any."),
    )
    title = models.CharField(max_length=200)
    question = models.TextField(_("enquiry question"), max_length=1000)
    why_it_matters = models.TextField(
        blank=True,
        max_length=4000,
        help_text=_("Why it matters for your pupils, and how it serves the network's focus."),
    )
    pupil_group = models.CharField(
        _("pupils involved"), max_length=200, blank=True, help_text=_("For example: Year 5 boys.")
    )
    pupil_count = models.PositiveIntegerField(_("number of pupils"), null=True, blank=True)
    practice_areas = models.ManyToManyField(PracticeArea, blank=True, related_name="enquiries")
    approach = models.ForeignKey(
        Approach,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enquiries",
        help_text=(
            _(
                "The approach you are trying, if it is on your consortium's list: "
                "enquiries sharing one are summarised together."
            )
        ),
    )
    levels = models.ManyToManyField(
        LevelOfLearning, blank=True, related_name="enquiries", verbose_name=_("levels of learning")
    )
    knowledge_fields = models.ManyToManyField(
        FieldOfKnowledge, blank=True, related_name="enquiries", verbose_name=_("fields of knowledge drawn on")
    )
    current_provision = models.TextField(_("what you found about current provision"), blank=True, max_length=10000)
    plan = models.TextField(_("the plan"), blank=True, max_length=10000)
    changes = models.TextField(_("what you changed"), blank=True, max_length=10000)
    observations = models.TextField(_("what you observed"), blank=True, max_length=10000)
    conclusions = models.TextField(_("what you conclude"), blank=True, max_length=10000)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.INVESTIGATE)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    sharing = models.CharField(max_length=20, choices=Sharing.choices, default=Sharing.PRIVATE)
    shared_at = models.DateTimeField(null=True, blank=True)
    owner_seen_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the owner last opened it: comments since then are new to them.")
    )
    # The practice library's full-text search, on PostgreSQL: kept current by triggers on this
    # table, its practice areas and the areas' names, with a GIN index (migration 0004). Empty on
    # SQLite, where the library searches the text directly.
    search_vector = SearchVectorField(null=True, editable=False)
    # Read through with_strongest_evidence(); triggers on the claims keep it (migration 0007).
    strongest_claim = models.PositiveSmallIntegerField(
        null=True,
        editable=False,
        help_text="The strength of its strongest impact claim (None if none), kept by triggers on the claims.",
    )

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name_plural = "enquiries"
        constraints = [
            models.CheckConstraint(
                condition=~Q(sharing="network") | Q(network__isnull=False), name="enquiry_network_sharing_needs_network"
            ),
            models.CheckConstraint(
                condition=Q(sharing="private") | Q(shared_at__isnull=False), name="enquiry_shared_has_date"
            ),
        ]
        indexes = [
            models.Index(fields=["sharing", "shared_at"], name="enquiry_sharing_idx"),
            models.Index(fields=["network", "stage"], name="enquiry_network_stage_idx"),
            # The counts by network (reads.enquiry_counts): an index-only scan, no row read.
            models.Index(fields=["network", "sharing", "owner"], name="enquiry_network_count_idx"),
            # "What works here" counts an area's enquiries by approach, readable or not: an
            # index-only scan (272 buffers instead of the table's 2,172 in bench/bench_flows.py).
            models.Index(fields=["id", "approach"], name="enquiry_id_approach_idx"),
            # The enquiries of a consortium's (or network's) schools for the knowledge flows
            # (reads.flows): an index-only scan per school instead of a scan of every enquiry.
            models.Index(fields=["school", "network", "id"], name="enquiry_school_network_idx"),
            # The library newest shared first (no search, or too many matches to rank them all):
            # read in order and stopped at the page, not sorted.
            models.Index(
                fields=["-shared_at", "-id"], condition=~Q(sharing="private"), name="enquiry_library_recent_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("enquiry:enquiry_detail", args=[self.pk])

    @property
    def owner_name(self) -> str:
        return str(self.owner) if self.owner_id else "a former member"

    @property
    def stage_position(self) -> int:
        return Stage.position(self.stage)

    @property
    def is_private(self) -> bool:
        return self.sharing == Sharing.PRIVATE

    @property
    def strongest_label(self) -> str:
        """The name of its strongest evidence, where `with_strongest_evidence()` annotated it."""
        strongest = getattr(self, "strongest", None)
        return Strength(strongest).label if strongest else ""

    def sharing_label(self) -> str:
        """Where it is shared, with the place named."""
        if self.sharing == Sharing.PRIVATE:
            return gettext("Private")
        if self.sharing == Sharing.PUBLIC:
            return gettext("In the public practice library")
        if self.sharing == Sharing.NETWORK and not self.network_id:
            return gettext("Shared with the network")
        place = {
            Sharing.SCHOOL: self.school.name,
            Sharing.NETWORK: self.network.name if self.network_id else "",
            Sharing.CONSORTIUM: self.school.consortium.name,
        }[self.sharing]
        return gettext("Shared with %(place)s") % {"place": place}


class Collaborator(TimeStamped):
    """Someone the owner invited in: a co-enquirer (edits with them) or a critical friend (reads
    and comments). Both see the enquiry while it is private."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="collaborators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enquiry_roles")
    role = models.CharField(max_length=20, choices=CollaboratorRole.choices)
    invited_by = erasable_person(related_name="+")

    class Meta:
        ordering = ["role", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["enquiry", "user"], name="collaborator_once_per_enquiry")]

    def __str__(self):
        return f"{self.user} - {self.get_role_display()} - {self.enquiry_id}"

    @property
    def is_co_enquirer(self):
        return self.role == CollaboratorRole.CO_ENQUIRER

    @property
    def is_critical_friend(self):
        return self.role == CollaboratorRole.CRITICAL_FRIEND


class StageChange(TimeStamped):
    """One move of the enquiry's stage, forward or back: the dated history of the cycle."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    changed_by = erasable_person(related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.from_stage or 'start'} -> {self.to_stage}"

    @property
    def direction(self) -> str:
        if not self.from_stage:
            return "started"
        return "forward" if Stage.position(self.to_stage) > Stage.position(self.from_stage) else "back"


# Evidence --------------------------------------------------------------------------------------


class PrivateStorage(FileSystemStorage):
    """Evidence files: under MEDIA_ROOT/private/, which nothing serves. They have no URL: each one
    is streamed by the view after a permission check."""

    @cached_property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "private")

    def url(self, name):
        raise ValueError("Evidence files have no public URL; they are served by enquiry:evidence_file.")


_private_storage = PrivateStorage()


def private_storage():
    return _private_storage


def evidence_upload_to(instance, filename):
    """A random name on disk: the person's file name is kept in the row, never used as a path."""
    return f"evidence/{uuid.uuid4().hex}"


def new_token():
    return secrets.token_urlsafe(24)


class Evidence(TimeStamped):
    """Something attached to a stage of the enquiry: a note, a link, a file or a measure."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="evidence")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    kind = models.CharField(max_length=10, choices=EvidenceKind.choices)
    title = models.CharField(max_length=200, blank=True, help_text=_("A short caption."))
    note = models.TextField(blank=True, max_length=10000)
    url = models.URLField(_("link"), max_length=500, blank=True)
    # A file: stored under a random name; served only through `token`, checked on every download.
    file = models.FileField(upload_to=evidence_upload_to, storage=private_storage, blank=True, max_length=200)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # A measure: what, in which unit, from a baseline to an outcome.
    measure = models.CharField(_("what is measured"), max_length=200, blank=True)
    unit = models.CharField(max_length=30, blank=True, help_text=_("For example: %, pupils, words."))
    baseline_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    baseline_on = models.DateField(_("baseline date"), null=True, blank=True)
    outcome_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    added_by = erasable_person(related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "evidence"
        # The dashboard's enquiries that have not moved: is there evidence since a day, and the latest.
        indexes = [models.Index(fields=["enquiry", "created_at"], name="evidence_enquiry_created_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(kind="note") | ~Q(note=""), name="evidence_note_has_text"),
            models.CheckConstraint(condition=~Q(kind="link") | ~Q(url=""), name="evidence_link_has_url"),
            models.CheckConstraint(condition=~Q(kind="file") | ~Q(file=""), name="evidence_file_has_file"),
            models.CheckConstraint(
                condition=~Q(kind="measure") | (~Q(measure="") & Q(baseline_value__isnull=False)),
                name="evidence_measure_has_baseline",
            ),
        ]

    def __str__(self):
        return self.title or self.measure or self.file_name or self.url or self.get_kind_display()

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def change(self) -> Decimal | None:
        if self.baseline_value is None or self.outcome_value is None:
            return None
        return self.outcome_value - self.baseline_value

    def change_label(self) -> str:
        """`up 23 points`, `down 4 words`, `no change`: the change from baseline to outcome."""
        change = self.change
        if change is None:
            return ""
        if change == 0:
            return gettext("no change")
        unit = gettext("points") if self.unit.strip() == "%" else self.unit.strip()
        amount = f"{format_number(abs(change))}{' ' + unit if unit else ''}"
        return (gettext("up %(size)s") if change > 0 else gettext("down %(size)s")) % {"size": amount}

    @property
    def baseline_text(self) -> str:
        return self._value_on(self.baseline_value, self.baseline_on)

    @property
    def outcome_text(self) -> str:
        return self._value_on(self.outcome_value, self.outcome_on)

    def summary(self) -> str:
        """`38% on 12 October 2026 → 61% on 1 December 2026: up 23 points`."""
        if self.outcome_value is None:
            return f"{self.baseline_text} → {gettext('outcome not recorded yet')}"
        return f"{self.baseline_text} → {self.outcome_text}: {self.change_label()}"

    def _value_on(self, value, on) -> str:
        if value is None:
            return ""
        text = self.value_label(value)
        return gettext("%(value)s on %(date)s") % {"value": text, "date": date_format(on, "j F Y")} if on else text

    def value_label(self, value) -> str:
        if value is None:
            return ""
        unit = self.unit.strip()
        if unit == "%":
            return f"{format_number(value)}%"
        return f"{format_number(value)}{' ' + unit if unit else ''}"


def format_number(value) -> str:
    """2 decimal places at most, and none when they are zero: 38, 38.5, 38.25."""
    text = f"{Decimal(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class ImpactClaim(TimeStamped):
    """What the enquirer claims changed, for pupils or for practice, and how strong the evidence is."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="impact_claims")
    area = models.CharField(_("what changed"), max_length=10, choices=ImpactArea.choices, default=ImpactArea.PUPILS)
    claim = models.TextField(max_length=4000)
    strength = models.PositiveSmallIntegerField(_("strength of the evidence"), choices=Strength.choices)
    evidence = models.ForeignKey(
        Evidence,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
        help_text=_("The evidence it rests on, if it is attached here."),
    )
    made_by = erasable_person(related_name="+")

    class Meta:
        ordering = ["-strength", "created_at", "pk"]
        # The dashboard's enquiries that have not moved: is there a claim since a day, and the latest.
        indexes = [models.Index(fields=["enquiry", "created_at"], name="claim_enquiry_created_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(strength__gte=1, strength__lte=5), name="impact_strength_in_range")
        ]

    def __str__(self):
        return self.claim[:60]

    @property
    def strength_short(self) -> str:
        return Strength.short_label(self.strength)


class Comment(TimeStamped):
    """A critical friend's comment: a question, a suggestion, a strength or a note."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="comments")
    author = erasable_person(related_name="enquiry_comments")
    kind = models.CharField(max_length=20, choices=CommentKind.choices, default=CommentKind.QUESTION)
    text = models.TextField(max_length=4000)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["enquiry", "created_at"], name="comment_enquiry_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.enquiry_id}"

    @property
    def author_name(self) -> str:
        return str(self.author) if self.author_id else "a former member"
