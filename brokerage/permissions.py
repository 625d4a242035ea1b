"""Who may see and do what at the brokerage desk: the `visible_to` filters and `rules` predicates.

- Any member of a school may raise a request for it. A request is seen by its requester, the leads
  of its school, the leaders of its network (or of a network its school is in) and the
  consortium's staff. Out of reach is a 404.
- A specialist sees their own profile and their own engagements, never the requests behind them.
- An engagement is also seen by the leads of the school that hosts or gives it.
- The record of schools' practice is searched by everyone with a role in the consortium; its staff
  keep it.

Views load every row through the loaders here (`<thing>_for_user_or_404`, built on the
`visible_to` scopes) and check these rules as they are written (`rules.has_perm`). The rules that
also ask what state a row is in (`brokerage.match_request`, `brokerage.book_engagement`, ...) say
which action a page offers; the services refuse the same states again with a reason.
"""

from __future__ import annotations

import rules
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext

from networks.models import LEADER_ROLES, SCHOOL_ROLES, Consortium, Membership, NetworkSchool, Role
from networks.permissions import (
    consortium_for_user_or_404,
    consortium_ids_for,
    is_consortium_staff,
    memberships_of,
    require_rule,
    school_for_user_or_404,
    staff_consortium_ids,
)

from .models import (
    OPEN_REQUEST_STATUSES,
    AvailabilityBlock,
    Engagement,
    EngagementStatus,
    PracticeEntry,
    Proposal,
    RequestStatus,
    Specialist,
    SupportRequest,
)

# A request the desk may still find candidates for and propose them.
MATCHABLE_REQUEST_STATUSES = (RequestStatus.SUBMITTED, RequestStatus.TRIAGED, RequestStatus.PROPOSED)
# An engagement whose plan and dates may still be agreed (or moved).
BOOKABLE_ENGAGEMENT_STATUSES = (EngagementStatus.PLANNED, EngagementStatus.BOOKED)


def led_network_ids(user) -> set[int]:
    return {m.network_id for m in memberships_of(user) if m.network_id and m.role in LEADER_ROLES}


def lead_school_ids(user) -> set[int]:
    return {m.school_id for m in memberships_of(user) if m.school_id and m.role == Role.SCHOOL_LEAD}


def visible_request_filter(user) -> Q:
    led = led_network_ids(user)
    return (
        Q(raised_by=user)
        | Q(school_id__in=lead_school_ids(user))
        | Q(network_id__in=led)
        | Q(school_id__in=NetworkSchool.objects.filter(network_id__in=led).values("school_id"))
        | Q(consortium_id__in=staff_consortium_ids(user))
    )


def visible_engagement_filter(user) -> Q:
    return (
        Q(request_id__in=SupportRequest.objects.filter(visible_request_filter(user)).values("pk"))
        | Q(specialist__user=user)
        | Q(host_school_id__in=lead_school_ids(user))
    )


def visible_specialist_filter(user) -> Q:
    return Q(consortium_id__in=staff_consortium_ids(user)) | Q(user=user)


def member_school_ids(user) -> set[int]:
    """The schools a person works in (as their lead or on their staff)."""
    return {m.school_id for m in memberships_of(user) if m.school_id and m.role in SCHOOL_ROLES}


def can_raise_requests(user) -> bool:
    """Any member of a school raises requests for it; network leaders and consortium staff for
    theirs; operators too. A school's lead sees its staff's requests and may withdraw them."""
    if user.is_superuser:
        return True
    return any(
        m.role in (Role.SCHOOL_LEAD, Role.SCHOOL_STAFF, Role.CONSORTIUM_STAFF, *LEADER_ROLES)
        for m in memberships_of(user)
    )


def is_staff_somewhere(user) -> bool:
    return user.is_superuser or bool(staff_consortium_ids(user))


def in_consortium(user, consortium_id: int) -> bool:
    return user.is_superuser or consortium_id in consortium_ids_for(user)


@rules.predicate
def is_requester_side(user, request) -> bool:
    """Who speaks for the request: its requester, its school's leads, its network's leaders."""
    if request is None:
        return False
    return (
        request.raised_by_id == user.pk
        or (request.school_id is not None and request.school_id in lead_school_ids(user))
        or (request.network_id is not None and request.network_id in led_network_ids(user))
    )


@rules.predicate
def is_staff_of_request(user, request) -> bool:
    return request is not None and request.consortium_id in staff_consortium_ids(user)


@rules.predicate
def is_staff_of_engagement(user, engagement) -> bool:
    return engagement is not None and engagement.consortium_id in staff_consortium_ids(user)


@rules.predicate
def is_requester_side_of_engagement(user, engagement) -> bool:
    return engagement is not None and is_requester_side(user, engagement.request)


@rules.predicate
def is_own_profile(user, specialist) -> bool:
    return specialist is not None and specialist.user_id is not None and specialist.user_id == user.pk


@rules.predicate
def is_lead_of_school(user, school) -> bool:
    return school is not None and school.pk in lead_school_ids(user)


@rules.predicate
def is_staff_of_entry(user, entry) -> bool:
    return entry is not None and entry.school.consortium_id in staff_consortium_ids(user)


is_superuser = rules.is_superuser

# Desk work: matching, proposing, booking, the specialists' directory, the practice record, settings.
rules.add_perm("brokerage.run_desk", is_superuser | is_consortium_staff)
rules.add_perm("brokerage.manage_request", is_superuser | is_staff_of_request)
rules.add_perm("brokerage.manage_engagement", is_superuser | is_staff_of_engagement)
rules.add_perm("brokerage.change_practice_entry", is_superuser | is_staff_of_entry)
# The requester's side: answering proposals, withdrawing, saying what was achieved.
rules.add_perm("brokerage.respond_to_proposals", is_superuser | is_requester_side)
rules.add_perm("brokerage.withdraw_request", is_superuser | is_staff_of_request | is_requester_side)
rules.add_perm("brokerage.record_outcome", is_superuser | is_staff_of_engagement | is_requester_side_of_engagement)
# Specialists keep their own profile and availability; staff keep everyone's.
rules.add_perm("brokerage.change_specialist", is_superuser | is_consortium_staff | is_own_profile)
# A school's hosting offer: its leads and the consortium's staff.
rules.add_perm("brokerage.change_host_capacity", is_superuser | is_consortium_staff | is_lead_of_school)


@rules.predicate
def raises_requests(user) -> bool:
    return can_raise_requests(user)


@rules.predicate
def sees_request(user, request) -> bool:
    """The request is in the person's `visible_to` scope (one query; operators see every request)."""
    return request is not None and SupportRequest.objects.visible_to(user).filter(pk=request.pk).exists()


def status_in(name: str, *statuses) -> rules.Predicate:
    """A predicate on the state a row (a request or an engagement) is in: its status is one of these."""
    return rules.Predicate(lambda user, obj: obj.status in statuses, name=name)


request_is_submitted = status_in("request_is_submitted", RequestStatus.SUBMITTED)
request_is_matchable = status_in("request_is_matchable", *MATCHABLE_REQUEST_STATUSES)
request_is_proposed = status_in("request_is_proposed", RequestStatus.PROPOSED)
request_is_open = status_in("request_is_open", *OPEN_REQUEST_STATUSES)
engagement_is_bookable = status_in("engagement_is_bookable", *BOOKABLE_ENGAGEMENT_STATUSES)
engagement_is_booked = status_in("engagement_is_booked", EngagementStatus.BOOKED)
engagement_is_completed = status_in("engagement_is_completed", EngagementStatus.COMPLETED)


@rules.predicate
def engagement_is_over(user, engagement) -> bool:
    """Its last day has come (an engagement with no dates yet is not over)."""
    return engagement.ends_on is not None and engagement.ends_on <= timezone.localdate()


rules.add_perm("brokerage.raise_request", raises_requests)
rules.add_perm("brokerage.view_request", sees_request)
# What a page offers now: the rules above, with the state the row is in.
rules.add_perm("brokerage.triage_request", (is_superuser | is_staff_of_request) & request_is_submitted)
rules.add_perm("brokerage.match_request", (is_superuser | is_staff_of_request) & request_is_matchable)
rules.add_perm("brokerage.answer_proposals", (is_superuser | is_requester_side) & request_is_proposed)
rules.add_perm(
    "brokerage.withdraw_open_request", request_is_open & (is_superuser | is_staff_of_request | is_requester_side)
)
rules.add_perm("brokerage.book_engagement", (is_superuser | is_staff_of_engagement) & engagement_is_bookable)
rules.add_perm(
    "brokerage.complete_engagement",
    (is_superuser | is_staff_of_engagement) & engagement_is_booked & engagement_is_over,
)
rules.add_perm(
    "brokerage.record_outcome_now",
    (is_superuser | is_staff_of_engagement | is_requester_side_of_engagement)
    & (engagement_is_completed | (engagement_is_booked & engagement_is_over)),
)


# Loaders: what a view reads a row through. Out of reach (or a rule refused) is a 404.


def _visible_or_404(model, user, pk, *related, perm=None):
    """The row of `model` with this pk in the person's `visible_to` scope, with `related` joined;
    with `perm`, only if the person may do that to it."""
    row = get_object_or_404(model.objects.visible_to(user).select_related(*related), pk=pk)
    if perm:
        require_rule(user, perm, row)
    return row


def desk_for_user_or_404(user, slug) -> Consortium:
    """A consortium whose desk the person runs (brokerage.run_desk)."""
    consortium = consortium_for_user_or_404(user, slug)
    require_rule(user, "brokerage.run_desk", consortium)
    return consortium


def request_for_user_or_404(user, pk, perm=None) -> SupportRequest:
    """A request the person can see, with its places and people; with `perm`, one they may act on so."""
    related = ("consortium", "school", "network", "raised_by", "host_school", "enquiry")
    return _visible_or_404(SupportRequest, user, pk, *related, perm=perm)


def proposal_for_user_or_404(user, pk) -> Proposal:
    """A proposal made for a request the person can see, with its request and candidate."""
    proposals = Proposal.objects.filter(request__in=SupportRequest.objects.visible_to(user)).select_related(
        "request__school", "request__network", "request__consortium", "specialist", "school"
    )
    return get_object_or_404(proposals, pk=pk)


def engagement_for_user_or_404(user, pk, perm=None) -> Engagement:
    """An engagement the person can see, with its request and provider; with `perm`, as for a request."""
    related = (
        "consortium",
        "request__school",
        "request__network",
        "request__raised_by",
        "specialist",
        "host_school",
        "booked_by",
        "reviewed_by",
    )
    return _visible_or_404(Engagement, user, pk, *related, perm=perm)


def specialist_for_user_or_404(user, pk, perm=None) -> Specialist:
    """A profile the person can see (their own, or their consortium's for staff); with `perm`, as above."""
    return _visible_or_404(Specialist, user, pk, "consortium", "base_school", "user", perm=perm)


def availability_block_of_specialist_or_404(specialist, pk) -> AvailabilityBlock:
    return get_object_or_404(AvailabilityBlock, specialist=specialist, pk=pk)


def practice_entry_for_user_or_404(user, pk, perm=None) -> PracticeEntry:
    """An entry of the record the person can search; with `perm`, as above."""
    related = ("school__consortium", "practice_area", "created_by", "content_type")
    return _visible_or_404(PracticeEntry, user, pk, *related, perm=perm)


def host_school_for_user_or_404(user, urn):
    """A school whose hosting offer the person keeps (brokerage.change_host_capacity)."""
    school = school_for_user_or_404(user, urn)
    require_rule(user, "brokerage.change_host_capacity", school)
    return school


def shared_enquiry_for_user_or_404(user, pk: str):
    """A shared enquiry the person can read ("Ask to visit this school"); `pk` as the query string gave it."""
    from enquiry.models import Enquiry, Sharing

    shared = Enquiry.objects.visible_to(user).exclude(sharing=Sharing.PRIVATE)
    return get_object_or_404(shared.select_related("school"), pk=pk if pk.isdigit() else 0)


def own_specialist_profile(user) -> Specialist | None:
    """The person's first specialist profile, if they have one."""
    return Specialist.objects.filter(user=user).order_by("pk").first()


def specialist_memberships(user) -> list[Membership]:
    """The person's specialist roles, with their consortia (one query)."""
    return list(Membership.objects.filter(user=user, role=Role.SPECIALIST).select_related("consortium"))


def digest_consortia_for(user):
    """The consortia whose digest the person may take: those they have a role in (operators: all)."""
    if user.is_superuser:
        return Consortium.objects.all()
    return Consortium.objects.filter(pk__in=consortium_ids_for(user))


def raisable_schools(user):
    """Open schools a person may raise a request for: those they work in, those in networks they
    lead, and their consortium's (staff)."""
    from networks.models import School

    schools = School.objects.open()
    if user.is_superuser:
        return schools
    return schools.filter(
        Q(pk__in=member_school_ids(user))
        | Q(pk__in=NetworkSchool.objects.filter(network_id__in=led_network_ids(user)).values("school_id"))
        | Q(consortium_id__in=staff_consortium_ids(user))
    )


def raisable_networks(user):
    """Active networks a person may raise a request for: those they lead, and their consortium's."""
    from networks.models import Network

    networks = Network.objects.active()
    if user.is_superuser:
        return networks
    return networks.filter(Q(pk__in=led_network_ids(user)) | Q(consortium_id__in=staff_consortium_ids(user)))


def ask_to_visit_link(user, enquiry) -> tuple[str, str] | None:
    """ "Ask to visit this school" on a shared enquiry's page, for a reader from another school who
    may raise requests: it opens a learning-visit request filled in from the enquiry."""
    from django.urls import reverse

    from enquiry.models import Sharing

    if not user.is_authenticated or enquiry.sharing == Sharing.PRIVATE or not can_raise_requests(user):
        return None
    if enquiry.school_id in member_school_ids(user) and not user.is_superuser:
        return None
    return gettext("Ask to visit this school"), f"{reverse('brokerage:request_create')}?enquiry={enquiry.pk}"
