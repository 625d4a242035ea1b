"""Who may see and do what with activities, costs and tools: `rules` predicates and perms.

Seeing: an activity, its tools and its network's pages are visible to whoever can see the network
(`Activity.objects.visible_to(user)`). Everything else is a 404 from the views.
Planning and editing: the network's leaders and co-leaders, and its consortium's staff.
Costs: the budget is for planners and the leads of the network's schools; a school lead approves
only their own school's lines; lines borne by no school are approved by the planners.
"""

from __future__ import annotations

import rules

from networks.models import NetworkSchool
from networks.permissions import is_consortium_staff, is_network_leader, memberships_of

from .models import ParticipantRole

is_superuser = rules.is_superuser


def _network_of(obj):
    """A network, or the network of an activity, cost line or tool."""
    name = obj.__class__.__name__
    if name == "Network":
        return obj
    if name == "CostLine":
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
    lead_of = {m.school_id for m in memberships_of(user) if m.role == "school_lead"}
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
        m.school_id == line.school_id and m.role == "school_lead" for m in memberships_of(user)
    )


@rules.predicate
def line_borne_by_network(user, line):
    return line.school_id is None


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
rules.add_perm("activities.record_evaluation", takes_part)
rules.add_perm("activities.write_notes", planner | is_recorder)
rules.add_perm("activities.write_outcomes", planner | is_owner)
rules.add_perm("activities.see_evaluations", planner | is_owner)
# Costs. The budget of a network (or an activity's costs).
rules.add_perm("activities.view_budget", planner | leads_a_school_of_network)
rules.add_perm(
    "activities.approve_cost_line", is_superuser | leads_school_bearing_line | (line_borne_by_network & planner)
)
rules.add_perm(
    "activities.record_spend",
    is_superuser | leads_school_bearing_line | planner,
)
rules.add_perm("activities.change_rates", is_superuser | is_consortium_staff)
rules.add_perm("activities.set_budget", planner)
# Facilitation tools: planners make them; the people running the activity use them live too.
rules.add_perm("activities.make_tool", planner)
rules.add_perm("activities.change_tool", planner | runs_tool_activity)
