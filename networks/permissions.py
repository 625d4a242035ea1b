"""Who may see and do what in networks: `rules` predicates and the `visible_to` scopes.

A person's memberships are read once per request and kept on the user object, so checking
several rules on one page costs one query.
"""

from __future__ import annotations

import rules
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import (
    LEADER_ROLES,
    Consortium,
    Invitation,
    Membership,
    Network,
    NetworkSchool,
    PracticeArea,
    Role,
    School,
    SchoolImport,
    SignInDomain,
)


def memberships_of(user):
    """The person's memberships with their places, loaded once per user object."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_memberships_cache", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).select_related(
                "consortium", "network__consortium", "school__consortium"
            )
        )
        user._memberships_cache = cached
    return cached


# Roles that see most personal data: their people (and operators) must use two-step sign-in when
# REQUIRE_TWO_STEP is on, and an officer taking the role away ends their sessions.
TWO_STEP_ROLES = (Role.CONSORTIUM_STAFF, Role.SPECIALIST, Role.NETWORK_LEADER, Role.NETWORK_CO_LEADER)


def two_step_required(user) -> bool:
    """Operators, consortium staff, specialists, and network leaders and co-leaders.

    Brokerage links a specialist's profile only to an account with a specialist membership, so the
    memberships say it all.
    """
    return user.is_staff or user.is_superuser or any(m.role in TWO_STEP_ROLES for m in memberships_of(user))


def consortium_ids_for(user):
    """Consortia the person belongs to through any membership."""
    ids = set()
    for membership in memberships_of(user):
        if membership.consortium_id:
            ids.add(membership.consortium_id)
        elif membership.network_id:
            ids.add(membership.network.consortium_id)
        else:
            ids.add(membership.school.consortium_id)
    return ids


def staff_consortium_ids(user):
    return {m.consortium_id for m in memberships_of(user) if m.role == Role.CONSORTIUM_STAFF}


def school_ids_for(user):
    return {m.school_id for m in memberships_of(user) if m.school_id}


def visible_network_filter(user):
    """Q for networks a person may see: their own, their schools', their consortium's (staff)."""
    return (
        Q(pk__in={m.network_id for m in memberships_of(user) if m.network_id})
        | Q(pk__in=NetworkSchool.objects.filter(school_id__in=school_ids_for(user)).values("network_id"))
        | Q(consortium_id__in=staff_consortium_ids(user))
    )


def _consortium_id_of(obj):
    return obj.pk if isinstance(obj, Consortium) else obj.consortium_id


@rules.predicate
def is_consortium_staff(user, obj):
    """Staff of the consortium that obj (a consortium, network or school) belongs to."""
    return obj is not None and _consortium_id_of(obj) in staff_consortium_ids(user)


@rules.predicate
def is_network_leader(user, network):
    return any(m.network_id == network.pk and m.role in LEADER_ROLES for m in memberships_of(user))


@rules.predicate
def is_school_lead(user, school):
    return any(m.school_id == school.pk and m.role == Role.SCHOOL_LEAD for m in memberships_of(user))


is_superuser = rules.is_superuser

rules.add_perm("networks.change_network", is_superuser | is_network_leader | is_consortium_staff)
rules.add_perm("networks.manage_network_schools", is_superuser | is_network_leader | is_consortium_staff)
rules.add_perm("networks.invite_to_network", is_superuser | is_network_leader | is_consortium_staff)
# Placing a network's members in its schools, as staff or school lead.
rules.add_perm("networks.manage_network_members", is_superuser | is_network_leader | is_consortium_staff)
rules.add_perm("networks.invite_to_school", is_superuser | is_school_lead | is_consortium_staff)
rules.add_perm("networks.invite_to_consortium", is_superuser | is_consortium_staff)
rules.add_perm("networks.import_schools", is_superuser | is_consortium_staff)
rules.add_perm("networks.change_practice_areas", is_superuser | is_consortium_staff)
rules.add_perm("networks.change_sign_in", is_superuser | is_consortium_staff)
rules.add_perm("networks.view_audit_trail", is_superuser | is_consortium_staff)


def require_rule(user, perm, obj=None):
    """Check the named rule itself (rules.has_perm): an operator passes only the rules that name
    is_superuser. A person who may see a page but not act on it gets a 404, never a 403."""
    if not rules.has_perm(perm, user, obj):
        raise Http404


def _checked(user, obj, perm):
    """The object a loader found, once the person passes the rule `perm` on it (when one is named)."""
    if perm is not None:
        require_rule(user, perm, obj)
    return obj


def network_for_user_or_404(user, slug, perm=None):
    """A network the person may see; with `perm`, one they may also act on by that rule."""
    network = get_object_or_404(Network.objects.visible_to(user).select_related("consortium"), slug=slug)
    return _checked(user, network, perm)


def school_for_user_or_404(user, urn, perm=None):
    school = get_object_or_404(School.objects.visible_to(user).select_related("consortium"), urn=urn)
    return _checked(user, school, perm)


def consortium_for_user_or_404(user, slug, perm=None):
    return _checked(user, get_object_or_404(Consortium.objects.visible_to(user), slug=slug), perm)


def network_school_or_404(network, urn):
    """One of the network's schools."""
    return get_object_or_404(School.objects.filter(network_schools__network=network), urn=urn)


def schools_addable_to(network):
    """Schools of the network's consortium that are not in the network yet."""
    return School.objects.filter(consortium_id=network.consortium_id).exclude(network_schools__network=network)


def school_addable_to_network_or_404(network, urn):
    """A school of the network's consortium that is not in the network yet."""
    return get_object_or_404(schools_addable_to(network), urn=urn)


def network_membership_or_404(network, pk):
    """A membership of the network itself, with its person."""
    return get_object_or_404(Membership.objects.select_related("user"), network=network, pk=pk)


# Who may invite to a place of each kind, and so withdraw its pending invitations.
INVITE_PERMS = {
    Network: "networks.invite_to_network",
    School: "networks.invite_to_school",
    Consortium: "networks.invite_to_consortium",
}


def pending_invitation_for_user_or_404(user, pk):
    """A pending invitation to a place the person can see and invite to."""
    invitation = get_object_or_404(
        Invitation.objects.pending().select_related("consortium", "network", "school"), pk=pk
    )
    place = invitation.place
    if not type(place).objects.visible_to(user).filter(pk=place.pk).exists():
        raise Http404
    require_rule(user, INVITE_PERMS[type(place)], place)
    return invitation


def practice_area_for_user_or_404(user, slug, pk):
    """A practice area of a consortium whose list the person keeps (networks.change_practice_areas)."""
    consortium = consortium_for_user_or_404(user, slug, perm="networks.change_practice_areas")
    return get_object_or_404(PracticeArea.objects.select_related("consortium"), consortium=consortium, pk=pk)


def import_consortium_for_user_or_404(user, slug):
    """The consortium, if the person may import its schools (networks.import_schools)."""
    return consortium_for_user_or_404(user, slug, perm="networks.import_schools")


def school_import_of_consortium_or_404(consortium, pk):
    return get_object_or_404(SchoolImport, pk=pk, consortium=consortium)


def sign_in_domain_of_consortium_or_404(consortium, pk):
    return get_object_or_404(SignInDomain, consortium=consortium, pk=pk)
