"""Who may see and do what at the brokerage desk: the `visible_to` filters and `rules` predicates.

- Any member of a school may raise a request for it. A request is seen by its requester, the leads
  of its school, the leaders of its network (or of a network its school is in) and the
  consortium's staff. Out of reach is a 404.
- A specialist sees their own profile and their own engagements, never the requests behind them.
- An engagement is also seen by the leads of the school that hosts or gives it.
- The record of schools' practice is searched by everyone with a role in the consortium; its staff
  keep it.
"""

from __future__ import annotations

import rules
from django.db.models import Q
from django.utils.translation import gettext

from networks.models import LEADER_ROLES, SCHOOL_ROLES, NetworkSchool, Role
from networks.permissions import (
    consortium_ids_for,
    is_consortium_staff,
    memberships_of,
    staff_consortium_ids,
)


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
    from .models import SupportRequest

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
