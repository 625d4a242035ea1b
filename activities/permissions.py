"""Who may see and do what with activities, costs and tools: `rules` predicates and perms.

Seeing: an activity, its tools and its network's pages are visible to whoever can see the network
(`Activity.objects.visible_to(user)`). Everything else is a 404 from the views.
Planning and editing: the network's leaders and co-leaders, and its consortium's staff.
Costs: the budget is for planners and the leads of the network's schools; a school lead approves
only their own school's lines; lines borne by no school are approved by the planners.

Views load every object through the loaders at the end (`<thing>_for_user_or_404`, built on the
`visible_to` scopes, or `<thing>_of_<parent>_or_404` for a row of a parent already loaded through
one): a row out of reach is a 404, and so is one the person may see but not change.
"""

from __future__ import annotations

import rules
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from networks.models import Network, NetworkSchool, Role
from networks.permissions import (
    consortium_for_user_or_404,
    is_consortium_staff,
    is_network_leader,
    memberships_of,
    require_rule,
)

from .models import (
    Activity,
    ActivityStatus,
    ActivityType,
    CalendarFeed,
    ChecklistItem,
    CostLine,
    CostStatus,
    NetworkBudget,
    Participant,
    ParticipantRole,
    Rate,
)

is_superuser = rules.is_superuser


def _network_of(obj):
    """A network, or the network of an activity, cost line or tool."""
    if isinstance(obj, Network):
        return obj
    if isinstance(obj, CostLine):
        return obj.activity.network
    return obj.network


@rules.predicate
def plans_in_network(user, obj):
    """Leader or co-leader of the object's network, or staff of its consortium."""
    if obj is None:
        return False
    network = _network_of(obj)
    return is_network_leader(user, network) or is_consortium_staff(user, network)


@rules.predicate
def leads_a_school_of_network(user, obj):
    if obj is None:
        return False
    network = _network_of(obj)
    lead_of = {m.school_id for m in memberships_of(user) if m.role == Role.SCHOOL_LEAD}
    if not lead_of:
        return False
    return NetworkSchool.objects.filter(network=network, school_id__in=lead_of).exists()


def _role_in(user, activity, roles):
    if activity is None or not user.is_authenticated:
        return False
    prefetched = getattr(activity, "_prefetched_objects_cache", {}).get("participants")
    if prefetched is not None:
        return any(p.user_id == user.pk and p.role in roles for p in prefetched)
    return activity.participants.filter(user=user, role__in=roles).exists()


@rules.predicate
def takes_part(user, activity):
    return _role_in(user, activity, [role.value for role in ParticipantRole])


@rules.predicate
def is_recorder(user, activity):
    return _role_in(user, activity, [ParticipantRole.RECORDER, ParticipantRole.OWNER])


@rules.predicate
def is_owner(user, activity):
    return _role_in(user, activity, [ParticipantRole.OWNER])


@rules.predicate
def leads_school_bearing_line(user, line):
    return line.school_id is not None and any(
        m.school_id == line.school_id and m.role == Role.SCHOOL_LEAD for m in memberships_of(user)
    )


@rules.predicate
def line_borne_by_network(user, line):
    return line.school_id is None


@rules.predicate
def line_is_proposed(user, line):
    return line.status == CostStatus.PROPOSED


@rules.predicate
def line_is_approved(user, line):
    return line.status == CostStatus.APPROVED


@rules.predicate
def evaluations_open(user, activity):
    """People evaluate an activity once it has begun, unless it was cancelled."""
    return activity.has_begun and activity.status != ActivityStatus.CANCELLED


@rules.predicate
def runs_tool_activity(user, tool):
    """The owner, facilitator or recorder of the activity a tool belongs to may use it live."""
    return tool.activity_id is not None and _role_in(
        user,
        tool.activity,
        [ParticipantRole.OWNER, ParticipantRole.FACILITATOR, ParticipantRole.RECORDER],
    )


planner = is_superuser | plans_in_network

# Activities: plan in a network, change one activity (both take a network or an activity).
rules.add_perm("activities.plan_activity", planner)
rules.add_perm("activities.change_activity", planner)
rules.add_perm("activities.record_evaluation", evaluations_open & takes_part)
rules.add_perm("activities.write_notes", planner | is_recorder)
rules.add_perm("activities.write_outcomes", planner | is_owner)
rules.add_perm("activities.see_evaluations", planner | is_owner)
# Costs. The budget of a network (or an activity's costs).
rules.add_perm("activities.view_budget", planner | leads_a_school_of_network)
approves_line = is_superuser | leads_school_bearing_line | (line_borne_by_network & planner)
records_spend = is_superuser | leads_school_bearing_line | planner
rules.add_perm("activities.approve_cost_line", approves_line)
rules.add_perm("activities.record_spend", records_spend)
# What a line's row offers the person now: approving it while proposed, recording spend once approved.
rules.add_perm("activities.approve_proposed_line", line_is_proposed & approves_line)
rules.add_perm("activities.spend_on_approved_line", line_is_approved & records_spend)
rules.add_perm("activities.change_rates", is_superuser | is_consortium_staff)
rules.add_perm("activities.set_budget", planner)
# Facilitation tools: planners make them; the people running the activity use them live too.
rules.add_perm("activities.make_tool", planner)
rules.add_perm("activities.change_tool", planner | runs_tool_activity)


def _if_allowed(user, perm, obj):
    """`obj`, if the named rule lets the person act on it; a 404 if not."""
    require_rule(user, perm, obj)
    return obj


# Loaders: every object a view reads, through a scope (out of reach is a 404) ----------------------


def activity_for_user_or_404(user, pk):
    activities = Activity.objects.visible_to(user).select_related(
        "network__consortium", "activity_type", "host_school", "innovation_phase"
    )
    return get_object_or_404(activities, pk=pk)


def activity_page_for_user_or_404(user, pk):
    """An activity with its people (their schools and evaluations) loaded in role order, so the rules
    about who takes part read them instead of asking again."""
    participants = Participant.objects.select_related("user", "school", "evaluation").order_by(
        "role", "user__full_name"
    )
    activities = (
        Activity.objects.visible_to(user)
        .select_related("network__consortium", "activity_type", "host_school", "innovation_phase")
        .prefetch_related(Prefetch("participants", queryset=participants))
    )
    return get_object_or_404(activities, pk=pk)


def planned_activity_for_user_or_404(user, pk):
    """An activity the person may change (activities.change_activity)."""
    return _if_allowed(user, "activities.change_activity", activity_for_user_or_404(user, pk))


def active_activity_type_or_404(slug):
    return get_object_or_404(ActivityType.objects.active().prefetch_related("steps"), slug=slug)


def checklist_item_of_activity_or_404(activity, pk):
    return get_object_or_404(ChecklistItem, activity=activity, pk=pk)


def participant_for_user_or_404(user, pk, participant_pk):
    """A participant of an activity the person may change, with their person and school."""
    activity = planned_activity_for_user_or_404(user, pk)
    return get_object_or_404(Participant.objects.select_related("user", "school"), activity=activity, pk=participant_pk)


def evaluating_participant_for_user_or_404(user, pk):
    """The activity and the person's own place in it, while they may evaluate it
    (activities.record_evaluation: they take part, and evaluations are open)."""
    activity = activity_for_user_or_404(user, pk)
    participant = activity.participants.filter(user=user).first()
    # The participant row is the takes_part half of the rule, read once because the page needs it.
    if participant is None or not evaluations_open(user, activity):
        raise Http404
    return activity, participant


def cost_line_for_user_or_404(user, pk, line_pk):
    """A cost line of an activity whose budget the person sees (activities.view_budget)."""
    activity = activity_for_user_or_404(user, pk)
    require_rule(user, "activities.view_budget", activity.network)
    line = get_object_or_404(CostLine.objects.select_related("school"), activity=activity, pk=line_pk)
    line.activity = activity
    return line


def network_budget_of_network_or_404(network, pk):
    return get_object_or_404(NetworkBudget, network=network, pk=pk)


def rates_consortium_for_user_or_404(user, slug):
    """A consortium whose rates the person keeps (activities.change_rates)."""
    return _if_allowed(user, "activities.change_rates", consortium_for_user_or_404(user, slug))


def rate_of_consortium_or_404(consortium, pk):
    return get_object_or_404(Rate, consortium=consortium, pk=pk)


def calendar_feed_or_404(token):
    """The calendar feed of an active person, by its secret token (the feed is read signed out)."""
    return get_object_or_404(CalendarFeed.objects.select_related("user"), token=token, user__is_active=True)


def tool_for_user_or_404(user, model, pk):
    """A facilitation tool (jigsaw, PSTB record, force-field analysis) of a network the person sees."""
    return get_object_or_404(model.objects.visible_to(user).select_related("network__consortium", "activity"), pk=pk)


def tool_part_or_404(parts, pk):
    """One row of a tool's own parts (a PSTB record's causes, whys or actions; an analysis's forces)."""
    return get_object_or_404(parts.all(), pk=pk)


def has_rule(user, perm, obj=None) -> bool:
    """Whether the named rule itself holds (rules.has_perm), for what a page offers: unlike
    user.has_perm, an operator passes only the rules that name is_superuser."""
    return rules.has_perm(perm, user, obj)
