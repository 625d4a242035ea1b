"""Who may run, answer and read self-reviews: `rules` predicates on rounds, networks and schools,
and the loaders every view reads through (a row out of reach is a 404).

Rounds are scoped through their network (ReviewRound.objects.visible_to); the rules build on the
networks app's predicates (leaders, consortium staff, school leads).
"""

from __future__ import annotations

import rules
from django.http import Http404
from django.shortcuts import get_object_or_404

from networks.models import Network
from networks.permissions import is_consortium_staff, is_network_leader, is_school_lead

from .models import Question, ReviewResponse, ReviewRound
from .reads import in_audience


@rules.predicate
def is_leader_of_round_network(user, round):
    return is_network_leader(user, round.network)


@rules.predicate
def is_staff_of_round_consortium(user, round):
    return is_consortium_staff(user, round.network)


@rules.predicate
def round_is_closed(user, round):
    return round.is_closed


def visible_network_ids(user):
    """The ids of the networks the person may see, read once per user object."""
    cached = getattr(user, "_visible_network_ids", None)
    if cached is None:
        cached = set(Network.objects.visible_to(user).values_list("pk", flat=True))
        user._visible_network_ids = cached
    return cached


@rules.predicate
def is_member_of_round_network(user, round):
    """Anyone who may see the round's network: its members, its schools' staff, consortium staff."""
    return round.network_id in visible_network_ids(user)


@rules.predicate
def is_asked_by_round(user, round):
    return in_audience(round, user)


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
# Answering is for the people a round asks (a response once started stays theirs to read).
rules.add_perm("reviews.answer_round", is_asked_by_round)
rules.add_perm("reviews.record_maturity", is_superuser | is_school_lead)


def round_for_user_or_404(user, pk):
    rounds = ReviewRound.objects.visible_to(user).select_related("network__consortium", "framework")
    return get_object_or_404(rounds, pk=pk)


def managed_round_for_user_or_404(user, pk):
    """A round the person runs (reviews.manage_round)."""
    round = round_for_user_or_404(user, pk)
    if not user.has_perm("reviews.manage_round", round):
        raise Http404
    return round


def results_round_for_user_or_404(user, pk):
    """A round whose results the person may read (reviews.view_round_results)."""
    round = get_object_or_404(ReviewRound.objects.visible_to(user).select_related("network", "framework"), pk=pk)
    if not user.has_perm("reviews.view_round_results", round):
        raise Http404
    return round


def question_of_round_or_404(round, pk):
    questions = Question.objects.select_related("feature").filter(feature__framework=round.framework_id)
    return get_object_or_404(questions, pk=pk)


def response_for_user_or_404(user, round):
    """The person's response to the round, or None when they have not started one; anyone the round
    does not ask (reviews.answer_round) and who has no response gets a 404."""
    response = ReviewResponse.objects.filter(round=round, user=user).first()
    if response is None and not user.has_perm("reviews.answer_round", round):
        raise Http404
    if response is not None:
        response.round = round  # already loaded, with its network
    return response
