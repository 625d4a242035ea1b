"""People and places: users, consortia, schools, networks, memberships and invitations."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import F, Func, Lookup, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..bilingual import Bilingual
from .querysets import ActiveQuerySet, SearchQuerySet, VisibleToQuerySet


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Signs in by email; what they may see comes from their memberships."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    # Blank until chosen: the switch on every page, the profile, or the first sign-in (the language
    # then in use) sets it; pages and emails follow it (networks.i18n).
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, blank=True)
    is_staff = models.BooleanField("operator", default=False, help_text="May use the admin site.")
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class ConsortiumQuerySet(VisibleToQuerySet):
    def visible_filter(self, user):
        from ..permissions import consortium_ids_for

        return Q(pk__in=consortium_ids_for(user))


class Consortium(TimeStamped):
    """A region that holds schools, networks, specialists and rates."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=60, unique=True)
    # When the consortium began: its default rates apply from that day. Given, not stamped, so a
    # consortium set up on the platform later (or the demo's) can say when it really began.
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ConsortiumQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "consortia"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:consortium_detail", args=[self.slug])


class PracticeArea(Bilingual, TimeStamped):  # noqa: DJ008 (its __str__ is Bilingual's: the reader's language)
    """One term of the consortium's practice-area taxonomy: what matching joins on. Its Welsh name
    beside the English (networks.bilingual); '' in the database too, for bulk loads that omit it."""

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="practice_areas")
    name = models.CharField(max_length=100)
    name_cy = models.CharField(_("name in Welsh"), max_length=100, blank=True, default="", db_default="")
    slug = models.SlugField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "slug"], name="practice_area_unique_slug"),
        ]


class SchoolQuerySet(VisibleToQuerySet, SearchQuerySet):
    def visible_filter(self, user):
        from ..permissions import consortium_ids_for

        return Q(consortium_id__in=consortium_ids_for(user))

    def open(self):
        return self.filter(is_open=True)

    def search_filter(self, text):
        # Every word must appear in the name, town or postcode, in any order: "primary maes" finds
        # "Maes y Coed Primary". A URN or a whole postcode matches too.
        words = Q()
        for word in text.split():
            words &= Q(name__icontains=word) | Q(postcode__icontains=word) | Q(town__icontains=word)
        query = words | Q(postcode__icontains=text)
        if text.isdigit():
            query |= Q(urn=int(text))
        return query


class School(TimeStamped):
    """A school as the register (Get Information About Schools) describes it."""

    consortium = models.ForeignKey(Consortium, on_delete=models.PROTECT, related_name="schools")
    urn = models.PositiveIntegerField("URN", unique=True, help_text="Unique reference number in the register.")
    name = models.CharField(max_length=200)
    phase = models.CharField(max_length=60, blank=True)
    establishment_type = models.CharField("type", max_length=100, blank=True)
    local_authority = models.CharField(max_length=100, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    easting = models.PositiveIntegerField(null=True, blank=True)
    northing = models.PositiveIntegerField(null=True, blank=True)
    region = models.CharField(max_length=100, blank=True)
    is_open = models.BooleanField("open", default=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name", "urn"]
        indexes = [
            models.Index(fields=["consortium", "name"]),
            models.Index(fields=["consortium", "local_authority"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("school_detail", args=[self.urn])


class NetworkQuerySet(VisibleToQuerySet, ActiveQuerySet):
    def visible_filter(self, user):
        """Networks the person belongs to, those their schools are in, and for consortium staff
        every network of their consortium."""
        from ..permissions import visible_network_filter

        return visible_network_filter(user)

    def with_counts(self):
        """Each network's number of schools and people, as subqueries (no row multiplication)."""
        return self.annotate(
            school_count=count_subquery(NetworkSchool.objects.filter(network=OuterRef("pk")), "network"),
            people_count=count_subquery(Membership.objects.filter(network=OuterRef("pk")), "network"),
        )


def count_subquery(queryset, field):
    """COUNT of a correlated subquery, 0 when there are no rows (no join, no row multiplication)."""
    rows = queryset.order_by().values(field)
    return Coalesce(
        Subquery(rows.annotate(n=Func(F("pk"), function="COUNT")).values("n"), output_field=models.IntegerField()), 0
    )


class InList(Lookup):
    """`field IN (subquery)` that PostgreSQL reads as a list fetched once: `field = ANY(ARRAY(subquery))`
    there (an init plan, then an index scan for the listed values), the plain IN elsewhere. Written
    `InList(F("pk"), queryset.values("pk"))`. For a short list filtering a large table under
    conditions with subqueries (enquiry visibility): as a semi-join the planner charges those
    subqueries' cost again for every row of the list, and scans the whole table instead (issue 15's
    "what works here", bench/README.md)."""

    lookup_name = "in_list"
    prepare_rhs = False

    def as_sql(self, compiler, connection, template="%s IN %s"):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)  # the subquery, in brackets
        return template % (lhs, rhs), (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, template="%s = ANY(ARRAY%s)")


def default_reminder_days():
    return [7, 2]


class ReviewCadence(models.TextChoices):
    NONE = "none", _("No set cadence")
    TERM = "term", _("Every term")
    HALF_YEAR = "half_year", _("Every half year")
    YEAR = "year", _("Every year")

    @property
    def days(self):
        return {"term": 91, "half_year": 182, "year": 365}.get(self.value)


class Network(TimeStamped):
    """Schools working interdependently on a shared purpose and focus."""

    consortium = models.ForeignKey(Consortium, on_delete=models.PROTECT, related_name="networks")
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    purpose = models.TextField(
        blank=True, help_text=_("Why the network exists: the difference it means to make for pupils.")
    )
    focus = models.TextField(blank=True, help_text=_("What the network is working on now."))
    practice_areas = models.ManyToManyField(PracticeArea, blank=True, related_name="networks")
    is_active = models.BooleanField("active", default=True)
    schools = models.ManyToManyField(School, through="NetworkSchool", related_name="networks")
    reminder_days = models.JSONField(
        default=default_reminder_days,
        help_text=_("Days before a self-review round closes when those who have not answered are reminded."),
    )
    review_cadence = models.CharField(
        max_length=10,
        choices=ReviewCadence.choices,
        default=ReviewCadence.NONE,
        help_text=_("How often the network reviews itself; the leader is told when the next round is due."),
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            # One network of each name in a consortium, whatever the case of its letters.
            models.UniqueConstraint(
                "consortium",
                Lower("name"),
                name="network_unique_name_in_consortium",
                violation_error_message=_("The consortium already has a network of that name."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network_detail", args=[self.slug])


class NetworkSchool(TimeStamped):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="network_schools")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="network_schools")
    joined_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["school__name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "school"], name="network_school_unique"),
        ]

    def __str__(self):
        return f"{self.school} in {self.network}"


class Role(models.TextChoices):
    CONSORTIUM_STAFF = "consortium_staff", _("Consortium staff")
    SPECIALIST = "specialist", _("Specialist")
    NETWORK_LEADER = "network_leader", _("Network leader")
    NETWORK_CO_LEADER = "network_co_leader", _("Network co-leader")
    NETWORK_MEMBER = "network_member", _("Network member")
    SCHOOL_LEAD = "school_lead", _("School lead")
    SCHOOL_STAFF = "school_staff", _("School staff")


CONSORTIUM_ROLES = (Role.CONSORTIUM_STAFF, Role.SPECIALIST)
NETWORK_ROLES = (Role.NETWORK_LEADER, Role.NETWORK_CO_LEADER, Role.NETWORK_MEMBER)
SCHOOL_ROLES = (Role.SCHOOL_LEAD, Role.SCHOOL_STAFF)
LEADER_ROLES = (Role.NETWORK_LEADER, Role.NETWORK_CO_LEADER)
# The roles someone is given at a school, in the order forms offer them.
SCHOOL_ROLE_CHOICES = [(role.value, role.label) for role in (Role.SCHOOL_STAFF, Role.SCHOOL_LEAD)]


def scope_constraint():
    """Each role applies to exactly one kind of place: a consortium, a network or a school."""
    return (
        Q(role__in=CONSORTIUM_ROLES, consortium__isnull=False, network__isnull=True, school__isnull=True)
        | Q(role__in=NETWORK_ROLES, consortium__isnull=True, network__isnull=False, school__isnull=True)
        | Q(role__in=SCHOOL_ROLES, consortium__isnull=True, network__isnull=True, school__isnull=False)
    )


def place_field(place) -> str:
    """The field that names a place of this kind on a membership or an invitation."""
    return {Consortium: "consortium", Network: "network", School: "school"}[type(place)]


class ScopedRole(TimeStamped):
    """A role and the one place it applies to; shared by memberships and invitations."""

    role = models.CharField(max_length=30, choices=Role.choices)
    consortium = models.ForeignKey(Consortium, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey(Network, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

    @property
    def place(self):
        return self.consortium or self.network or self.school

    @property
    def place_consortium_id(self):
        if self.consortium_id:
            return self.consortium_id
        if self.network_id:
            return self.network.consortium_id
        return self.school.consortium_id


class MembershipQuerySet(models.QuerySet):
    def for_network(self, network):
        return self.filter(network=network)

    def leaders(self):
        return self.filter(role__in=LEADER_ROLES)


class Membership(ScopedRole):
    """A person's role in one consortium, network or school. A person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    consortium = models.ForeignKey(
        Consortium, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    network = models.ForeignKey(Network, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["role", "user__full_name"]
        constraints = [
            models.CheckConstraint(condition=scope_constraint(), name="membership_role_matches_place"),
            models.UniqueConstraint(
                fields=["user", "role", "consortium"],
                condition=Q(consortium__isnull=False),
                name="membership_unique_consortium",
            ),
            models.UniqueConstraint(
                fields=["user", "network"], condition=Q(network__isnull=False), name="membership_unique_network"
            ),
            models.UniqueConstraint(
                fields=["user", "role", "school"], condition=Q(school__isnull=False), name="membership_unique_school"
            ),
        ]

    def __str__(self):
        return f"{self.user} - {self.get_role_display()} - {self.place}"


class InvitationStatus(models.TextChoices):
    """What has become of an invitation (worked out from its dates: see Invitation.status)."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())

    def for_email(self, email):
        return self.filter(email__iexact=email)


class Invitation(ScopedRole):
    """An invitation to take a role somewhere. Expires after INVITATION_DAYS and works once."""

    email = models.EmailField()
    consortium = models.ForeignKey(
        Consortium, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    network = models.ForeignKey(Network, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="invitations_sent")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations_accepted"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # An invitation to a network also names the person's school (one of the network's) and their
    # role there, so that accepting it places them in a school as well. Older ones name none.
    school_in_network = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.CASCADE, related_name="network_invitations"
    )
    school_role = models.CharField(max_length=30, choices=SCHOOL_ROLE_CHOICES, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=scope_constraint(), name="invitation_role_matches_place"),
            models.CheckConstraint(
                condition=Q(school_in_network__isnull=True, school_role="")
                | Q(network__isnull=False, school_in_network__isnull=False, school_role__in=SCHOOL_ROLES),
                name="invitation_school_in_network_has_a_role",
            ),
        ]

    def __str__(self):
        return f"{self.email} as {self.get_role_display()} of {self.place}"

    @property
    def status(self) -> InvitationStatus:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.WITHDRAWN
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @property
    def is_pending(self) -> bool:
        return self.status == InvitationStatus.PENDING


class SchoolImport(TimeStamped):
    """An uploaded register extract, kept between its preview and its confirmation.

    Confirming queues the import (a task: 100,000 rows take minutes). The task saves every school
    or none in one transaction, so while it runs this row still reads "queued"; the rows it has
    done so far are reported through the cache (networks.progress), out of `rows_total`.
    """

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked, not confirmed")
        QUEUED = "queued", _("Being imported")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Could not be imported")

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="school_imports")
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(max_length=255)
    content = models.TextField(help_text="The file's text, decoded.")
    report = models.JSONField(default=dict, blank=True, help_text="Counts and skipped rows, as last run.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKED)
    rows_total = models.PositiveIntegerField(default=0, help_text="Rows in the file (blank rows aside).")
    failure = models.TextField(blank=True, help_text="Why the last run saved nothing, for the person who confirmed.")
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.consortium})"
