"""The demo year's activities: a dozen for each network from September to July, of most types, with
participants in roles, cost lines at the consortium's rates, evaluations after the past ones, a PSTB
record (fishbone, five whys, actions), a jigsaw plan and a force-field analysis.

Collaboration moves from mostly level 1 (learning from another) in the autumn to level 2 and 3
(learning from and with one another) by the summer. Past activities are done, their costs approved
and spent; those in the next six weeks are confirmed, their costs approved except the lines the
demo school lead has still to approve; later ones are proposed.

Made through activities.services (activity_create, costs_propose, cost_line_approve,
cost_line_record_spend, evaluation_record, activity_write_outcomes, pstb_*, jigsaw_create,
force_field_*). Participants are written as rows and their costs then proposed with
costs_propose: participants_add would email each person an invitation from the seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from activities.models import (
    Activity,
    ActivityStatus,
    ActivityType,
    Attendance,
    CostCategory,
    InnovationPhase,
    KindOfCollaboration,
    Participant,
    ParticipantRole,
    Rate,
)
from activities.services import (
    activity_create,
    activity_write_outcomes,
    cost_line_approve,
    cost_line_record_spend,
    costs_propose,
    evaluation_record,
    force_add,
    force_field_create,
    jigsaw_create,
    pstb_add_action,
    pstb_add_cause,
    pstb_add_why,
    pstb_create,
    rate_save,
)
from enquiry.models import Enquiry
from networks.demo import TEACHER_SCHOOL
from networks.models import Membership, Network, Role, School, User

from .context import DemoContext
from .timeline import backdate


@dataclass(frozen=True)
class Plan:
    at: float  # how far through the year (0 is 1 September, 1 is 20 July)
    type: str
    title: str  # "{host}" is the host school
    level: int
    people: int  # besides the owner and the host
    form: str = "day"  # "day", "half" or "twilight"


YEAR_PLAN = [
    Plan(0.04, "shared-inset-seminar", "Launch seminar: our focus for the year", 1, 9, "half"),
    Plan(0.10, "learning-visit", "Learning visit to {host}", 1, 4),
    Plan(0.15, "problem-solving-team-building", "Problem-solving session: why the gains do not last", 1, 5, "half"),
    Plan(0.21, "jigsaw-dialogue", "Jigsaw meeting on four readings", 1, 10, "twilight"),
    Plan(0.27, "action-learning-partnership", "Action learning set: first meeting", 2, 5, "half"),
    Plan(0.36, "specialist-peer-consultancy", "Specialist peer consultancy at {host}", 2, 2),
    Plan(0.44, "learning-visit", "Learning visit to {host}", 2, 4),
    Plan(0.52, "peer-observation", "Peer observation between partner schools", 2, 3, "half"),
    Plan(0.60, "action-learning-partnership", "Action learning set: reviewing our enquiries", 2, 5, "half"),
    Plan(0.68, "research-lesson", "Research lesson at {host}", 3, 4),
    Plan(0.77, "collaborative-use-of-data", "Looking at the year's data together", 3, 6, "half"),
    Plan(0.86, "enquiry-visit", "Enquiry visit to {host}", 3, 4),
    Plan(0.95, "shared-inset-seminar", "End-of-year sharing seminar", 2, 10, "half"),
]
BAY_YEAR_PLAN = [YEAR_PLAN[0], YEAR_PLAN[1], YEAR_PLAN[4], YEAR_PLAN[6], YEAR_PLAN[9], YEAR_PLAN[12]]
KINDS = {
    1: KindOfCollaboration.STORYTELLING,
    2: KindOfCollaboration.SHARING,
    3: KindOfCollaboration.JOINT_WORK,
}
ROLES = {
    "learning-visit": (ParticipantRole.VISITOR, ParticipantRole.RECORDER),
    "enquiry-visit": (ParticipantRole.VISITOR, ParticipantRole.RECORDER),
    "research-lesson": (ParticipantRole.VISITOR, ParticipantRole.RECORDER),
    "peer-observation": (ParticipantRole.VISITOR,),
    "problem-solving-team-building": (
        ParticipantRole.FACILITATOR,
        ParticipantRole.RESOURCE_PROVIDER,
        ParticipantRole.RECORDER,
        ParticipantRole.PARTICIPANT,
    ),
    "action-learning-partnership": (ParticipantRole.FACILITATOR, ParticipantRole.RECORDER, ParticipantRole.PARTICIPANT),
    "collaborative-use-of-data": (ParticipantRole.FACILITATOR, ParticipantRole.RECORDER, ParticipantRole.PARTICIPANT),
    "shared-inset-seminar": (ParticipantRole.RESOURCE_PROVIDER, ParticipantRole.PARTICIPANT),
    "jigsaw-dialogue": (ParticipantRole.FACILITATOR, ParticipantRole.PARTICIPANT),
    "specialist-peer-consultancy": (ParticipantRole.RESOURCE_PROVIDER, ParticipantRole.RECORDER),
}
HOURS = {
    "day": (9, 0, 15, 30, Decimal("1.0")),
    "half": (13, 0, 16, 0, Decimal("0.5")),
    "twilight": (16, 0, 17, 30, Decimal("0")),
}
LEARNED = [
    "Seeing the routine in a real classroom showed me how short the talk needs to be.",
    "Pupils explained their learning more clearly than I expected; the prompts do the work.",
    "Planning around three named pupils kept us focused on learning, not on the teacher.",
    "Other schools have the same barriers; the difference is how they give staff time.",
    "The five whys took us past the first easy answer to the real cause.",
    "Hearing colleagues from other schools describe their enquiries gave me ideas for mine.",
]
WILL_CHANGE = [
    "I will try the routine with my class next week and bring pupils' work to the next meeting.",
    "I will start each lesson with two minutes of talk partners.",
    "I will share the exit question with my year group colleagues.",
    "I will record a baseline before I change anything.",
    "I will ask a colleague to observe the change and give feedback.",
]
OUTCOMES = [
    "Visitors saw the approach in three classes and spoke with pupils about their work.",
    "We agreed one change each to try before the next meeting, and how we will know it worked.",
    "Colleagues shared their enquiries; two schools will plan the next unit together.",
]
CAUSES = [
    ("Pupils", "Boys lose interest once the talk stops and the writing starts."),
    ("Teaching and learning", "The routine is used in literacy lessons only, not across the curriculum."),
    ("Curriculum and resources", "Few model texts suit the boys' interests."),
    ("Staff and leadership", "New staff have not been shown the routine."),
    ("Systems and data", "We only check progress at the end of each term."),
    ("Parents and community", "Parents do not know what we are asking pupils to practise."),
]
WHYS = [
    "The gains from the autumn faded after Christmas.",
    "Pupils stopped using the routine when it was not prompted.",
    "It was prompted only in literacy lessons.",
    "Other teachers had not been shown it.",
    "We had no time in staff meetings to share it across the school.",
]
ACTIONS = [
    ("Model the routine in a staff meeting for all teachers", 20),
    ("Share two model texts a half term that suit boys' interests", 35),
    ("Check the routine's use in a book look before half term", 45),
]
READINGS = "\n".join(
    [
        "Earl and Katz: learning networks",
        "Little: kinds of collaboration",
        "Jackson and Temperley: from professional learning community to networked learning community",
        "Stoll: professional learning communities",
    ]
)


def _people(network: Network) -> tuple[list[tuple[User, School]], dict[int, User]]:
    """(person, school) for the network's members and its schools' staff; and each school's lead."""
    schools = {s.pk: s for s in network.schools.all()}
    members = set(Membership.objects.filter(network=network).values_list("user_id", flat=True))
    found: dict[int, tuple[User, School]] = {}
    leads: dict[int, User] = {}
    for m in (
        Membership.objects.filter(school_id__in=schools, role__in=[Role.SCHOOL_STAFF, Role.SCHOOL_LEAD])
        .select_related("user")
        .order_by("pk")
    ):
        if m.role == Role.SCHOOL_LEAD:
            leads.setdefault(m.school_id, m.user)
        if m.user_id in members or m.role == Role.SCHOOL_STAFF:
            found.setdefault(m.user_id, (m.user, schools[m.school_id]))
    return list(found.values()), leads


@dataclass(frozen=True)
class _Seed:
    """What each activity of one network is made with: the demo, the network's own random stream,
    the activity types by slug, the leader (who owns them), the people with their schools and each
    school's lead (who approves its costs), and the innovation phases."""

    ctx: DemoContext
    rng: random.Random
    network: Network
    types: dict[str, ActivityType]
    leader: User
    people: list[tuple[User, School]]
    leads: dict[int, User]
    phases: list[InnovationPhase]


def seed_activities(ctx: DemoContext) -> None:
    """The activities of every demo network that has none yet."""
    types = {t.slug: t for t in ActivityType.objects.all()}
    if not types:
        raise RuntimeError("The activity types are missing: run manage.py migrate first.")
    phases = list(InnovationPhase.objects.order_by("position"))
    _rates(ctx)
    for network in ctx.networks:
        if Activity.objects.filter(network=network).exists():
            continue
        rng = ctx.stream(f"activities:{network.slug}")
        bay = network.consortium_id == ctx.bay.pk
        leader = (
            User.objects.filter(memberships__network=network, memberships__role=Role.NETWORK_LEADER)
            .order_by("pk")
            .first()
        )
        people, leads = _people(network)
        seed = _Seed(ctx, rng, network, types, leader, people, leads, phases)
        schools = list(network.schools.order_by("urn"))
        plans = BAY_YEAR_PLAN if bay else YEAR_PLAN
        for number, plan in enumerate(plans):
            host = schools[(number * 3 + 1) % len(schools)]
            day = ctx.year.school_day(ctx.year.weekday_on_or_after(ctx.year.fraction(plan.at), 1 + number % 3))
            _activity(seed, plan, day, host)
        if network.pk == ctx.writing.pk:
            _teachers_visit(seed)
            _cancelled(ctx, network, types, leader, schools)
        if bay:
            _bay_teachers_visit(seed)


# The figures the demo consortia agreed for what the seeds give no figure for (the defaults are 0.00).
OWN_RATES = [
    (CostCategory.REFRESHMENTS, "per person", Decimal("4.50")),
    (CostCategory.HOSTING, "per day", Decimal("60.00")),
]


def _rates(ctx: DemoContext) -> None:
    """Each demo consortium's own refreshments and hosting rates, from the start of last school year."""
    applies_from = ctx.year.start.replace(year=ctx.year.start.year - 1)
    for consortium in (ctx.consortium, ctx.bay):
        for category, unit_label, amount in OWN_RATES:
            if not Rate.objects.filter(consortium=consortium, category=category, applies_from=applies_from).exists():
                rate_save(
                    rate=Rate(
                        consortium=consortium,
                        category=category,
                        unit_label=unit_label,
                        amount=amount,
                        applies_from=applies_from,
                        source="The consortium's agreed figure for this school year.",
                    )
                )
                ctx.created["rates"] += 1


def _status(ctx, starts_at) -> str:
    if starts_at < ctx.year.at(ctx.year.today, 0):
        return ActivityStatus.DONE
    if starts_at.date() <= ctx.year.days_ahead(42):
        return ActivityStatus.CONFIRMED
    return ActivityStatus.PROPOSED


def _phase(phases, share: float):
    if not phases:
        return None
    return phases[min(len(phases) - 1, int(share * len(phases)))]


def _activity(seed: _Seed, plan: Plan, day, host, *, must=(), title=""):
    """One activity of the plan's type, owned by the network's leader, on the day, at the host school."""
    ctx, rng, network, owner, people, leads = seed.ctx, seed.rng, seed.network, seed.leader, seed.people, seed.leads
    activity_type = seed.types[plan.type]
    year = ctx.year
    start_h, start_m, end_h, end_m, days = HOURS[plan.form]
    starts_at, ends_at = year.at(day, start_h, start_m), year.at(day, end_h, end_m)
    status = _status(ctx, starts_at)
    activity = activity_create(
        network=network,
        activity_type=activity_type,
        created_by=owner,
        practice_areas=list(network.practice_areas.all()[:2]),
        title=title or plan.title.format(host=host.name),
        purpose=activity_type.when_to_use.split(".")[0].strip() + ".",
        host_school=host,
        starts_at=starts_at,
        ends_at=ends_at,
        days=days,
        status=status,
        collaboration_level=plan.level,
        kind_of_collaboration=KINDS[plan.level],
        innovation_phase=_phase(seed.phases, (day - year.start).days / max(1, (year.end - year.start).days)),
    )
    backdate(Activity, activity.pk, created_at=starts_at - timedelta(days=21), updated_at=starts_at - timedelta(days=7))
    ctx.created["activities"] += 1
    taken = {owner.pk}
    rows = []
    host_people = [u for u, s in people if s.pk == host.pk and u.pk not in taken]
    if host_people and any(r == ParticipantRole.HOST for r in activity_type.roles):
        rows.append(Participant(activity=activity, user=host_people[0], school=host, role=ParticipantRole.HOST))
        taken.add(host_people[0].pk)
    for user, role in must:
        if user.pk not in taken:
            school = next((s for u, s in people if u.pk == user.pk), None)
            rows.append(Participant(activity=activity, user=user, school=school, role=role))
            taken.add(user.pk)
    roles = ROLES.get(activity_type.slug, (ParticipantRole.PARTICIPANT,))
    visiting = roles[0] == ParticipantRole.VISITOR
    pool = [(u, s) for u, s in people if u.pk not in taken and (not visiting or s.pk != host.pk)]
    for n, (user, school) in enumerate(rng.sample(pool, min(plan.people, len(pool)))):
        role = roles[0] if visiting and n < plan.people - 1 else roles[min(n, len(roles) - 1)]
        rows.append(Participant(activity=activity, user=user, school=school, role=role))
        taken.add(user.pk)
    past = status == ActivityStatus.DONE
    for row in rows:
        row.attendance = (
            (Attendance.ABSENT if rng.random() < 0.08 else Attendance.ATTENDED) if past else Attendance.INVITED
        )
    Participant.objects.bulk_create(rows)
    if past:
        activity.participants.filter(role=ParticipantRole.OWNER).update(attendance=Attendance.ATTENDED)
    ctx.created["participants"] += len(rows) + 1
    costs_propose(activity=activity)
    enquiry = Enquiry.objects.filter(network=network, school=host).exclude(sharing="private").order_by("pk").first()
    if enquiry:
        activity.enquiries.add(enquiry)
    head_school = TEACHER_SCHOOL
    for line in activity.cost_lines.select_related("school").order_by("pk"):
        approver = leads.get(line.school_id) if line.school_id else owner
        approver = approver or owner
        if past:
            cost_line_approve(line=line, by=approver)
            line.refresh_from_db()
            actual = (
                line.amount if line.category != "travel" else (line.amount * Decimal("0.9")).quantize(Decimal("0.01"))
            )
            cost_line_record_spend(line=line, actual_amount=actual)
        elif status == ActivityStatus.CONFIRMED and not (line.school_id and line.school.name == head_school):
            cost_line_approve(line=line, by=approver)
        ctx.created["cost lines"] += 1
    # The checklist: all ticked off once it has happened, the first steps for a confirmed one.
    steps = activity.checklist.all() if past else activity.checklist.filter(position__lte=3)
    if past or status == ActivityStatus.CONFIRMED:
        steps.update(done_at=starts_at - timedelta(days=7), done_by=owner)
    if past:
        participants = list(activity.participants.filter(attendance=Attendance.ATTENDED).order_by("pk"))
        for participant in participants:
            if rng.random() < 0.75:
                evaluation_record(
                    participant=participant,
                    learned=rng.choice(LEARNED),
                    will_change=rng.choice(WILL_CHANGE),
                    usefulness=rng.choice([3, 4, 4, 5, 5]),
                )
                ctx.created["evaluations"] += 1
        activity_write_outcomes(activity=activity, outcomes=rng.choice(OUTCOMES), next_steps=rng.choice(WILL_CHANGE))
    _tools(ctx, rng, network, activity, owner, people)
    return activity


def _tools(ctx, rng, network, activity, owner, people) -> None:
    slug = activity.activity_type.slug
    if slug == "problem-solving-team-building":
        record = pstb_create(
            network=network,
            created_by=owner,
            activity=activity,
            title=activity.title,
            problem="The gains pupils made in the autumn did not last into the spring.",
            problem_owner=owner.full_name,
        )
        for category, text in CAUSES:
            pstb_add_cause(record=record, category=category, text=text)
        for text in WHYS:
            pstb_add_why(record=record, text=text)
        for text, days in ACTIONS:
            pstb_add_action(
                record=record, text=text, owner=owner.full_name, due_on=activity.starts_at.date() + timedelta(days=days)
            )
        ctx.created["problem-solving records"] += 1
        _force_field(ctx, network, activity, owner)
    elif slug == "jigsaw-dialogue":
        lines = [f"{u.full_name}, {s.name}" for u, s in people[:23]]
        jigsaw_create(
            network=network,
            created_by=owner,
            activity=activity,
            title=activity.title,
            people="\n".join(lines),
            readings=4,
            reading_titles=READINGS,
        )
        ctx.created["jigsaw plans"] += 1


def _force_field(ctx, network, activity, owner) -> None:
    analysis = force_field_create(
        network=network,
        created_by=owner,
        activity=activity,
        title="Making enquiry part of every school's week",
        change="Every teacher in the network runs one enquiry a year, with a baseline and an outcome.",
    )
    for direction, text, strength in [
        ("driving", "Teachers see the difference in pupils' work", 5),
        ("driving", "Heads give the network time in staff meetings", 3),
        ("restraining", "Supply cover is hard to fund", 4),
        ("restraining", "Enquiry feels like extra paperwork", 3),
    ]:
        force_add(analysis=analysis, direction=direction, text=text, strength=strength)
    ctx.created["force-field analyses"] += 1


def _teachers_visit(seed: _Seed) -> None:
    """The demo teacher's learning visit next week, and a past one she evaluated."""
    ctx, network = seed.ctx, seed.network
    teacher = ctx.logins["teacher"]
    hosts = set(Activity.objects.filter(network=network).values_list("host_school_id", flat=True))
    schools = list(network.schools.exclude(name=TEACHER_SCHOOL).order_by("urn"))
    host = next((s for s in schools if s.pk not in hosts), schools[0])
    day = ctx.year.school_day(ctx.year.days_ahead(7))
    plan = Plan(0, "learning-visit", "Learning visit to {host}: oral rehearsal in Year 5", 1, 3)
    visit = _activity(seed, plan, day, host, must=[(teacher, ParticipantRole.VISITOR)])
    mine = Enquiry.objects.filter(owner=teacher).exclude(sharing="private").first()
    if mine:
        visit.enquiries.add(mine)


def _bay_teachers_visit(seed: _Seed) -> None:
    ctx, network = seed.ctx, seed.network
    teacher = ctx.logins["bay-teacher"]
    schools = [s for s in network.schools.order_by("urn") if s.pk != ctx.bay_teacher_school().pk]
    day = ctx.year.school_day(ctx.year.days_ahead(9))
    plan = Plan(0, "learning-visit", "Learning visit to {host}: reading for pleasure", 2, 3)
    _activity(seed, plan, day, schools[0], must=[(teacher, ParticipantRole.VISITOR)])


def _cancelled(ctx, network, types, leader, schools) -> None:
    """One visit called off: the host school was closed for snow."""
    day = ctx.year.school_day(ctx.year.weekday_on_or_after(ctx.year.fraction(0.3), 3))
    activity = activity_create(
        network=network,
        activity_type=types["peer-observation"],
        created_by=leader,
        title=f"Peer observation at {schools[3].name}",
        host_school=schools[3],
        starts_at=ctx.year.at(day, 9),
        ends_at=ctx.year.at(day, 12),
        days=Decimal("0.5"),
        status=ActivityStatus.CANCELLED,
        notes="Called off: the school was closed for snow. To be arranged again next term.",
    )
    costs_propose(activity=activity)
    ctx.created["activities"] += 1
