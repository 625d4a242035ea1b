"""Self-review of a network against a framework (the seven key features, the eight characteristics).

Frameworks, features and questions are reference data (a data migration, sources named). A round
asks a network's people to rate each question on a four-point scale, or say they don't know.
Results are only ever shown in aggregate: see reviews/reads.py.

Notices: one row per email the platform owes someone, so none is sent twice or lost. A sweep
creates the rows that are due (unique on round, person and kind); workers claim them with
SELECT ... FOR UPDATE SKIP LOCKED and mark them sent in the same transaction.

The tables keep the names they had when self-review lived in the networks app (db_table), so
moving the models moved no data.

Frameworks, features and questions carry their Welsh beside their English (`name_cy`, ...;
networks.bilingual says which one a reader sees). The Welsh columns default to '' in the database
too, so code that does not know them (an older migration's models, a bulk load) still writes rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

from networks.bilingual import Bilingual, in_language
from networks.models import Network, School, TimeStamped
from networks.models.fields import erasable_person
from networks.models.querysets import VisibleToQuerySet


class Framework(Bilingual, TimeStamped):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=150)
    name_cy = models.CharField(_("name in Welsh"), max_length=150, blank=True, default="", db_default="")
    description = models.TextField(blank=True)
    description_cy = models.TextField(_("description in Welsh"), blank=True, default="", db_default="")
    source = models.TextField(help_text=_("Where the framework and its wording come from."))

    class Meta:
        db_table = "networks_framework"
        ordering = ["name"]


class Feature(Bilingual, TimeStamped):
    """One feature (or characteristic) of a framework, with its short description."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="features")
    position = models.PositiveSmallIntegerField()
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=150)
    name_cy = models.CharField(_("name in Welsh"), max_length=150, blank=True, default="", db_default="")
    description = models.TextField(blank=True)
    description_cy = models.TextField(_("description in Welsh"), blank=True, default="", db_default="")

    class Meta:
        db_table = "networks_feature"
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="feature_unique_slug"),
            models.UniqueConstraint(fields=["framework", "position"], name="feature_unique_position"),
        ]


class Question(TimeStamped):
    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    text_cy = models.TextField(_("text in Welsh"), blank=True, default="", db_default="")

    class Meta:
        db_table = "networks_question"
        ordering = ["feature__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["feature", "position"], name="question_unique_position"),
        ]

    @property
    def display_text(self) -> str:
        """The question in the reader's language (networks.bilingual)."""
        return in_language(self.text, self.text_cy)

    def __str__(self):
        return self.display_text


class Rating(models.IntegerChoices):
    """The four-point scale, and "don't know" (0), which counts apart from the mean."""

    DONT_KNOW = 0, _("Don't know")
    NOT_YET = 1, _("Not yet")
    EMERGING = 2, _("Emerging")
    DEVELOPING = 3, _("Developing")
    EMBEDDED = 4, _("Embedded")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ReviewRoundQuerySet(VisibleToQuerySet):
    def visible_filter(self, user):
        """Rounds of the networks the person can see."""
        return Q(network__in=Network.objects.visible_to(user))

    def open(self):
        return self.filter(status=RoundStatus.OPEN)

    def closed(self):
        return self.filter(status=RoundStatus.CLOSED)


class ReviewRound(TimeStamped):
    """A network's self-review on one framework, between an opening and a closing date."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="review_rounds")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=150, blank=True)
    opens_on = models.DateField()
    closes_on = models.DateField(help_text=_("The round closes at the end of this day."))
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    audience_schools = models.ManyToManyField(
        School, blank=True, related_name="+", help_text=_("Leave empty for every school in the network.")
    )
    audience_roles = models.JSONField(
        default=list, blank=True, help_text=_("Roles asked to answer; empty for every role.")
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewRoundQuerySet.as_manager()

    class Meta:
        db_table = "networks_reviewround"
        ordering = ["-opens_on", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="round_closes_after_opening"),
        ]

    def __str__(self):
        return self.title or f"{self.framework} ({dateformat.format(self.opens_on, 'F Y')})"

    @property
    def is_open(self):
        return self.status == RoundStatus.OPEN

    @property
    def is_draft(self):
        return self.status == RoundStatus.DRAFT

    @property
    def is_closed(self):
        return self.status == RoundStatus.CLOSED

    @property
    def closes_at(self):
        """The end of the closing day, in the platform's time zone."""
        end = timezone.datetime.combine(self.closes_on, timezone.datetime.max.time())
        return timezone.make_aware(end)


class ResponseGroup(models.TextChoices):
    LEADER = "leader", _("Leaders")
    STAFF = "staff", _("Staff")


class ReviewResponse(TimeStamped):
    """One person's answers in one round: saved as they go, submitted when done.

    The school and group are recorded when the response starts, so results group answers
    without looking up the person again, and never show the person.
    """

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="responses")
    # Erasing a person detaches their answers instead of deleting them: a closed round's figures
    # never change afterwards, so nobody can learn someone's answers by comparing before and after.
    user = erasable_person(related_name="review_responses")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    group = models.CharField(max_length=10, choices=ResponseGroup.choices, default=ResponseGroup.STAFF)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "networks_reviewresponse"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="one_response_per_person_per_round"),
        ]

    def __str__(self):
        return f"Response to {self.round}"


class Answer(TimeStamped):
    response = models.ForeignKey(ReviewResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    comment = models.TextField(blank=True, help_text=_("A comment or a note of evidence."))

    class Meta:
        db_table = "networks_answer"
        ordering = ["question"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
            models.CheckConstraint(condition=Q(rating__gte=0, rating__lte=4), name="answer_rating_on_the_scale"),
        ]

    def __str__(self):
        # Never the rating: admin pages list related objects by name, and must not tie a
        # person to what they answered.
        return f"Answer {self.pk}"


class MaturityStage(models.TextChoices):
    """Stages of a school's professional learning community (seed 004)."""

    EARLY_STARTER = "early_starter", _("Early starter")
    DEVELOPER = "developer", _("Developer")
    MATURE = "mature", _("Mature")


class SchoolMaturity(TimeStamped):
    """A school lead's judgement of the school's PLC stage, on a date; the latest is current."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="maturity_records")
    stage = models.CharField(max_length=20, choices=MaturityStage.choices)
    rationale = models.TextField()
    recorded_on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        db_table = "networks_schoolmaturity"
        ordering = ["school", "-recorded_on", "-created_at"]
        verbose_name_plural = "school maturity records"

    def __str__(self):
        return f"{self.school}: {self.get_stage_display()} ({self.recorded_on})"


class NoticeKind(models.TextChoices):
    ROUND_OPENED = "round_opened", _("A self-review round has opened")
    REMINDER = "reminder", _("Reminder to answer a self-review")
    ROUND_CLOSED = "round_closed", _("Summary of a closed round (leaders)")
    REVIEW_DUE = "review_due", _("The next self-review is due (leaders)")


class NoticeQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(sent_at__isnull=True, due_at__lte=now)


class Notice(TimeStamped):
    """An email owed to one person. `kind` carries a qualifier where one round needs several of
    a kind (reminder:7, reminder:2); `review_due:2027-01-05` for a network's due date."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    round = models.ForeignKey(ReviewRound, null=True, blank=True, on_delete=models.CASCADE, related_name="notices")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=40)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    skipped = models.BooleanField(default=False, help_text=_("Not sent: the person turned these emails off."))

    objects = NoticeQuerySet.as_manager()

    class Meta:
        db_table = "networks_notice"
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user", "kind"], condition=Q(round__isnull=False), name="notice_once_per_round"
            ),
            models.UniqueConstraint(
                fields=["network", "user", "kind"], condition=Q(round__isnull=True), name="notice_once_per_network"
            ),
        ]
        indexes = [
            # The sender's claim: unsent rows in due order, so a batch locks only the rows it takes.
            models.Index(fields=["due_at", "id"], condition=Q(sent_at__isnull=True), name="notice_unsent_due_idx"),
        ]

    def __str__(self):
        return f"{self.kind} for {self.user_id}"
