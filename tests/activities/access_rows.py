"""The access matrix's rows for activities, costs, rates, calendars and facilitation tools.

Network A has a learning visit hosted by school 2 that began yesterday: leader_a owns it, teacher_a
and the school lead (both of school 1) visit. Its cost lines: a proposed supply-cover line borne by
school 1, one borne by school 2, an approved one of school 1, and one borne by the network. Network A
also has one of each tool, and teacher_a has a calendar feed. Network B and the other consortium
each have an activity (and the other consortium tools), to prove they are out of reach (404).
"""

from datetime import timedelta

from django.utils import timezone

from activities import services
from activities.models import (
    ActivityStatus,
    CostCategory,
    CostLine,
    CostStatus,
    FishboneCause,
    NetworkBudget,
    Participant,
    ParticipantRole,
    Rate,
)
from tests.access import (
    CONSORTIUM,
    CONSORTIUM_STAFF,
    LEADERS_OF_A,
    NETWORK_A_PEOPLE,
    OTHER_CONSORTIUM,
    OUTSIDERS,
    Row,
    in_consortium,
    only,
    statuses,
)

from .helpers import plan

A = lambda w: [w.network_a.slug]  # noqa: E731
OTHER = lambda w: [w.other_network.slug]  # noqa: E731
ACTIVITY = lambda w: [w.activity.pk]  # noqa: E731
BUDGET_A = ("school_lead", *LEADERS_OF_A)
TAKING_PART = ("teacher_a", "school_lead", "leader_a")  # the visit's visitor, visitor and owner


def pk(name):
    return lambda w: [getattr(w, name).pk]


def in_activity(name):
    return lambda w: [w.activity.pk, getattr(w, name).pk]


def extend_world(world):
    people = world.people
    yesterday = timezone.localdate() - timedelta(days=1)
    world.activity = plan(world, day=yesterday, title="Visit to Maes y Coed")
    services.participants_add(activity=world.activity, users=[people.teacher_a, people.school_lead], role="visitor")
    world.participant = Participant.objects.get(activity=world.activity, user=people.teacher_a)
    world.removable = Participant.objects.get(activity=world.activity, user=people.school_lead)
    world.item = world.activity.checklist.first()
    lines = CostLine.objects.filter(activity=world.activity)
    world.line_school_1 = lines.get(
        category=CostCategory.SUPPLY_COVER, school=world.school_1, description__contains="Teacher A"
    )
    world.line_school_2 = lines.filter(school=world.school_2).first()
    world.approved_line = services.cost_line_save(
        line=CostLine(
            activity=world.activity,
            category=CostCategory.OTHER,
            school=world.school_1,
            description="Cover for the plenary",
            quantity=1,
            rate=50,
        )
    )
    services.cost_line_approve(line=world.approved_line, by=people.school_lead)
    world.spare_line = services.cost_line_save(
        line=CostLine(
            activity=world.activity, category=CostCategory.OTHER, description="Room hire", quantity=1, rate=20
        )
    )
    world.activity_b = plan(world, network=world.network_b, by=people.consortium_staff, title="Numeracy visit")
    world.other_activity = plan(world, network=world.other_network, by=people.superuser, title="North visit")
    world.rate = Rate.objects.filter(consortium=world.consortium).first()
    world.other_rate = Rate.objects.filter(consortium=world.other_consortium).first()
    world.feed = services.calendar_feed_renew(user=people.teacher_a)
    world.budget = NetworkBudget.objects.create(
        network=world.network_a, starts_on=yesterday, ends_on=yesterday + timedelta(days=300), amount=5000
    )
    world.other_budget = NetworkBudget.objects.create(
        network=world.other_network, starts_on=yesterday, ends_on=yesterday + timedelta(days=300), amount=5000
    )

    def tools(network, by):
        jigsaw = services.jigsaw_create(
            network=network, created_by=by, title="Twilight jigsaw", people="A, S1\nB, S2\nC, S1\nD, S2", readings=2
        )
        pstb = services.pstb_create(
            network=network, created_by=by, title="Boys' writing", problem="Boys write less.", problem_owner="Head"
        )
        services.pstb_add_cause(record=pstb, category="Pupils", text="Little oral rehearsal")
        force_field = services.force_field_create(
            network=network, created_by=by, title="Writing", change="More writing"
        )
        services.force_add(analysis=force_field, direction="driving", text="Keen staff", strength=4)
        return jigsaw, pstb, force_field

    world.jigsaw, world.pstb, world.force_field = tools(world.network_a, people.leader_a)
    world.cause = world.pstb.causes.get()
    world.force = world.force_field.forces.get()
    world.other_jigsaw, world.other_pstb, world.other_force_field = tools(world.other_network, people.superuser)
    world.activity_state = {
        "removable": (world.removable.pk, people.school_lead.pk, world.school_1.pk),
        "spare_line": {f.attname: getattr(world.spare_line, f.attname) for f in CostLine._meta.concrete_fields},
        "cause": (world.cause.pk, world.pstb.pk),
    }


def reset(world):
    """Undo what a POST row did, so each role starts from the same rows."""
    world.activity.__class__.objects.filter(pk=world.activity.pk).update(status=ActivityStatus.CONFIRMED)
    pk, user_id, school_id = world.activity_state["removable"]
    Participant.objects.get_or_create(
        pk=pk,
        defaults={
            "activity": world.activity,
            "user_id": user_id,
            "school_id": school_id,
            "role": ParticipantRole.VISITOR,
        },
    )
    state = world.activity_state["spare_line"]
    CostLine.objects.update_or_create(pk=state["id"], defaults={k: v for k, v in state.items() if k != "id"})
    # Approving one line, or all of school 1's at once: back to proposed (the approved line aside).
    CostLine.objects.filter(activity=world.activity, school=world.school_1).exclude(pk=world.approved_line.pk).update(
        status=CostStatus.PROPOSED, approved_by=None, approved_at=None
    )
    cause_pk, record_pk = world.activity_state["cause"]
    FishboneCause.objects.get_or_create(
        pk=cause_pk, defaults={"record_id": record_pk, "category": "Pupils", "text": "Little oral rehearsal"}
    )


POST_ONLY = statuses(405)


def approvals(name, of_school_1, of_school_2, what):
    """Approving school costs: by POST only; school 1's lead approves school 1's `what`, and no
    one but the superuser school 2's (its lead is not in the world)."""
    school_1, school_2 = (f"school 1's {what}", f"school 2's {what}")
    return [
        Row(name, in_activity(of_school_1), POST_ONLY),
        Row(name, in_activity(of_school_1), only("school_lead", "superuser", ok=302), method="post", label=school_1),
        Row(name, in_activity(of_school_2), only("superuser", ok=302), method="post", label=school_2),
    ]


ROWS = [
    # A network's activities.
    Row("activities:activity_list", A, only(*NETWORK_A_PEOPLE)),
    Row("activities:activity_list", OTHER, OUTSIDERS, label="other consortium"),
    Row(
        "activities:activity_list",
        lambda w: [w.network_b.slug],
        only("teacher_b", *CONSORTIUM_STAFF),
        label="network B",
    ),
    Row("activities:activity_type_choose", A, only(*LEADERS_OF_A)),
    Row("activities:activity_type_choose", OTHER, OUTSIDERS, label="other consortium"),
    Row("activities:activity_create", lambda w: [w.network_a.slug, "learning-visit"], only(*LEADERS_OF_A)),
    Row(
        "activities:activity_create",
        lambda w: [w.network_a.slug, "learning-visit"],
        only(*LEADERS_OF_A),
        method="post",
        label="empty form",
    ),
    Row(
        "activities:activity_create",
        lambda w: [w.network_b.slug, "learning-visit"],
        only(*CONSORTIUM_STAFF),
        label="network B",
    ),
    Row("activities:activity_create", lambda w: [w.network_a.slug, "no-such-type"], only(ok=404), label="no type"),
    Row("activities:budget", A, only(*BUDGET_A)),
    Row("activities:budget", OTHER, OUTSIDERS, label="other consortium"),
    Row("activities:budget", lambda w: [w.network_b.slug], only(*CONSORTIUM_STAFF), label="network B"),
    Row("activities:budget_csv", A, only(*BUDGET_A)),
    Row("activities:budget_set", A, only(*LEADERS_OF_A)),
    Row("activities:budget_set", OTHER, OUTSIDERS, label="other consortium"),
    Row("activities:budget_edit", lambda w: [w.network_a.slug, w.budget.pk], only(*LEADERS_OF_A)),
    Row(
        "activities:budget_edit",
        lambda w: [w.network_a.slug, w.other_budget.pk],
        only("superuser", ok=404),
        label="another network's budget",
    ),
    Row(
        "activities:budget_edit",
        lambda w: [w.other_network.slug, w.other_budget.pk],
        OUTSIDERS,
        label="other consortium",
    ),
    Row("activities:budget_csv", OTHER, OUTSIDERS, label="other consortium"),
    Row("activities:history", A, only(*NETWORK_A_PEOPLE)),
    Row("activities:history", OTHER, OUTSIDERS, label="other consortium"),
    # One activity.
    Row("activities:activity_detail", ACTIVITY, only(*NETWORK_A_PEOPLE)),
    Row("activities:activity_detail", pk("activity_b"), only("teacher_b", *CONSORTIUM_STAFF), label="network B"),
    Row("activities:activity_detail", pk("other_activity"), OUTSIDERS, label="other consortium"),
    Row("activities:activity_edit", ACTIVITY, only(*LEADERS_OF_A)),
    Row("activities:activity_edit", ACTIVITY, only(*LEADERS_OF_A), method="post", label="empty form"),
    Row("activities:activity_edit", pk("other_activity"), OUTSIDERS, label="other consortium"),
    Row("activities:activity_cancel", ACTIVITY, only(*LEADERS_OF_A)),
    Row("activities:activity_cancel", ACTIVITY, only(*LEADERS_OF_A, ok=302), method="post"),
    Row("activities:activity_cancel", pk("other_activity"), OUTSIDERS, label="other consortium"),
    Row("activities:checklist_toggle", lambda w: [w.activity.pk, w.item.pk], POST_ONLY),
    Row(
        "activities:checklist_toggle",
        lambda w: [w.activity.pk, w.item.pk],
        only(*LEADERS_OF_A, ok=302),
        method="post",
    ),
    Row("activities:participant_add", ACTIVITY, only(*LEADERS_OF_A)),
    Row("activities:participant_add", ACTIVITY, only(*LEADERS_OF_A), method="post", label="empty form"),
    Row("activities:participant_add", pk("other_activity"), OUTSIDERS, label="other consortium"),
    Row("activities:participant_edit", in_activity("participant"), only(*LEADERS_OF_A)),
    Row("activities:participant_edit", in_activity("participant"), only(*LEADERS_OF_A), method="post", label="empty"),
    Row(
        "activities:participant_edit",
        lambda w: [w.activity_b.pk, w.participant.pk],
        only(ok=404),
        label="participant of another activity",
    ),
    Row("activities:participant_remove", in_activity("removable"), only(*LEADERS_OF_A)),
    Row("activities:participant_remove", in_activity("removable"), only(*LEADERS_OF_A, ok=302), method="post"),
    Row("activities:participants_set_role", ACTIVITY, POST_ONLY),
    Row("activities:participants_set_role", ACTIVITY, only(*LEADERS_OF_A, ok=400), method="post", label="empty form"),
    # Costs.
    Row("activities:costs_propose", ACTIVITY, POST_ONLY),
    Row("activities:costs_propose", ACTIVITY, only(*LEADERS_OF_A, ok=302), method="post"),
    Row("activities:cost_line_add", ACTIVITY, only(*LEADERS_OF_A)),
    Row("activities:cost_line_add", ACTIVITY, only(*LEADERS_OF_A), method="post", label="empty form"),
    Row("activities:cost_line_add", pk("other_activity"), OUTSIDERS, label="other consortium"),
    Row("activities:cost_line_edit", in_activity("spare_line"), only(*LEADERS_OF_A)),
    Row("activities:cost_line_edit", in_activity("spare_line"), only(*LEADERS_OF_A), method="post", label="empty"),
    Row("activities:cost_line_delete", in_activity("spare_line"), only(*LEADERS_OF_A)),
    Row("activities:cost_line_delete", in_activity("spare_line"), only(*LEADERS_OF_A, ok=302), method="post"),
    *approvals("activities:cost_line_approve", "line_school_1", "line_school_2", "line"),
    Row(
        "activities:cost_line_approve",
        in_activity("spare_line"),
        only(*LEADERS_OF_A, ok=302),
        method="post",
        label="the network's line",
    ),
    *approvals("activities:costs_approve_school", "school_1", "school_2", "lines"),
    Row("activities:cost_line_spend", in_activity("approved_line"), only(*BUDGET_A)),
    Row("activities:cost_line_spend", in_activity("line_school_1"), only(ok=404), label="not approved yet"),
    # After the activity.
    Row("activities:evaluation_edit", ACTIVITY, only(*TAKING_PART)),
    Row("activities:evaluation_edit", ACTIVITY, only(*TAKING_PART), method="post", label="empty form"),
    Row("activities:evaluation_edit", pk("activity_b"), only(ok=404), label="not begun"),
    Row("activities:notes_edit", ACTIVITY, only(*LEADERS_OF_A)),
    Row("activities:outcomes_edit", ACTIVITY, only(*LEADERS_OF_A)),
    # Rates.
    Row("activities:rate_list", CONSORTIUM, only(*CONSORTIUM_STAFF)),
    Row("activities:rate_list", CONSORTIUM, only(*CONSORTIUM_STAFF), method="post", label="empty"),
    Row("activities:rate_list", OTHER_CONSORTIUM, OUTSIDERS, label="other consortium"),
    Row("activities:rate_edit", in_consortium("rate"), only(*CONSORTIUM_STAFF)),
    Row("activities:rate_edit", in_consortium("other_rate"), only(ok=404), label="other consortium's rate"),
    # Calendar.
    Row("activities:calendar_settings", expected=statuses(200)),
    Row("activities:calendar_settings", expected=statuses(302), method="post"),
    Row("activities:calendar_feed", lambda w: [w.feed.token], statuses(200, anonymous=200)),
    Row("activities:calendar_feed", lambda w: ["forged-token"], statuses(404, anonymous=404), label="forged"),
    # Facilitation tools.
    Row("activities:tool_list", A, only(*NETWORK_A_PEOPLE)),
    Row("activities:tool_list", OTHER, OUTSIDERS, label="other consortium"),
    Row("activities:jigsaw_create", A, only(*LEADERS_OF_A)),
    Row("activities:jigsaw_create", A, only(*LEADERS_OF_A), method="post", label="empty form"),
    Row("activities:jigsaw_create", OTHER, OUTSIDERS, label="other consortium"),
    Row("activities:pstb_create", A, only(*LEADERS_OF_A)),
    Row("activities:pstb_create", OTHER, OUTSIDERS, label="other consortium"),
    Row("activities:force_field_create", A, only(*LEADERS_OF_A)),
    Row("activities:force_field_create", OTHER, OUTSIDERS, label="other consortium"),
    Row("activities:jigsaw_detail", pk("jigsaw"), only(*NETWORK_A_PEOPLE)),
    Row("activities:jigsaw_detail", pk("other_jigsaw"), OUTSIDERS, label="other consortium"),
    Row("activities:jigsaw_print", pk("jigsaw"), only(*NETWORK_A_PEOPLE)),
    Row("activities:jigsaw_print", pk("other_jigsaw"), OUTSIDERS, label="other consortium"),
    Row("activities:jigsaw_delete", pk("jigsaw"), only(*LEADERS_OF_A)),
    Row("activities:jigsaw_delete", pk("other_jigsaw"), OUTSIDERS, label="other consortium"),
    Row("activities:pstb_detail", pk("pstb"), only(*NETWORK_A_PEOPLE)),
    Row("activities:pstb_detail", pk("other_pstb"), OUTSIDERS, label="other consortium"),
    Row("activities:pstb_part_remove", lambda w: [w.pstb.pk, "cause", w.cause.pk], POST_ONLY),
    Row(
        "activities:pstb_part_remove",
        lambda w: [w.pstb.pk, "cause", w.cause.pk],
        only(*LEADERS_OF_A, ok=302),
        method="post",
    ),
    Row("activities:force_field_detail", pk("force_field"), only(*NETWORK_A_PEOPLE)),
    Row("activities:force_field_detail", pk("other_force_field"), OUTSIDERS, label="other consortium"),
    Row("activities:force_remove", lambda w: [w.force_field.pk, w.force.pk], POST_ONLY),
]
