"""Self-review reads across many rounds at once: who each round asks, and what waits for a person.

Worked out over memberships already loaded, so a page costs a fixed number of queries however
many rounds it lists.
"""

from django.db.models import Count, OuterRef, Q

from .models import Membership, NetworkSchool, Question, ReviewResponse, ReviewRound, count_subquery
from .permissions import memberships_of

# Audiences, worked out over memberships already loaded (a fixed number of queries for any number
# of rounds). The same rule as review_services.audience_memberships; test_review_pages checks that
# both agree.


def _audience_ids(round, memberships, network_school_ids, chosen_school_ids):
    """The ids of the people a round asks: its network's members and its schools' staff, narrowed
    to the chosen schools and roles (a network member counts for a chosen school through a
    membership of that school)."""
    schools = set(chosen_school_ids) or set(network_school_ids)
    roles = set(round.audience_roles)

    def role_counts(m):
        return not roles or m.role in roles

    at_school = {m.user_id for m in memberships if m.school_id in schools}
    ids = {m.user_id for m in memberships if m.school_id in schools and role_counts(m)}
    ids |= {
        m.user_id
        for m in memberships
        if m.network_id == round.network_id and role_counts(m) and (not chosen_school_ids or m.user_id in at_school)
    }
    return ids


def _schools_of_rounds(rounds):
    """Two dicts: each round's network's school ids, and each round's chosen school ids."""
    network_ids = {r.network_id for r in rounds}
    network_schools = {}
    for network_id, school_id in NetworkSchool.objects.filter(network_id__in=network_ids).values_list(
        "network_id", "school_id"
    ):
        network_schools.setdefault(network_id, set()).add(school_id)
    chosen = {}
    for round_id, school_id in ReviewRound.audience_schools.through.objects.filter(
        reviewround_id__in=[r.pk for r in rounds]
    ).values_list("reviewround_id", "school_id"):
        chosen.setdefault(round_id, set()).add(school_id)
    return network_schools, chosen


def audience_by_round(rounds):
    """{round id: set of user ids} for rounds of one or more networks, in four queries."""
    rounds = list(rounds)
    if not rounds:
        return {}
    network_schools, chosen = _schools_of_rounds(rounds)
    school_ids = set().union(*network_schools.values(), *chosen.values())
    memberships = list(
        Membership.objects.filter(
            Q(network_id__in={r.network_id for r in rounds}) | Q(school_id__in=school_ids), user__is_active=True
        ).only("user_id", "role", "network_id", "school_id")
    )
    return {
        r.pk: _audience_ids(r, memberships, network_schools.get(r.network_id, ()), chosen.get(r.pk, ())) for r in rounds
    }


def rounds_to_answer(user, network=None):
    """Open rounds that ask this person and that they have not submitted, each with `response`
    (theirs, or None) and `answered`/`total` counts. Four queries, however many rounds (the
    person's memberships come from permissions.memberships_of, loaded once per request)."""
    if not user.is_authenticated:
        return []
    memberships = memberships_of(user)
    asked_by = (  # the networks whose rounds may ask the person, as in review_services.audience_memberships
        Q(network_id__in={m.network_id for m in memberships if m.network_id})
        | Q(network__network_schools__school_id__in={m.school_id for m in memberships if m.school_id})
        | Q(responses__user=user)
    )
    rounds = (
        ReviewRound.objects.visible_to(user)
        .open()
        .filter(pk__in=ReviewRound.objects.filter(asked_by).values("pk"))
        .exclude(pk__in=ReviewResponse.objects.filter(user=user, submitted_at__isnull=False).values("round_id"))
        .select_related("network", "framework")
        .annotate(
            total=count_subquery(
                Question.objects.filter(feature__framework=OuterRef("framework_id")), "feature__framework"
            )
        )
        .order_by("closes_on", "pk")
    )
    if network is not None:
        rounds = rounds.filter(network=network)
    rounds = list(rounds)
    if not rounds:
        return []
    network_schools, chosen = _schools_of_rounds(rounds)
    responses = {
        r.round_id: r
        for r in ReviewResponse.objects.filter(user=user, round__in=rounds).annotate(answered=Count("answers"))
    }
    mine = []
    for r in rounds:
        asked = user.pk in _audience_ids(r, memberships, network_schools.get(r.network_id, ()), chosen.get(r.pk, ()))
        if asked or r.pk in responses:
            r.response = responses.get(r.pk)
            r.answered = r.response.answered if r.response else 0
            mine.append(r)
    return mine
