"""Who may run, answer and read self-reviews: `rules` predicates on rounds, networks and schools.

Rounds are scoped through their network (ReviewRound.objects.visible_to); the rules build on the
networks app's predicates (leaders, consortium staff, school leads).
"""

from __future__ import annotations

import rules

from networks.models import Network
from networks.permissions import is_consortium_staff, is_network_leader, is_school_lead

from .models import RoundStatus


@rules.predicate
def is_leader_of_round_network(user, round):
    return is_network_leader(user, round.network)


@rules.predicate
def is_staff_of_round_consortium(user, round):
    return is_consortium_staff(user, round.network)


@rules.predicate
def round_is_closed(user, round):
    return round.status == RoundStatus.CLOSED


@rules.predicate
def is_member_of_round_network(user, round):
    """Anyone who may see the round's network: its members, its schools' staff, consortium staff."""
    return Network.objects.visible_to(user).filter(pk=round.network_id).exists()


is_superuser = rules.is_superuser

# Results are for leaders and consortium staff; members see them once the round closes.
rules.add_perm("reviews.manage_rounds", is_superuser | is_network_leader | is_consortium_staff)
rules.add_perm("reviews.manage_round", is_superuser | is_leader_of_round_network | is_staff_of_round_consortium)
rules.add_perm(
    "reviews.view_round_results",
    is_superuser
    | is_leader_of_round_network
    | is_staff_of_round_consortium
    | (round_is_closed & is_member_of_round_network),
)
rules.add_perm("reviews.record_maturity", is_superuser | is_school_lead)
