"""Who may see and do what with enquiries: the `visible_to` scope and `rules` predicates.

Reading: an enquiry is always visible to its owner, its co-enquirers and its critical friends.
Once shared it is visible, as far as it was shared, to
- school: the people with a role in its school (staff and school lead);
- network: the people who can see its network (its members, its schools' staff, its
  consortium's staff);
- consortium: anyone with a role anywhere in the consortium of its school;
- public: everyone, signed out too.
Operators (superusers) see everything shared, never what is private. Everything is one Q built
from the person's memberships (read once per request), so a list costs a fixed number of queries.

Views load enquiries only through the loaders here (`enquiry_for_user_or_404` and the rest, all
built on `Enquiry.objects.visible_to(user)`): one out of reach is a 404, and a signed-out reader of
anything not public is sent to sign in (`SignInFirst`).

The enquiry rules are checked as they are written (`rules.has_perm`, through
`networks.shortcuts.require_perm`), with no shortcut for operators: they read shared enquiries but
do not write in teachers' work.
"""

from __future__ import annotations

import rules
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from networks.models import Network
from networks.permissions import (
    consortium_for_user_or_404,
    consortium_ids_for,
    is_consortium_staff,
    is_network_leader,
    is_superuser,
    require_rule,
    school_ids_for,
)

from .models import Approach, Collaborator, CollaboratorRole, Enquiry, Evidence, EvidenceKind, ImpactClaim, Sharing

OWNER = "owner"


def visible_enquiry_filter(user) -> Q:
    public = Q(sharing=Sharing.PUBLIC)
    if not user.is_authenticated:
        return public
    invited = Q(owner=user) | Q(pk__in=Collaborator.objects.filter(user=user).values("enquiry_id"))
    if user.is_superuser:
        return invited | ~Q(sharing=Sharing.PRIVATE)
    return (
        public
        | invited
        | Q(sharing=Sharing.SCHOOL, school_id__in=school_ids_for(user))
        | Q(sharing=Sharing.NETWORK, network_id__in=Network.objects.visible_to(user).values("pk"))
        | Q(sharing=Sharing.CONSORTIUM, school__consortium_id__in=consortium_ids_for(user))
    )


def role_on(user, enquiry) -> str | None:
    """ "owner", "co_enquirer", "critical_friend" or None: read once per person and enquiry object."""
    if not user.is_authenticated:
        return None
    if enquiry.owner_id == user.pk:
        return OWNER
    cache = getattr(enquiry, "_role_cache", None)
    if cache is None:
        cache = enquiry._role_cache = {}
    if user.pk not in cache:
        cache[user.pk] = Collaborator.objects.filter(enquiry=enquiry, user=user).values_list("role", flat=True).first()
    return cache[user.pk]


@rules.predicate
def is_owner(user, enquiry):
    return role_on(user, enquiry) == OWNER


@rules.predicate
def is_co_enquirer(user, enquiry):
    return role_on(user, enquiry) == CollaboratorRole.CO_ENQUIRER


@rules.predicate
def is_invited(user, enquiry):
    return role_on(user, enquiry) is not None


@rules.predicate
def is_shared_in_readers_consortium(user, enquiry):
    """A colleague of the same consortium reading a shared enquiry may act as a critical friend."""
    return enquiry.sharing != Sharing.PRIVATE and enquiry.school.consortium_id in consortium_ids_for(user)


# Co-enquirers work on it with the owner; only the owner shares it, invites people or deletes it.
rules.add_perm("enquiry.change_enquiry", is_owner | is_co_enquirer)
rules.add_perm("enquiry.manage_enquiry", is_owner)
rules.add_perm("enquiry.comment_on_enquiry", rules.is_authenticated & (is_invited | is_shared_in_readers_consortium))
# The consortium's list of approaches enquirers tag is its staff's to edit.
rules.add_perm("enquiry.change_approaches", is_superuser | is_consortium_staff)
# Who is enquiring into what across a network: for its leaders and the consortium's staff.
rules.add_perm("enquiry.view_network_enquiries", is_superuser | is_network_leader | is_consortium_staff)


class SignInFirst(Exception):
    """A signed-out reader asked for something that is not public: the view sends them to sign in."""


def enquiry_for_user_or_404(user, pk, queryset=None):
    queryset = queryset if queryset is not None else Enquiry.objects.all()
    enquiry = queryset.visible_to(user).select_related("school__consortium", "network", "owner").filter(pk=pk).first()
    if enquiry is None:
        if not user.is_authenticated:
            raise SignInFirst
        raise Http404
    return enquiry


def evidence_for_user_or_404(user, pk, evidence_id):
    """A piece of evidence of an enquiry the person may change (enquiry.change_enquiry), with its enquiry."""
    enquiry = enquiry_for_user_or_404(user, pk)
    require_rule(user, "enquiry.change_enquiry", enquiry)
    return enquiry, get_object_or_404(enquiry.evidence.all(), pk=evidence_id)


def evidence_file_for_user_or_404(user, token):
    """An evidence file of an enquiry the person may see, checked on every download."""
    evidence = (
        Evidence.objects.filter(token=token, kind=EvidenceKind.FILE)
        .select_related("enquiry")
        .filter(enquiry__in=Enquiry.objects.visible_to(user).values("pk"))
        .first()
    )
    if evidence is None:
        if not user.is_authenticated:
            raise SignInFirst
        raise Http404
    return evidence


def collaborator_of_enquiry_or_404(enquiry, pk):
    return get_object_or_404(enquiry.collaborators.select_related("user"), pk=pk)


def claim_of_enquiry_or_404(enquiry, pk):
    return get_object_or_404(ImpactClaim.objects.filter(enquiry=enquiry), pk=pk)


def overview_network_for_user_or_404(user, slug):
    """A network whose enquiries the person may overview (enquiry.view_network_enquiries)."""
    network = get_object_or_404(Network.objects.visible_to(user).select_related("consortium"), slug=slug)
    require_rule(user, "enquiry.view_network_enquiries", network)
    return network


def approaches_consortium_for_user_or_404(user, slug):
    """A consortium whose list of approaches the person keeps (enquiry.change_approaches)."""
    consortium = consortium_for_user_or_404(user, slug)
    require_rule(user, "enquiry.change_approaches", consortium)
    return consortium


def approach_for_user_or_404(user, slug, pk) -> Approach:
    consortium = approaches_consortium_for_user_or_404(user, slug)
    return get_object_or_404(Approach.objects.select_related("consortium"), consortium=consortium, pk=pk)
