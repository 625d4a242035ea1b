"""Requests for support, each change of state dated and by whom, and the candidates proposed."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models.fields import days_field
from networks.models import Consortium, Network, PracticeArea, School, TimeStamped
from networks.models.fields import erasable_person
from networks.models.querysets import VisibleToQuerySet

from .vocab import OPEN_REQUEST_STATUSES, CountsDays, Phase, ProposalStatus, RequestKind, RequestStatus, pounds_field


def exactly_one_of(first: str, second: str, *, name: str) -> models.CheckConstraint:
    """A check that a row names one of two things and not both: a specialist or a school (the
    candidate a proposal puts, the provider of an engagement)."""
    return models.CheckConstraint(
        condition=Q(**{f"{first}__isnull": True, f"{second}__isnull": False})
        | Q(**{f"{first}__isnull": False, f"{second}__isnull": True}),
        name=name,
    )


class SupportRequestQuerySet(VisibleToQuerySet):
    def visible_filter(self, user):
        """Its requester, the school's leads, the leaders of its network (or of a network the school
        is in) and the consortium's staff."""
        from ..permissions import visible_request_filter

        return visible_request_filter(user)

    def open(self):
        return self.filter(status__in=OPEN_REQUEST_STATUSES)

    def for_lists(self):
        return self.select_related("consortium", "school", "network", "raised_by").prefetch_related("practice_areas")


class SupportRequest(CountsDays, TimeStamped):
    """What a school or network needs, raised by a member of the school, a network leader or a
    consortium officer, and brokered by the consortium's staff."""

    consortium = models.ForeignKey(Consortium, on_delete=models.PROTECT, related_name="support_requests")
    kind = models.CharField(_("what kind of support"), max_length=30, choices=RequestKind.choices)
    school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_requests",
        help_text=_("The school the support is for."),
    )
    network = models.ForeignKey(
        Network,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_requests",
        help_text=_("The network the support is for (or the school's network)."),
    )
    raised_by = erasable_person(related_name="support_requests")
    # A learning visit asked for from a shared enquiry's page: the school to visit, and what was read.
    host_school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visit_requests",
        help_text=_("The school the requester asks to visit, if they named one."),
    )
    enquiry = models.ForeignKey(
        "enquiry.Enquiry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visit_requests",
        help_text=_("The shared enquiry the request was raised from."),
    )
    title = models.CharField(max_length=200, help_text=_("For example: Year 6 writing."))
    practice_areas = models.ManyToManyField(PracticeArea, related_name="support_requests")
    phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    need = models.TextField(_("what is needed"), max_length=4000)
    reason = models.TextField(_("why"), max_length=4000, blank=True)
    preferred_from = models.DateField(_("preferred dates from"), null=True, blank=True)
    preferred_to = models.DateField(_("preferred dates to"), null=True, blank=True)
    days = days_field(_("days of support"), least="0.5")
    budget = pounds_field(_("budget (GBP)"), max_digits=9, null=True, blank=True)
    status = models.CharField(max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED)
    status_changed_at = models.DateTimeField(default=timezone.now)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(school__isnull=False) | Q(network__isnull=False), name="request_for_school_or_network"
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0), name="request_budget_not_negative"
            ),
            models.CheckConstraint(condition=Q(days__gt=0), name="request_days_positive"),
            models.CheckConstraint(
                condition=Q(preferred_from__isnull=True)
                | Q(preferred_to__isnull=True)
                | Q(preferred_to__gte=F("preferred_from")),
                name="request_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=["consortium", "status"], name="request_consortium_status_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("brokerage:request_detail", args=[self.pk])

    @property
    def for_whom(self) -> str:
        if self.school_id and self.network_id:
            return f"{self.school.name} ({self.network.name})"
        return self.school.name if self.school_id else self.network.name

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES

    @property
    def kind_enum(self) -> RequestKind:
        return RequestKind(self.kind)


class RequestEvent(models.Model):
    """One change of a request's state: when, by whom, and any note."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=RequestStatus.choices)
    by = erasable_person(related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.request_id}: {self.from_status or 'new'} -> {self.to_status}"


class Proposal(TimeStamped):
    """A candidate staff put to the requester: a host school or a specialist, with the reasons."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="proposals")
    specialist = models.ForeignKey(
        "brokerage.Specialist", null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.PROTECT, related_name="support_proposals"
    )
    score = models.FloatField(default=0)
    reasons = models.JSONField(default=list, blank=True, help_text=_("The match's reasons, as they stood."))
    note = models.TextField(_("note for the requester"), blank=True, max_length=2000)
    status = models.CharField(max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED)
    proposed_by = erasable_person(related_name="+")
    response_reason = models.TextField(blank=True, max_length=2000)
    responded_by = erasable_person(related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            exactly_one_of("specialist", "school", name="proposal_one_candidate"),
            models.UniqueConstraint(
                fields=["request", "specialist"],
                condition=Q(specialist__isnull=False),
                name="proposal_specialist_once_per_request",
            ),
            models.UniqueConstraint(
                fields=["request", "school"], condition=Q(school__isnull=False), name="proposal_school_once_per_request"
            ),
        ]
        indexes = [
            models.Index(fields=["specialist", "created_at"], name="proposal_specialist_idx"),
            models.Index(fields=["school", "created_at"], name="proposal_school_idx"),
        ]

    def __str__(self):
        return f"{self.candidate} for {self.request}"

    @property
    def candidate(self):
        return self.specialist if self.specialist_id else self.school

    @property
    def candidate_kind(self) -> str:
        return "specialist" if self.specialist_id else "school"
