"""Reads that several pages share: the practice library's search, the network overview, the CSV
rows, and what the home and network pages show. Each costs a fixed number of queries."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.paginator import Page
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from networks.bilingual import localised
from networks.flows import Flow, FlowKind, FlowScope
from networks.models import InList, Membership, Network, NetworkSchool, PracticeArea, School, count_subquery
from networks.paging import EstimatingPaginator

from .models import (
    Collaborator,
    CollaboratorRole,
    Comment,
    Enquiry,
    Evidence,
    EvidenceKind,
    ImpactClaim,
    Sharing,
    Stage,
    Strength,
)

AreaLink = Enquiry.practice_areas.through
LevelLink = Enquiry.levels.through
HOME_LIST_SIZE = 5
LIBRARY_PAGE_SIZE = 20


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


# Sharing ------------------------------------------------------------------------------------------


def sharing_choices(enquiry: Enquiry) -> list[tuple[str, str]]:
    """The levels this enquiry can be shared at, each with its place named."""
    choices = [
        (Sharing.PRIVATE, gettext("Private: only you and the people you invited")),
        (Sharing.SCHOOL, gettext("My school: staff of %(school)s") % {"school": enquiry.school.name}),
    ]
    if enquiry.network_id:
        choices.append(
            (
                Sharing.NETWORK,
                gettext("My network: the schools and members of %(network)s") % {"network": enquiry.network.name},
            )
        )
    choices += [
        (
            Sharing.CONSORTIUM,
            gettext("My consortium: everyone in %(consortium)s") % {"consortium": enquiry.school.consortium.name},
        ),
        (Sharing.PUBLIC, gettext("The public practice library: anyone, signed in or not")),
    ]
    return choices


# The practice library ---------------------------------------------------------------------------


def library_base(user):
    """Every shared enquiry the reader may see (anonymous readers: the public ones)."""
    return Enquiry.objects.visible_to(user).shared()


def library_choices(user, base) -> dict:
    """The filter choices, from what the reader can see: four queries whatever the numbers. The
    visible enquiries are read twice (their schools and networks; their practice areas), not once
    for each list; the schools' names and phases and the networks come by id."""
    places = set(base.order_by().values_list("school_id", "network_id").distinct())
    areas = {}
    for slug, name in (
        PracticeArea.objects.filter(enquiries__in=base.values("pk"))
        .order_by("name")
        .values_list("slug", localised("name"))
        .distinct()
    ):
        areas.setdefault(slug, name)
    schools = list(
        School.objects.filter(pk__in={school for school, _ in places})
        .order_by("name", "pk")
        .values_list("pk", "name", "phase")
    )
    networks = (
        Network.objects.visible_to(user)
        .filter(pk__in={network for _, network in places if network})
        .order_by("name", "pk")
        .values_list("pk", "name")
    )
    return {
        "areas": list(areas.items()),
        "phases": sorted({phase for _, _, phase in schools if phase}),
        "schools": [(pk, name) for pk, name, _ in schools],
        "networks": list(networks),
    }


def library_filter(queryset, data: dict):
    """Apply the library's filters (LibraryForm.cleaned_data) and its search, ranked where it can be.

    Adds no columns to show: the ordering query stays narrow, so that on a large library only the
    page's rows are joined and annotated (`library_rows`)."""
    if data.get("area"):
        queryset = queryset.filter(pk__in=AreaLink.objects.filter(practicearea__slug=data["area"]).values("enquiry_id"))
    if data.get("phase"):
        queryset = queryset.filter(school__phase=data["phase"])
    if data.get("level"):
        queryset = queryset.filter(
            pk__in=LevelLink.objects.filter(leveloflearning__slug=data["level"]).values("enquiry_id")
        )
    if data.get("stage"):
        queryset = queryset.filter(stage=data["stage"])
    if data.get("strength"):
        queryset = queryset.filter(strongest_claim__gte=data["strength"])
    if data.get("school"):
        queryset = queryset.filter(school_id=data["school"])
    if data.get("network"):
        queryset = queryset.filter(network_id=data["network"])
    text = (data.get("q") or "").strip()
    if not text:
        return queryset.order_by("-shared_at", "-pk")
    if uses_postgres():
        return _search_postgres(queryset, text)
    return _search_simple(queryset, text)


def _search_query(text: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(text, search_type="websearch", config="english")


def _rank(text: str):
    from django.contrib.postgres.search import SearchRank

    return SearchRank(F("search_vector"), _search_query(text))


def _search_postgres(queryset, text: str):
    """Full-text search on the stored, indexed `search_vector` (title and question weigh most, then
    findings and conclusions, then the practice areas, then the rest: migration 0004); ranked from
    the stored vector, and the most recently shared first among equals."""
    return (
        queryset.filter(search_vector=_search_query(text))
        .annotate(rank=_rank(text))
        .order_by("-rank", "-shared_at", "-pk")
    )


def library_rows(ids):
    """The library's rows to show for `ids` (one page): what a result shows, two queries."""
    return Enquiry.objects.filter(pk__in=ids).with_strongest_evidence().for_lists()


@dataclass
class LibraryPage:
    page: Page
    # How the rows are ordered: "rank" (best matches first), "page_rank" (too many matches to rank
    # them all: the most recently shared, each page's best first) or "recent".
    order: str


def library_page(base, data: dict, number) -> LibraryPage:
    """One page of the library (LibraryForm.cleaned_data), counted as EstimatingPaginator counts.

    Ranking orders every match, so it reads every match; past the paginator's threshold (the count
    is estimated) the matches are taken most recently shared first, through the shared-date index,
    and only the page's rows are ranked."""
    results = library_filter(base, data)
    text = (data.get("q") or "").strip()
    paginator = EstimatingPaginator(results, LIBRARY_PAGE_SIZE, load=library_rows)
    if not (text and uses_postgres()):
        return LibraryPage(paginator.get_page(number), "recent")
    if not paginator.estimated:
        return LibraryPage(paginator.get_page(number), "rank")
    paginator.object_list = results.order_by("-shared_at", "-pk")
    paginator.load = lambda ids: library_rows(ids).annotate(rank=_rank(text))
    page = paginator.get_page(number)
    page.object_list.sort(key=lambda enquiry: -enquiry.rank)  # stable: the most recent first among equals
    return LibraryPage(page, "page_rank")


SEARCHED_FIELDS = (
    "title",
    "question",
    "conclusions",
    "observations",
    "current_provision",
    "why_it_matters",
    "plan",
    "changes",
    "pupil_group",
)


def _search_simple(queryset, text: str):
    """The embedded database's search: every word somewhere in the enquiry, newest shared first."""
    words = [w for w in re.split(r"\W+", text) if len(w) > 1][:8] or [text]
    for word in words:
        match = Q()
        for name in SEARCHED_FIELDS:
            match |= Q(**{f"{name}__icontains": word})
        match |= Q(pk__in=AreaLink.objects.filter(practicearea__name__icontains=word).values("enquiry_id"))
        queryset = queryset.filter(match)
    return queryset.order_by("-shared_at", "-pk")


# The network overview ---------------------------------------------------------------------------


@dataclass
class Count_:
    label: str
    count: int
    url: str = ""


@dataclass(frozen=True)
class EnquiryCounts:
    """A network's enquiries counted: every one, the private ones among them, and their owners."""

    total: int = 0
    private: int = 0
    people: int = 0

    @property
    def shared(self) -> int:
        return self.total - self.private


def enquiry_counts(networks) -> dict[int, EnquiryCounts]:
    """For each of `networks` (a list): its enquiries counted, private ones too (counted, never
    listed). One query, however many networks: counted by network in the database.

    The one count of a network's enquiries: the dashboard (through `network_overview`) and the
    consortium overview and its CSV."""
    counts = {network.pk: EnquiryCounts() for network in networks}
    for row in (
        Enquiry.objects.filter(network__in=networks)
        .order_by()
        .values("network_id")
        .annotate(
            # Columns of enquiry_network_count_idx (sharing is never null), not the pk: the counts
            # come from the index alone.
            total=Count("sharing"),
            private=Count("sharing", filter=Q(sharing=Sharing.PRIVATE)),
            people=Count("owner", distinct=True),
        )
    ):
        network_id = row.pop("network_id")
        counts[network_id] = EnquiryCounts(**row)
    return counts


NO_EVIDENCE = _("No evidence of impact yet")


def strength_spread(strongest: Counter) -> list[tuple[str, int]]:
    """Enquiries by the strength of their strongest impact claim (`strongest`: how many enquiries
    have each, None for none), those with none first, then weakest to strongest."""
    return [(str(NO_EVIDENCE), strongest[None])] + [(str(label), strongest[value]) for value, label in Strength.choices]


def strength_sentence(strongest: Counter) -> str:
    """For example "5 of 12 enquiries have evidence from data, 2 of them against a comparison group;
    4 have no evidence of impact yet." (`strongest` as for strength_spread)"""
    total = sum(strongest.values())
    if not total:
        return gettext("No enquiry yet.")
    data, comparison = strongest[Strength.DATA] + strongest[Strength.COMPARISON], strongest[Strength.COMPARISON]
    none = strongest[None]
    figures = {"data": data, "total": total, "comparison": comparison, "none": none}
    if comparison:
        first = ngettext(
            "%(data)d of %(total)d enquiry has evidence from data, %(comparison)d of them against a comparison group",
            "%(data)d of %(total)d enquiries have evidence from data, %(comparison)d of them against a comparison "
            "group",
            total,
        )
    else:
        first = ngettext(
            "%(data)d of %(total)d enquiry has evidence from data",
            "%(data)d of %(total)d enquiries have evidence from data",
            total,
        )
    rest = ngettext("%(none)d has no evidence of impact yet.", "%(none)d have no evidence of impact yet.", none)
    return gettext("%(first)s; %(rest)s") % {"first": first % figures, "rest": rest % figures}


def network_overview(network, user) -> dict:
    """Counts of every enquiry linked to the network, private ones too (`enquiry_counts`), by
    stage, strength of evidence, practice area and school; and the shared ones the person may
    read, to list."""
    everything = Enquiry.objects.filter(network=network)
    stage_counts, strengths = Counter(), Counter()
    for stage, strongest, n in (
        everything.with_strongest_evidence().order_by().values_list("stage", "strongest").annotate(n=Count("pk"))
    ):
        stage_counts[stage] += n
        strengths[strongest] += n
    totals = enquiry_counts([network])[network.pk]
    library = reverse("enquiry:library")
    by_stage = [Count_(label, stage_counts.get(value, 0), f"?stage={value}") for value, label in Stage.choices]
    by_area = [
        Count_(area.display_name, area.n)
        for area in PracticeArea.objects.filter(enquiries__network=network)
        .annotate(n=Count("enquiries"))
        .order_by("-n", "name")
    ]
    untagged = everything.filter(practice_areas__isnull=True).count()
    # Counted by school first, then each school's name looked up: joined before counting, PostgreSQL
    # hashed every school in the country (25,000 rows, 15.5 ms on the national data set).
    by_school = [
        Count_(name, n, f"?school={pk}")
        for pk, n, name in everything.order_by()
        .values_list("school_id")
        .annotate(n=Count("pk"), name=Subquery(School.objects.filter(pk=OuterRef("school_id")).values("name")))
        .order_by("name", "school_id")
    ]
    listed = everything.visible_to(user).shared()
    return {
        "total": totals.total,
        "private": totals.private,
        "people": totals.people,
        "by_stage": by_stage,
        "by_strength": strength_spread(strengths),
        "strength_sentence": strength_sentence(strengths),
        "by_area": by_area,
        "untagged": untagged,
        "by_school": by_school,
        "listed": listed,
        "library_url": library,
    }


# CSV --------------------------------------------------------------------------------------------

CSV_HEADER = [
    _("Title"),
    _("Enquiry question"),
    _("Owner"),
    _("School"),
    _("Network"),
    _("Stage"),
    _("Shared with"),
    _("Shared on"),
    _("Practice areas"),
    _("Levels of learning"),
    _("Strongest evidence"),
    _("Pupils involved"),
    _("Number of pupils"),
    _("Last changed"),
    _("Link"),
]


def csv_queryset(queryset):
    return (
        queryset.with_strongest_evidence()
        .select_related("school__consortium", "network", "owner")
        .prefetch_related("practice_areas", "levels")
    )


def csv_row(enquiry, site_url: str, extra: list | None = None) -> list:
    return [
        enquiry.title,
        enquiry.question,
        enquiry.owner_name,
        enquiry.school.name,
        enquiry.network.name if enquiry.network_id else "",
        enquiry.get_stage_display(),
        enquiry.get_sharing_display(),
        enquiry.shared_at.date().isoformat() if enquiry.shared_at else "",
        "; ".join(a.display_name for a in enquiry.practice_areas.all()),
        "; ".join(level.display_name for level in enquiry.levels.all()),
        Strength(enquiry.strongest).label if enquiry.strongest else "",
        enquiry.pupil_group,
        enquiry.pupil_count if enquiry.pupil_count is not None else "",
        enquiry.updated_at.date().isoformat(),
        site_url.rstrip("/") + enquiry.get_absolute_url(),
        *(extra or []),
    ]


# My enquiries, the home page and the network page ----------------------------------------------


def my_enquiries(user):
    """Enquiries the person owns or works on as a co-enquirer.

    The ids come from a union of the two indexed lookups (enquiries by owner, collaborators by
    person): `owner = X OR id IN (...)` cannot use an index for the OR, and PostgreSQL scanned
    every enquiry for it."""
    owned = Enquiry.objects.filter(owner=user).order_by().values("pk")
    co = Collaborator.objects.filter(user=user, role=CollaboratorRole.CO_ENQUIRER).order_by().values("enquiry_id")
    return Enquiry.objects.filter(pk__in=owned.union(co))


def with_new_comments(queryset, user):
    """`new_comments` on each row: comments by others since the owner last opened it."""
    new = Comment.objects.filter(enquiry=OuterRef("pk"), created_at__gt=OuterRef("owner_seen_at")).exclude(author=user)
    return queryset.annotate(new_comments=count_subquery(new, "enquiry"))


def home_context(user) -> dict:
    """For the home page (enquiry/templates/enquiry/_home.html): three queries. `to_review`: the enquiries
    the person was asked to be a critical friend to and has not commented on yet."""
    if not user.is_authenticated:
        return {"enquiry_home": None}
    mine = with_new_comments(my_enquiries(user), user).select_related("school").order_by("-updated_at", "-pk")
    recent = list(mine[:HOME_LIST_SIZE])
    commented = list(
        with_new_comments(Enquiry.objects.filter(owner=user), user)
        .filter(new_comments__gt=0)
        .order_by("-updated_at")[:HOME_LIST_SIZE]
    )
    to_review = list(
        Collaborator.objects.filter(user=user, role=CollaboratorRole.CRITICAL_FRIEND)
        .exclude(Exists(Comment.objects.filter(enquiry=OuterRef("enquiry_id"), author=user)))
        .select_related("enquiry__school")
        .order_by("-created_at", "-pk")[:HOME_LIST_SIZE]
    )
    return {"enquiry_home": {"recent": recent, "new_comments": commented, "to_review": to_review}}


def network_panel_context(user, network, counts: EnquiryCounts | None = None) -> dict:
    """For the network page (enquiry/templates/enquiry/_network_panel.html): one query, plus the
    rule; none with `counts` (the network's, from `enquiry_counts`) given."""
    counts = counts if counts is not None else enquiry_counts([network])[network.pk]
    return {
        "enquiry_panel": {
            "network": network,
            "total": counts.total,
            "shared": counts.shared,
            "can_see_overview": user.has_perm("enquiry.view_network_enquiries", network),
        }
    }


# Knowledge flows ---------------------------------------------------------------------------------

# A critical friend's questions and suggestions are knowledge shared on parallel agendas: level 2
# collaboration in seed 004's terms (learning from one another).
CRITICAL_FRIEND_LEVEL = 2


def flows(scope: FlowScope) -> list[Flow]:
    """Critical friends (one for each invitation in the period) and their comments (one for each
    comment written in the period), from the friend's school to the school of the enquiry (three
    queries, four in a network), counted in the database.

    Counted for every enquiry, private ones included, since a flow names two schools and a number,
    never an enquiry or its owner. A friend's school is the one they hold a school role at (in the
    network first, when the scope is one); a friend from the enquiry's own school, or at no school,
    is not a flow between schools.
    """
    enquiries = Q(enquiry__school__consortium_id=scope.consortium_id)
    if scope.network_id:
        # The network's schools as an `InList`: as a semi-join PostgreSQL read every enquiry for
        # the OR (517,886 buffers at national scale); as a list, two index scans (3,484).
        network_schools = NetworkSchool.objects.filter(network_id=scope.network_id).values("school_id")
        enquiries = Q(enquiry__network_id=scope.network_id) | Q(
            InList(F("enquiry__school_id"), network_schools), enquiry__network__isnull=True
        )
    if scope.area_id:
        enquiries &= Q(enquiry_id__in=AreaLink.objects.filter(practicearea_id=scope.area_id).values("enquiry_id"))
    befriending = Collaborator.objects.filter(enquiries, role=CollaboratorRole.CRITICAL_FRIEND)
    period = scope.moments("created_at")
    invited = ExpressionWrapper(period, output_field=BooleanField()) if period else Value(True)
    # Every critical friend of an enquiry in the scope, whenever invited (their comments in the
    # period count), with the enquiry's school and network; those invited in the period are flows.
    friend_of, friends = {}, Counter()
    for enquiry_id, user_id, school_id, network_id, in_period in (
        befriending.annotate(in_period=invited)
        .values_list("enquiry_id", "user_id", "enquiry__school_id", "enquiry__network_id", "in_period")
        .order_by()
    ):
        friend_of[(enquiry_id, user_id)] = (school_id, network_id)
        if in_period:
            friends[(user_id, school_id, network_id)] += 1
    # Comments of the period on the scope's enquiries, counted per enquiry and author in the
    # database; one counts when its author is that enquiry's critical friend. The pair is matched
    # here, not in SQL: the planner misjudges a semi-join on two columns and then probes every
    # enquiry and school one by one (631 ms for 18,774 comments, EXPLAIN ANALYZE in
    # bench/README.md); a semi-join on the friends' enquiries did the same at national scale
    # (509,178 buffers), so the comments are those of the scope's enquiries, as the friends are.
    comments = Counter()
    for enquiry_id, author_id, count in (
        Comment.objects.filter(enquiries, period)
        .values("enquiry_id", "author_id")
        .annotate(n=Count("pk"))
        .values_list("enquiry_id", "author_id", "n")
        .order_by()
    ):
        place = friend_of.get((enquiry_id, author_id))
        if place:
            comments[(author_id, *place)] += count
    # The friends already read, as a list: as the subquery, the consortium's enquiries were found
    # again (117,785 buffers for the map of 1,250 schools; 19,108 with the 6,259 ids).
    school_of = _schools_of({user_id for _, user_id in friend_of}, scope)
    found = []
    for kind, rows in ((FlowKind.CRITICAL_FRIEND, friends), (FlowKind.COMMENT, comments)):
        for (user_id, school_id, network_id), count in rows.items():
            giver = school_of.get(user_id)
            if giver and giver != school_id:
                found.append(
                    Flow(
                        kind=kind,
                        giver_id=giver,
                        receiver_id=school_id,
                        amount=Decimal(count),
                        level=CRITICAL_FRIEND_LEVEL,
                        network_id=network_id,
                    )
                )
    return found


def _schools_of(user_ids, scope: FlowScope) -> dict[int, int]:
    """Each person's (of the ids `user_ids`) school in the consortium: one in the scope's
    network if they have one there, else their earliest school role (one query)."""
    in_network = set()
    if scope.network_id:
        in_network = set(NetworkSchool.objects.filter(network_id=scope.network_id).values_list("school_id", flat=True))
    chosen: dict[int, tuple[bool, int]] = {}
    for user_id, school_id, pk in (
        Membership.objects.filter(user_id__in=user_ids, school__isnull=False, school__consortium_id=scope.consortium_id)
        .values_list("user_id", "school_id", "pk")
        .order_by("pk")
    ):
        rank = (school_id not in in_network, pk)
        if user_id not in chosen or rank < chosen[user_id][0]:
            chosen[user_id] = (rank, school_id)
    return {user_id: school_id for user_id, (_, school_id) in chosen.items()}


# What works here ---------------------------------------------------------------------------------


@dataclass
class WorksLine:
    """The enquiries of one practice area (and one approach, or every approach when it is None)
    that the reader may read, their figures, and how many more there are that they may not."""

    approach_id: int | None
    approach_name: str
    enquiries: list  # (pk, school_id), newest first
    named: list  # (pk, title, school_id, school name) of the first `named` of them
    figures: list  # evidence.EnquiryFigures, one per enquiry
    changes: list  # measured changes in `unit`, the unit most of them use
    unit: str
    measured: int
    hidden: int = 0


def area_counts(consortium_id: int) -> dict[int, int]:
    """How many enquiries each practice area of the consortium tags, readable or not (one query)."""
    return dict(
        AreaLink.objects.filter(practicearea__consortium_id=consortium_id)
        .values("practicearea_id")
        .annotate(n=Count("*"))  # from the index on the area alone: COUNT(enquiry_id) read every row
        .values_list("practicearea_id", "n")
        .order_by()
    )


def readable_in_area(user, area: PracticeArea):
    """The enquiries tagged with the area that the reader may read (a subquery for other reads, so
    no long list of ids goes back and forth)."""
    return Enquiry.objects.visible_to(user).filter(
        pk__in=AreaLink.objects.filter(practicearea_id=area.pk).values("enquiry_id")
    )


def what_works_lines(user, area: PracticeArea, named: int = 10) -> list[WorksLine]:
    """One line for the area, then one for each approach its enquiries share, built only from the
    enquiries the reader may read; the rest are counted, never described. The first `named` of
    each line come with their titles and schools (three queries)."""
    from .evidence import EnquiryFigures

    in_area = AreaLink.objects.filter(practicearea_id=area.pk).values("enquiry_id")
    # Each readable enquiry with its measures that have an outcome, joined in the same query (a
    # row per measure, or one with none), so the visibility filter runs once.
    measure = FilteredRelation(
        "evidence", condition=Q(evidence__kind=EvidenceKind.MEASURE, evidence__outcome_value__isnull=False)
    )
    readable, figures, measures = [], {}, {}
    # The area's enquiries as an `InList`, not `readable_in_area`'s semi-join: with that, PostgreSQL
    # scanned every enquiry on the visibility filter (99,800 buffers at national scale); from the
    # list it reads just the area's (bench/README.md). An inner join on the links is no better
    # there (108,929 buffers, a parallel scan of every enquiry). The cost reads keep the semi-join,
    # which the planner starts from the few engagements and activities.
    # Titles and names are read afterwards for the few enquiries a line names: for all of them
    # they were most of what this query sent (7,239 rows in bench_flows.py).
    for pk, school_id, approach_id, strongest, day, *measured in (
        Enquiry.objects.visible_to(user)
        .filter(InList(F("pk"), in_area))
        .with_strongest_evidence()
        .annotate(day=TruncDate("updated_at"), measure=measure)  # dates load far quicker than datetimes
        .order_by("-updated_at", "-pk", "measure__pk")
        .values_list(
            "pk",
            "school_id",
            "approach_id",
            "strongest",
            "day",
            "measure__unit",
            "measure__baseline_value",
            "measure__outcome_value",
            "measure__outcome_on",
        )
    ):
        if pk not in figures:
            readable.append((pk, school_id, approach_id))
            figures[pk] = EnquiryFigures(strength=strongest, change=None, on=day)
        unit, baseline, outcome, outcome_on = measured
        if outcome is not None and pk not in measures:  # the first measure with an outcome
            measures[pk] = unit.strip()
            figures[pk] = EnquiryFigures(strength=strongest, change=outcome - baseline, on=outcome_on or day)
    totals = dict(
        Enquiry.objects.filter(pk__in=in_area)
        .values("approach_id")
        .annotate(n=Count("pk"))
        .values_list("approach_id", "n")
        .order_by()
    )
    groups: dict = {None: []}
    for row in readable:
        groups[None].append(row)
        if row[2]:
            groups.setdefault(row[2], []).append(row)
    # An approach one enquiry tags is not yet shared.
    groups = {approach_id: rows for approach_id, rows in groups.items() if approach_id is None or len(rows) > 1}
    # The enquiries named, all readable, with their approach's name: each approach's line names
    # at least one enquiry that has it.
    names, approach_names = {}, {}
    for pk, title, school_id, school_name, approach_id, approach_name in (
        Enquiry.objects.filter(pk__in={row[0] for rows in groups.values() for row in rows[:named]})
        .values_list("pk", "title", "school_id", "school__name", "approach_id", localised("approach__name"))
        .order_by()
    ):
        names[pk] = (pk, title, school_id, school_name)
        approach_names[approach_id] = approach_name
    lines = []
    for approach_id, rows in groups.items():
        line_figures = [figures[row[0]] for row in rows]
        found = [(measures[row[0]], figures[row[0]].change) for row in rows if row[0] in measures]
        units = Counter(unit for unit, _ in found)
        unit = units.most_common(1)[0][0] if units else ""
        lines.append(
            WorksLine(
                approach_id=approach_id,
                approach_name=approach_names[approach_id] if approach_id else "",
                enquiries=[row[:2] for row in rows],
                named=[names[row[0]] for row in rows[:named]],
                figures=line_figures,
                changes=sorted(change for u, change in found if u == unit),
                unit=unit,
                measured=len(found),
                hidden=(sum(totals.values()) if approach_id is None else totals.get(approach_id, 0)) - len(rows),
            )
        )
    return lines


# The statement of account -------------------------------------------------------------------------


@dataclass
class PeriodEnquiries:
    """A network's enquiries under way in a period: every one counted, only public ones named."""

    total: int
    private: int
    by_stage: list[tuple[str, int]]
    by_strength: list[tuple[str, int]]
    public: list[dict]


def enquiries_in_period(network, start, end) -> PeriodEnquiries:
    """Enquiries of the network begun by the end of the period and changed during it, by stage and
    by the strength of their strongest evidence; titles only of those shared with the public, as a
    statement of account is read by people outside the network (one query)."""
    begun_by_end = FlowScope(consortium_id=network.consortium_id, end=end).moments("created_at")
    changed_since_start = FlowScope(consortium_id=network.consortium_id, start=start).moments("updated_at")
    rows = list(
        Enquiry.objects.filter(begun_by_end, changed_since_start, network=network)
        .with_strongest_evidence()
        .order_by("school__name", "title", "pk")
        .values_list("title", "school__name", "stage", "sharing", "strongest")
    )
    stages = Counter(stage for _, _, stage, _, _ in rows)
    strengths = Counter(strongest for *_, strongest in rows)
    # Plain strings, not lazy ones: a published statement keeps these figures as JSON.
    stage_labels = {value: str(label) for value, label in Stage.choices}
    strength_labels = {value: str(label) for value, label in Strength.choices}
    return PeriodEnquiries(
        total=len(rows),
        private=sum(1 for _, _, _, sharing, _ in rows if sharing == Sharing.PRIVATE),
        by_stage=[(stage_labels[value], stages[value]) for value, _label in Stage.choices],
        by_strength=strength_spread(strengths),
        public=[
            {
                "title": title,
                "school": school,
                "stage": stage_labels[stage],
                "evidence": strength_labels.get(strongest, str(NO_EVIDENCE)),
            }
            for title, school, stage, sharing, strongest in rows
            if sharing == Sharing.PUBLIC
        ],
    )


# Enquiries that have not moved (the network dashboard) -------------------------------------------

STALLED_DAYS = 42  # six weeks


@dataclass
class Stalled:
    """Enquiries of a network with no stage change, evidence or impact claim for STALLED_DAYS, short
    of the last stage: every one counted, private ones too; listed only those shared that the
    person may read, the longest still first (at most HOME_LIST_SIZE)."""

    total: int
    private: int
    listed: list[Enquiry]
    more: bool  # more than HOME_LIST_SIZE that the person may read
    since: date

    @property
    def others(self) -> int:
        """Shared ones not listed: the person may not read them, or they are past the first few."""
        return self.total - self.private - len(self.listed)


def stalled_enquiries(network, user, today: date | None = None) -> Stalled:
    """Enquiries that have not moved for six weeks (two queries). An enquiry at the last stage,
    sharing what it found, is done rather than stalled."""
    since = (today or timezone.localdate()) - timedelta(days=STALLED_DAYS)
    moment = timezone.make_aware(datetime.combine(since, time()))
    fresh_evidence = Evidence.objects.filter(enquiry=OuterRef("pk"), created_at__gte=moment)
    fresh_claim = ImpactClaim.objects.filter(enquiry=OuterRef("pk"), created_at__gte=moment)
    stalled = (
        Enquiry.objects.in_network(network)
        .exclude(stage=Stage.SHARE)
        .filter(stage_changed_at__lt=moment)
        .exclude(Exists(fresh_evidence))
        .exclude(Exists(fresh_claim))
    )
    counts = stalled.aggregate(total=Count("pk"), private=Count("pk", filter=Q(sharing=Sharing.PRIVATE)))
    last_evidence = Evidence.objects.filter(enquiry=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
    last_claim = ImpactClaim.objects.filter(enquiry=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
    listed = list(
        stalled.visible_to(user)
        .shared()
        .select_related("school")
        .annotate(
            last_moved=Greatest(
                F("stage_changed_at"),
                Coalesce(Subquery(last_evidence), F("stage_changed_at")),
                Coalesce(Subquery(last_claim), F("stage_changed_at")),
            )
        )
        .order_by("last_moved", "pk")[: HOME_LIST_SIZE + 1]
    )
    return Stalled(
        total=counts["total"],
        private=counts["private"],
        listed=listed[:HOME_LIST_SIZE],
        more=len(listed) > HOME_LIST_SIZE,
        since=since,
    )
