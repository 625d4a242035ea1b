"""Reads that several pages share: who in a network has no school there, and where a person has none."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from .models import Membership, Network, NetworkSchool, School
from .permissions import memberships_of, school_ids_for


def networks_without_your_school(user):
    """The networks the person is a member of that have schools, none of them the person's.

    School-by-school results and cost approval count people by their school, so these people are
    asked to choose one. No query when the person is in no network.
    """
    network_ids = {m.network_id for m in memberships_of(user) if m.network_id}
    if not network_ids:
        return Network.objects.none()
    schools = NetworkSchool.objects.filter(network=OuterRef("pk"))
    return (
        Network.objects.filter(pk__in=network_ids)
        .filter(Exists(schools))
        .exclude(Exists(schools.filter(school_id__in=school_ids_for(user))))
        .order_by("name")
    )


def schools_to_choose_from(user) -> list[tuple[Network, list[School]]]:
    """Each network without the person's school, with its schools: what the person may choose."""
    networks = list(networks_without_your_school(user))
    by_network = {network.pk: [] for network in networks}
    rows = (
        NetworkSchool.objects.filter(network_id__in=list(by_network)).select_related("school").order_by("school__name")
    )
    for row in rows:
        by_network[row.network_id].append(row.school)
    return [(network, by_network[network.pk]) for network in networks]


def members_with_schools(network: Network) -> list[Membership]:
    """The network's memberships, each with `schools_here`: the person's school memberships at the
    network's schools (empty for someone with no school in the network). Two queries."""
    memberships = list(
        Membership.objects.filter(network=network).select_related("user").order_by("user__full_name", "user__email")
    )
    here: dict[int, list[Membership]] = {m.user_id: [] for m in memberships}
    school_memberships = (
        Membership.objects.filter(user_id__in=list(here), school__network_schools__network=network)
        .select_related("school")
        .order_by("school__name", "role")
    )
    for school_membership in school_memberships:
        here[school_membership.user_id].append(school_membership)
    for membership in memberships:
        membership.schools_here = here[membership.user_id]
    return memberships
