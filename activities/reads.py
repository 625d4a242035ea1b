"""Reading pages' figures: the budget, the history of collaboration, a person's upcoming activities.

Each reads a fixed number of queries whatever the number of activities (or of networks, for the
reads that take several); money is summed as numeric in the database, so every total reconciles
to the penny with its lines.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from networks.charts import StackedBars, stacked_bars
from networks.flows import Flow, FlowKind, FlowScope, moments
from networks.models import Membership, Network, NetworkSchool, Role, School, User, count_subquery
from networks.text import StepChange, step_change

from .models import (
    PENNY,
    Activity,
    ActivityStatus,
    ActivityType,
    Attendance,
    CalendarFeed,
    CollaborationLevel,
    CostCategory,
    CostLine,
    CostStatus,
    Evaluation,
    KindOfCollaboration,
    NetworkBudget,
    Participant,
    Rate,
)

ZERO = Decimal("0.00")
HOME_LIST_SIZE = 5


# What the activity pages list ------------------------------------------------------------------


def network_activities(network: Network, show: str, now):
    """The network's activities with their participant counts: "upcoming" ones (not done, not
    over) soonest first, "past" ones or all of them latest first."""
    activities = (
        Activity.objects.in_network(network)
        .select_related("activity_type", "host_school")
        .annotate(participant_count=count_subquery(Participant.objects.filter(activity=OuterRef("pk")), "activity"))
    )
    if show == "upcoming":
        return activities.filter(ends_at__gte=now).exclude(status=ActivityStatus.DONE).order_by("starts_at")
    if show == "past":
        return activities.filter(ends_at__lt=now).order_by("-starts_at")
    return activities.order_by("-starts_at")


def active_activity_types():
    return ActivityType.objects.active().prefetch_related("steps")


def network_budgets(network: Network):
    return NetworkBudget.objects.filter(network=network).order_by("-starts_on")


def consortium_rates(consortium, today: date):
    """The consortium's rates (by category, latest first) and the ids of those in force today."""
    rates = Rate.objects.filter(consortium=consortium).order_by("category", "-applies_from")
    in_force = {}
    for rate in rates:
        if rate.applies_from <= today:
            in_force.setdefault(rate.category, rate.pk)
    return rates, set(in_force.values())


def evaluation_of(participant: Participant) -> Evaluation | None:
    return Evaluation.objects.filter(participant=participant).first()


def calendar_feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def calendar_activities(user: User):
    """What a person's calendar feed holds: the live activities they take part in, in the networks
    they can still see, soonest first."""
    return (
        Activity.objects.for_person(user)
        .live()
        .filter(network__in=Network.objects.visible_to(user).values("pk"))
        .select_related("network", "host_school", "activity_type")
        .order_by("starts_at")
    )


def network_tools(model, network: Network):
    """The network's facilitation tools of one kind (JigsawPlan, ProblemSolvingRecord, ForceFieldAnalysis)."""
    return model.objects.filter(network=network).select_related("activity")


# People of a network ------------------------------------------------------------------------------


def eligible_people(network: Network):
    """People who may take part: the network's members and the staff and leads of its schools."""
    schools = NetworkSchool.objects.filter(network=network).values("school_id")
    return User.objects.filter(
        Q(memberships__network=network) | Q(memberships__school_id__in=schools), is_active=True
    ).distinct()


def with_school_name(people, network: Network):
    """People annotated with `school_name`: the school `school_for` gives them in this network."""
    schools = Membership.objects.filter(
        user=OuterRef("pk"),
        role__in=(Role.SCHOOL_STAFF, Role.SCHOOL_LEAD),
        school__network_schools__network=network,
    ).order_by("school__name")
    return people.annotate(school_name=Subquery(schools.values("school__name")[:1]))


def school_for(user: User, network: Network) -> School | None:
    """The school a person comes from in this network: their first school among its schools."""
    membership = (
        Membership.objects.filter(
            user=user,
            role__in=(Role.SCHOOL_STAFF, Role.SCHOOL_LEAD),
            school__network_schools__network=network,
        )
        .select_related("school")
        .order_by("school__name")
        .first()
    )
    return membership.school if membership else None


def first_waiting_line(activity: Activity, school_id) -> CostLine | None:
    """The first of the activity's lines that the school bears and that wait for approval, with its school."""
    return (
        CostLine.objects.select_related("school")
        .filter(activity=activity, school_id=school_id, status=CostStatus.PROPOSED)
        .first()
    )


@dataclass
class Money:
    planned: Decimal = ZERO
    approved: Decimal = ZERO
    spent: Decimal = ZERO

    def add(self, amount, status, actual):
        self.planned += amount
        if status in (CostStatus.APPROVED, CostStatus.SPENT):
            self.approved += amount
        if status == CostStatus.SPENT and actual is not None:
            self.spent += actual


@dataclass
class BudgetRow:
    label: str
    money: Money = field(default_factory=Money)
    by_category: dict = field(default_factory=dict)


@dataclass
class Budget:
    schools: list[BudgetRow]
    categories: list[BudgetRow]
    total: Money
    categories_used: list[tuple[str, str]]


def budget_lines(network):
    """The network's cost lines, cancelled activities left out."""
    return (
        CostLine.objects.filter(activity__network=network)
        .exclude(activity__status=ActivityStatus.CANCELLED)
        .select_related("activity", "school")
        .order_by("activity__starts_at", "activity_id", "category", "school__name", "pk")
    )


def budget_for(network) -> Budget:
    """Planned, approved and spent by school and by category, over all time (two queries)."""
    return _tallies([network], CostLine.objects.all())[network.pk]


def _tallies(networks, lines) -> dict[int, Budget]:
    """For each of `networks` (a list): its `lines` (cancelled activities left out) summed by the
    network's schools and by category. Two queries however many networks: the sums are grouped by
    network, school, category and status in the database (numeric, so exact to the penny)."""
    schools = defaultdict(dict)
    for network_id, school_id, name in (
        NetworkSchool.objects.filter(network__in=networks)
        .order_by()
        .values_list("network_id", "school_id", "school__name")
    ):
        schools[network_id][school_id] = name
    sums = defaultdict(list)
    for network_id, *row in (
        lines.filter(activity__network__in=networks)
        .exclude(activity__status=ActivityStatus.CANCELLED)
        .order_by()
        .values_list("activity__network_id", "school_id", "school__name", "category", "status")
        .annotate(amount=Sum("amount"), actual=Sum("actual_amount"))
    ):
        sums[network_id].append(row)
    return {network.pk: _tally(schools[network.pk], sums[network.pk]) for network in networks}


def _tally(schools: dict[int, str], sums) -> Budget:
    """One network's sums, as rows of (school id, school name, category, status, amount, actual),
    by its schools (`schools`: id to name) and by category."""
    by_school = {pk: BudgetRow(name) for pk, name in sorted(schools.items(), key=lambda item: item[1])}
    by_category = {value: BudgetRow(str(label)) for value, label in CostCategory.choices}
    total = Money()
    network_row = BudgetRow(gettext("The network (no one school)"))
    for school_id, school_name, category, status, amount, actual in sums:
        if school_id is None:
            row = network_row
        else:
            row = by_school.setdefault(
                school_id, BudgetRow(gettext("%(school)s (no longer in the network)") % {"school": school_name})
            )
        row.money.add(amount, status, actual)
        row.by_category.setdefault(category, Money()).add(amount, status, actual)
        by_category[category].money.add(amount, status, actual)
        total.add(amount, status, actual)
    school_rows = list(by_school.values())
    if network_row.money.planned or network_row.by_category:
        school_rows.append(network_row)
    used = [(value, str(label)) for value, label in CostCategory.choices if by_category[value].money.planned]
    return Budget(
        schools=school_rows,
        categories=[by_category[value] for value, _ in used],
        total=total,
        categories_used=used,
    )


@dataclass(frozen=True)
class BudgetShare:
    """One budget overlapping a period, and the part of it that falls in the period."""

    budget: NetworkBudget
    days_in_period: int
    amount: Decimal


@dataclass
class NetworkMoney(Budget):
    """A network's money over a period: the budget for it, and planned, approved and spent by school
    and by category for the activities starting in it."""

    start: date | None = None
    end: date | None = None
    shares: list[BudgetShare] = field(default_factory=list)

    @property
    def budget(self) -> Decimal | None:
        """The budget for the period, or None when no budget covers any of it."""
        if not self.shares:
            return None
        return sum((share.amount for share in self.shares), ZERO)

    @property
    def unplanned(self) -> Decimal | None:
        """What is left once every planned cost is paid (negative when planned beyond the budget)."""
        return None if self.budget is None else self.budget - self.total.planned

    @property
    def unspent(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.total.spent

    @property
    def over_budget(self) -> Decimal | None:
        """How far planned costs go past the budget, when they do."""
        unplanned = self.unplanned
        return -unplanned if unplanned is not None and unplanned < 0 else None


def budget_share(budget: NetworkBudget, start: date, end: date) -> BudgetShare:
    """The part of a budget for the days it shares with a period, in proportion to days, to the penny.

    A term statement against a school year's budget is read against that term's share of it.
    """
    days = (min(budget.ends_on, end) - max(budget.starts_on, start)).days + 1
    if days >= budget.days:
        return BudgetShare(budget, budget.days, budget.amount)
    amount = (budget.amount * days / budget.days).quantize(PENNY, rounding=ROUND_HALF_UP)
    return BudgetShare(budget, days, amount)


def networks_money(networks, start: date, end: date) -> dict[int, NetworkMoney]:
    """For each of `networks` (a list): planned, approved and spent against its budget over a
    period (both days included), by school and by category, for the activities starting in it.
    Three queries, however many networks.

    The one read of networks' money: the dashboard, the statement of account and its CSV (through
    `network_money`), and the consortium overview and its CSV."""
    tallies = _tallies(networks, CostLine.objects.filter(moments("activity__starts_at", start, end)))
    shares = defaultdict(list)
    for budget in NetworkBudget.objects.filter(network__in=networks).overlapping(start, end).order_by("starts_on"):
        shares[budget.network_id].append(budget_share(budget, start, end))
    return {
        network.pk: NetworkMoney(
            schools=tally.schools,
            categories=tally.categories,
            total=tally.total,
            categories_used=tally.categories_used,
            start=start,
            end=end,
            shares=shares[network.pk],
        )
        for network, tally in ((n, tallies[n.pk]) for n in networks)
    }


def network_money(network, start: date, end: date) -> NetworkMoney:
    """One network's `networks_money` (three queries)."""
    return networks_money([network], start, end)[network.pk]


# History -----------------------------------------------------------------------------------------


def term_of(day: date) -> tuple[int, int, str]:
    """(academic year it starts in, term index, label): autumn Sep-Dec, spring Jan-Mar, summer Apr-Aug."""
    if day.month >= 9:
        return day.year, 0, gettext("Autumn %(year)d") % {"year": day.year}
    if day.month <= 3:
        return day.year - 1, 1, gettext("Spring %(year)d") % {"year": day.year}
    return day.year - 1, 2, gettext("Summer %(year)d") % {"year": day.year}


def term_bounds(day: date) -> tuple[date, date]:
    """The first and last day of the term `day` falls in (as term_of divides the year)."""
    year, index, _ = term_of(day)
    if index == 0:
        return date(year, 9, 1), date(year, 12, 31)
    if index == 1:
        return date(year + 1, 1, 1), date(year + 1, 3, 31)
    return date(year + 1, 4, 1), date(year + 1, 8, 31)


@dataclass
class TermRow:
    label: str
    counts: dict
    total: int
    average: Decimal | None

    def count(self, level):
        return self.counts.get(level, 0)


@dataclass
class History:
    terms: list[TermRow]
    levels: list[tuple[int, str]]
    pairs: list[tuple[str, str, int]]
    activity_count: int

    def chart(self, terms: list[TermRow] | None = None) -> StackedBars | None:
        """The terms (all, unless given) as bars stacked by level, 1 at the bottom."""
        return stacked_bars(
            [(t.label, [t.count(level) for level, _ in self.levels]) for t in (self.terms if terms is None else terms)]
        )

    @property
    def keys(self) -> list[str]:
        return [label for _, label in self.levels]


def level_counts(networks, start: date | None = None, end: date | None = None) -> dict[int, dict[tuple, Counter]]:
    """For each of `networks` (a list): its activities (not cancelled) starting in the period (any
    time, without one), counted by term (`term_of`'s key) and collaboration level. One query,
    however many networks or activities: counted by network, local month and level in the database.

    The one count of activities by level: the dashboard's terms (through `history_for`) and the
    consortium overview's school year."""
    rows = (
        Activity.objects.filter(moments("starts_at", start, end), network__in=networks)
        .live()
        .annotate(year=ExtractYear("starts_at"), month=ExtractMonth("starts_at"))
        .order_by()
        .values_list("network_id", "year", "month", "collaboration_level")
        .annotate(n=Count("pk"))
    )
    counts = {network.pk: {} for network in networks}
    for network_id, year, month, level, n in rows:
        counts[network_id].setdefault(term_of(date(year, month, 1)), Counter())[level] += n
    return counts


def history_for(network) -> History:
    """Collaboration levels by term (`level_counts`), and which schools have worked with which: the
    schools of an activity are its host and the schools of its participants (two queries)."""
    terms = level_counts([network])[network.pk]
    schools_of = defaultdict(dict)
    for activity_id, school_id, school_name, host_id, host_name in (
        Participant.objects.filter(activity__network=network, school__isnull=False)
        .exclude(activity__status=ActivityStatus.CANCELLED)
        .order_by()  # the pairs are sorted below: without the model's order, no join to the people
        .values_list(
            "activity_id", "school_id", "school__name", "activity__host_school_id", "activity__host_school__name"
        )
    ):
        schools_of[activity_id][school_id] = school_name
        if host_id:
            schools_of[activity_id][host_id] = host_name
    pairs = Counter()
    for schools in schools_of.values():
        for (_, a), (_, b) in combinations(sorted(schools.items(), key=lambda item: item[1]), 2):
            pairs[(a, b)] += 1
    rows = []
    for key in sorted(terms):
        counts = terms[key]
        total = sum(counts.values())
        average = (Decimal(sum(level * n for level, n in counts.items())) / total).quantize(Decimal("0.1"))
        rows.append(TermRow(label=key[2], counts=dict(counts), total=total, average=average))
    return History(
        terms=rows,
        levels=[(value, str(label)) for value, label in CollaborationLevel.choices],
        pairs=sorted(((a, b, n) for (a, b), n in pairs.items()), key=lambda pair: (-pair[2], pair[0], pair[1])),
        activity_count=sum(sum(counts.values()) for counts in terms.values()),
    )


@dataclass
class SchoolLevel:
    """A school's collaboration this term: the highest level of the activities it hosts or takes
    part in (None: none), how many, and the change from last term's highest (networks.text)."""

    level: int | None
    activities: int
    change: StepChange


def school_levels(network, day: date | None = None) -> dict[int, SchoolLevel]:
    """For each school of the network with an activity (not cancelled) starting this term or last,
    hosted or taken part in: its collaboration level this term against last term's (one query).
    Schools with neither are absent: they have no level."""
    start, end = term_bounds(day or timezone.localdate())
    last_start, _ = term_bounds(start - timedelta(days=1))
    rows = (
        Activity.objects.in_network(network)
        .live()
        .filter(moments("starts_at", last_start, end))
        .order_by()
        .values_list("pk", "starts_at", "collaboration_level", "host_school_id", "participants__school_id")
        .distinct()
    )
    this_term, last_term = defaultdict(dict), defaultdict(dict)
    for pk, starts_at, level, host_id, school_id in rows:
        term = this_term if timezone.localtime(starts_at).date() >= start else last_term
        for school in {host_id, school_id} - {None}:
            term[school][pk] = level
    return {
        school: SchoolLevel(
            level=max(this_term[school].values(), default=None),
            activities=len(this_term[school]),
            change=step_change(
                max(this_term[school].values(), default=None),
                max(last_term[school].values(), default=None),
                f"level {max(last_term[school].values(), default=0)} last term",
            ),
        )
        for school in this_term.keys() | last_term.keys()
    }


@dataclass
class KindCount:
    value: str
    label: str
    count: int


@dataclass
class Kinds:
    """Activities by kind of collaboration: the four kinds in order, then those of no kind."""

    rows: list[KindCount]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def shown(self) -> list[KindCount]:
        """The four kinds always, "Not set" only when some activity has no kind."""
        return [row for row in self.rows if row.value or row.count]

    @property
    def sentence(self) -> str:
        """For example "Sharing is the commonest kind: 5 of 12 activities." (ties named together)"""
        counted = [row for row in self.rows if row.value and row.count]
        if not counted:
            return gettext("No activity has a kind of collaboration yet.")
        top = max(row.count for row in counted)
        names = [str(row.label) for row in counted if row.count == top]
        names = [names[0]] + [name.lower() for name in names[1:]]
        figures = {"top": top, "total": self.total}
        if len(names) == 1:
            sentence = ngettext(
                "%(kind)s is the commonest kind: %(top)d of %(total)d activity.",
                "%(kind)s is the commonest kind: %(top)d of %(total)d activities.",
                self.total,
            )
            return sentence % {"kind": names[0], **figures}
        joined = gettext("%(first)s and %(last)s") % {"first": gettext(", ").join(names[:-1]), "last": names[-1]}
        sentence = ngettext(
            "%(kinds)s are the commonest kinds: %(top)d of %(total)d activity each.",
            "%(kinds)s are the commonest kinds: %(top)d of %(total)d activities each.",
            self.total,
        )
        return sentence % {"kinds": joined, **figures}


def kinds_of_collaboration(network, start: date, end: date) -> Kinds:
    """The network's activities (not cancelled) starting in the period by their kind of
    collaboration (Judith Warren Little's four: the activity's own, which starts as its type's)
    (one query)."""
    counts = dict(
        Activity.objects.in_network(network)
        .live()
        .filter(moments("starts_at", start, end))
        .order_by()
        .values_list("kind_of_collaboration")
        .annotate(n=Count("pk"))
    )
    rows = [KindCount(value, str(label), counts.get(value, 0)) for value, label in KindOfCollaboration.choices]
    return Kinds(rows + [KindCount("", gettext("Not set"), counts.get("", 0))])


# A person's activities ---------------------------------------------------------------------------


def upcoming_for(user, limit=HOME_LIST_SIZE):
    """The person's next activities (not cancelled, not done), soonest first, for the home page."""
    if not user.is_authenticated:
        return []
    return list(
        Activity.objects.visible_to(user)
        .for_person(user)
        .upcoming()
        .select_related("network", "host_school", "activity_type")
        .order_by("starts_at")[:limit]
    )


@dataclass
class ApprovalGroup:
    """The lines of one activity that one school bears and that wait for its lead's approval."""

    activity: Activity
    school: School
    lines: list = field(default_factory=list)
    total: Decimal = ZERO


def approval_groups(lines) -> list[ApprovalGroup]:
    """Lines grouped by (activity, school), in the order first met."""
    groups: dict[tuple[int, int], ApprovalGroup] = {}
    for line in lines:
        group = groups.setdefault(
            (line.activity_id, line.school_id), ApprovalGroup(activity=line.activity, school=line.school)
        )
        group.lines.append(line)
        group.total += line.amount
    return list(groups.values())


def costs_to_approve(user, limit=HOME_LIST_SIZE) -> list[ApprovalGroup]:
    """Cost lines waiting for this person's approval as a school's lead, on activities still to come
    or done (not cancelled), soonest first, grouped by activity and school so each can be approved
    at once: for the home page (one query, the memberships aside). At most `limit` activities."""
    from networks.models import Role
    from networks.permissions import memberships_of

    if not user.is_authenticated:
        return []
    school_ids = [m.school_id for m in memberships_of(user) if m.role == Role.SCHOOL_LEAD]
    if not school_ids:
        return []
    return _first_groups(_lines_waiting().filter(school_id__in=school_ids), limit)


def costs_waiting_in(network, limit=HOME_LIST_SIZE) -> list[ApprovalGroup]:
    """The network's cost lines still waiting for a school lead's approval, grouped as on the home
    page: for the dashboard's needs-attention panel (one query). At most `limit` activities."""
    return _first_groups(_lines_waiting().filter(activity__network=network), limit)


def _lines_waiting():
    return (
        CostLine.objects.filter(status=CostStatus.PROPOSED)
        .exclude(activity__status=ActivityStatus.CANCELLED)
        .select_related("activity__network", "school")
        .order_by("activity__starts_at", "activity_id", "school__name", "pk")
    )


def _first_groups(lines, limit) -> list[ApprovalGroup]:
    """The first `limit` (activity, school) groups of `lines`, each whole."""
    # A page of lines is enough for `limit` groups in practice. The last group of a full page may be
    # cut short, so it is left out: each group shown carries its whole total.
    page = limit * 20
    fetched = list(lines[: page + 1])
    groups = approval_groups(fetched[:page])
    if len(fetched) > page:
        groups = groups[:-1]
    return groups[:limit]


# Knowledge flows ---------------------------------------------------------------------------------

# Activity types whose host gives and whose other schools receive: a visit is counted once for each
# visiting school; an INSET place once for each person from another school.
VISIT_TYPES = ("learning-visit", "enquiry-visit")
INSET_TYPES = ("shared-inset-seminar",)
FLOW_STATUSES = (ActivityStatus.CONFIRMED, ActivityStatus.DONE)


def flows(scope: FlowScope) -> list[Flow]:
    """Learning visits (host to each visiting school) and shared INSET places (host to each school
    whose people take them) of confirmed or done activities starting in the period (one query).

    People marked absent and people without a school take nothing; a school's own people at its own
    seminar are not a flow.
    """
    rows = Participant.objects.filter(
        activity__activity_type__slug__in=VISIT_TYPES + INSET_TYPES,
        activity__status__in=FLOW_STATUSES,
        activity__host_school__isnull=False,
        school__isnull=False,
    ).exclude(attendance=Attendance.ABSENT)
    if scope.network_id:
        rows = rows.filter(activity__network_id=scope.network_id)
    else:
        rows = rows.filter(activity__network__consortium_id=scope.consortium_id)
    rows = rows.filter(scope.moments("activity__starts_at"))
    if scope.area_id:
        rows = rows.filter(
            activity_id__in=Activity.practice_areas.through.objects.filter(practicearea_id=scope.area_id).values(
                "activity_id"
            )
        )
    places: Counter = Counter()
    for activity_id, slug, host_id, school_id, level, network_id in rows.values_list(
        "activity_id",
        "activity__activity_type__slug",
        "activity__host_school_id",
        "school_id",
        "activity__collaboration_level",
        "activity__network_id",
    ).order_by():
        if school_id != host_id:
            places[(activity_id, slug in INSET_TYPES, host_id, school_id, level, network_id)] += 1
    return [
        Flow(
            kind=FlowKind.INSET if inset else FlowKind.VISIT,
            giver_id=host_id,
            receiver_id=school_id,
            amount=Decimal(count if inset else 1),
            level=level,
            network_id=network_id,
        )
        for (_, inset, host_id, school_id, level, network_id), count in places.items()
    ]


# What needs a planner's attention (the network dashboard) ------------------------------------------


def unevaluated_activities(network, limit=HOME_LIST_SIZE) -> list[Activity]:
    """Past activities of the network (not cancelled) that nobody has evaluated yet, latest first:
    at most `limit`, plus one more to tell that there are more (one query)."""
    evaluated = Evaluation.objects.filter(participant__activity=OuterRef("pk"))
    return list(
        Activity.objects.in_network(network)
        .live()
        .filter(ends_at__lt=timezone.now())
        .exclude(Exists(evaluated))
        .order_by("-ends_at", "-pk")[: limit + 1]
    )


def schools_without_activity(network, day: date | None = None) -> list[School]:
    """The network's schools that neither host nor take part in any of its activities (not
    cancelled) this term, by name (one query)."""
    start, end = term_bounds(day or timezone.localdate())
    this_term = Activity.objects.in_network(network).live().filter(starts_at__date__range=(start, end))
    # NOT EXISTS, an anti-join from the network's schools: NOT IN made PostgreSQL filter every
    # school in the country (25,000 rows, 17.5 ms on the national data set, for 40).
    return list(
        School.objects.filter(network_schools__network=network)
        .exclude(Exists(this_term.filter(host_school=OuterRef("pk"))))
        .exclude(Exists(Participant.objects.filter(activity__in=this_term, school=OuterRef("pk"))))
        .order_by("name", "pk")
    )
