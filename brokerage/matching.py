"""Matching: for a request, host schools and specialists ranked by a score, each with its reasons.

score = 100 x sum(weight_i x factor_i) / sum(weight_i), every factor between 0 and 1, the weights
the consortium's (BrokerageSettings; 0 leaves a factor out):

- area: the share of the requested practice areas the candidate has (schools: entries in the record
  of practice from the last three years; specialists: their profile's areas).
- evidence: the strongest evidence of impact in those areas, over 5 (anecdote 1 ... data 4,
  comparison group 5). Schools: their practice entries. Specialists: outcomes of their reviewed
  engagements and past engagements in those areas.
- distance: 1 / (1 + km / 10) from the requesting school (a network's request: the middle of its
  schools), straight-line from easting and northing; 0.5 when either end has no location.
- phase: 1 for the phase asked for, 0 for another, 0.5 when not known.
- availability: schools: 1 while they have visits left this term (their capacity), else 0.
  Specialists, over the preferred dates: 0 if blocked throughout; 1 if they offer dates there and
  are neither blocked nor booked on any; 0.75 if they offer some but are busy on some; 0.5 with no
  offer and no clash; 0.25 with no offer and a clash. 0.5 when no dates were asked for.
- cost: 1 within budget (or with no budget), else budget / cost.
- feedback: the mean rating of past engagements, over 5; 0.5 with none.
- fairness: 1 / (1 + proposals in the last year), so the same few are not asked every time.

The ranking runs in the database: candidates are filtered to the request's consortium (open schools
other than the requesting one; active specialists who travel there) with an overlapping practice
area, every factor is an SQL expression, and only the top `limit` rows come back. Their reasons are
then written in Python from a fixed number of queries, whatever the number of candidates. Ties are
broken by id, so the same data always gives the same order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext

from networks.models import NetworkSchool, School
from networks.text import money

from . import text
from .models import (
    DEFAULT_VISITS_PER_TERM,
    FACTORS,
    LIVE_ENGAGEMENT_STATUSES,
    AvailabilityBlock,
    AvailabilityKind,
    BrokerageSettings,
    Engagement,
    EngagementDay,
    EvidenceStrength,
    HostCapacity,
    PastEngagement,
    Phase,
    PracticeEntry,
    Proposal,
    Source,
    Specialist,
    SpecialistPhase,
    SpecialistTravelArea,
    SupportRequest,
    record_cutoff,
)

DEFAULT_LIMIT = 20
FAIRNESS_DAYS = 365
DISTANCE_SCALE_KM = 10.0
SOURCE_PHRASES = {
    Source.MANUAL: gettext_lazy("the consortium's record"),
    Source.CSV: gettext_lazy("the consortium's record"),
    Source.ENQUIRY: gettext_lazy("a shared enquiry"),
    Source.ACTIVITY: gettext_lazy("an activity it hosted"),
    Source.ENGAGEMENT: gettext_lazy("a brokered engagement"),
}


@dataclass
class Reason:
    factor: str
    text: str
    value: float
    points: float

    @property
    def tone(self) -> str:
        """good, fair or poor: for the reason's mark on the page (the words say it too)."""
        if self.value >= 0.75:
            return "good"
        return "fair" if self.value >= 0.4 else "poor"


@dataclass
class Candidate:
    kind: str  # "school" or "specialist"
    obj: School | Specialist
    score: float
    factors: dict[str, float]
    reasons: list[Reason] = field(default_factory=list)
    proposal: Proposal | None = None

    @property
    def pk(self) -> int:
        return self.obj.pk

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.obj.pk}"

    @property
    def name(self) -> str:
        return self.obj.name

    def reasons_as_data(self) -> list[dict]:
        return [{"factor": r.factor, "text": r.text, "points": round(r.points, 1)} for r in self.reasons]


@dataclass(frozen=True)
class Origin:
    """Where distances are measured from, and what to call it."""

    easting: float | None
    northing: float | None
    label: str
    local_authorities: tuple[str, ...]

    @property
    def located(self) -> bool:
        return self.easting is not None and self.northing is not None


@dataclass
class MatchResult:
    request: SupportRequest
    weights: dict[str, int]
    origin: Origin
    window: tuple[date, date] | None
    schools: list[Candidate]
    specialists: list[Candidate]

    @property
    def candidates(self) -> list[Candidate]:
        return sorted(self.schools + self.specialists, key=lambda c: (-c.score, c.kind, c.pk))


# The context of a request -------------------------------------------------------------------------


def origin_of(request: SupportRequest) -> Origin:
    """The requesting school; for a network's own request, the middle of its located schools."""
    if request.school_id:
        school = request.school
        located = school.easting is not None and school.northing is not None
        return Origin(
            float(school.easting) if located else None,
            float(school.northing) if located else None,
            school.name,
            (school.local_authority,) if school.local_authority else (),
        )
    rows = list(
        NetworkSchool.objects.filter(network_id=request.network_id).values_list(
            "school__easting", "school__northing", "school__local_authority"
        )
    )
    located = [(e, n) for e, n, _ in rows if e is not None and n is not None]
    authorities = tuple(sorted({la for _, _, la in rows if la}))
    label = gettext("the schools of %(network)s") % {"network": request.network.name}
    if not located:
        return Origin(None, None, label, authorities)
    return Origin(
        sum(e for e, _ in located) / len(located), sum(n for _, n in located) / len(located), label, authorities
    )


def _window(request: SupportRequest) -> tuple[date, date] | None:
    if request.preferred_from and request.preferred_to:
        return request.preferred_from, request.preferred_to
    if request.preferred_from:
        return request.preferred_from, request.preferred_from + timedelta(days=30)
    if request.preferred_to:
        return max(timezone.localdate(), request.preferred_to - timedelta(days=30)), request.preferred_to
    return None


# The ranking in SQL ------------------------------------------------------------------------------
#
# Each ranking is one statement: the facts about the candidates are aggregated once per table
# (WITH ...), joined to the candidates by id, scored, sorted and cut to the top `limit`, so the cost
# grows with the rows read, not with candidates x subqueries. Values are parameters; table names
# come from the models. The same text runs on PostgreSQL and SQLite (Django gives SQLite SQRT).
# Money and days are passed as floats: SQLite compares a bound Decimal as text.

FLOAT_SQL = "DOUBLE PRECISION"


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _in(values) -> tuple[str, list]:
    values = list(values)
    return "(" + ", ".join(["%s"] * len(values)) + ")", values


def _f(sql: str) -> str:
    return f"CAST({sql} AS {FLOAT_SQL})"


def _proposed_sql(column: str) -> str:
    """How often each candidate (`column`: school_id or specialist_id) was proposed in the
    consortium since a moment: the fairness factor's count. Takes (moment, consortium id)."""
    return f"""
            SELECT {column}, COUNT(*) AS n FROM {_t(Proposal)}
            WHERE {column} IS NOT NULL AND created_at >= %s
              AND request_id IN (SELECT id FROM {_t(SupportRequest)} WHERE consortium_id = %s)
            GROUP BY {column}
        """


def _day(value: date):
    return connection.ops.adapt_datefield_value(value)


def _moment(value):
    return connection.ops.adapt_datetimefield_value(value)


def _distance_sql(easting: str, northing: str, origin: Origin) -> tuple[str, list]:
    if not origin.located:
        return f"CAST(NULL AS {FLOAT_SQL})", []
    dx, dy = f"({_f(easting)} - %s)", f"({_f(northing)} - %s)"
    return f"(SQRT({dx} * {dx} + {dy} * {dy}) / 1000.0)", [origin.easting] * 2 + [origin.northing] * 2


def _cost_factor_sql(rate: str, days: Decimal, budget: Decimal | None) -> tuple[str, list]:
    """1 within budget (or with none), else budget / cost; cost = rate x days."""
    if budget is None:
        return "1.0", []
    cost = f"({_f(f'COALESCE({rate}, 0)')} * %s)"
    return f"(CASE WHEN {cost} <= %s THEN 1.0 ELSE %s / {cost} END)", [
        float(days),
        float(budget),
        float(budget),
        float(days),
    ]


def _ranked(sql: str, params: list, weights: dict[str, int], limit: int) -> list[dict]:
    """The rows of `sql` (a WITH ... scored AS (...) with f_area ... f_fairness), scored, best first,
    ties broken by id."""
    total = sum(weights.values())
    if total:
        score = "((" + " + ".join(f"%s * f_{factor}" for factor in weights) + ") * 100.0 / %s)"
        score_params = [float(w) for w in weights.values()] + [float(total)]
    else:
        score, score_params = "0.0", []
    statement = f"{sql} SELECT scored.*, {score} AS score FROM scored ORDER BY score DESC, id LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, *score_params, limit])
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _attach(objects: dict, rows: list[dict]) -> list:
    """The candidates' model objects in the ranking's order, carrying the ranking's columns."""
    found = []
    for row in rows:
        obj = objects[row["id"]]
        for name, value in row.items():
            if name.startswith("f_") or name in ("score", "distance_km", "rating_avg"):
                value = None if value is None else float(value)
            if name != "id":
                setattr(obj, name, value)
        found.append(obj)
    return found


def _cost_of(rate, days) -> Decimal:
    return (Decimal(str(rate or 0)) * Decimal(days)).quantize(Decimal("0.01"))


# Schools -----------------------------------------------------------------------------------------


def rank_schools(request: SupportRequest, *, area_ids, origin, window, weights, today, limit):
    """The best `limit` open schools of the consortium with recent practice in the areas asked for."""
    cutoff = record_cutoff(today)
    term = text.term_of(window[0] if window else today)
    year_ago = timezone.now() - timedelta(days=FAIRNESS_DAYS)
    areas_in, areas = _in(area_ids)
    live_in, live = _in(LIVE_ENGAGEMENT_STATUSES)
    distance, distance_params = _distance_sql("s.easting", "s.northing", origin)
    cost_factor, cost_params = _cost_factor_sql("h.day_rate", request.days, request.budget)
    if request.phase:
        phases_in, phases = _in(Phase.register_names(request.phase))
        phase = f"(CASE WHEN LOWER(s.phase) IN {phases_in} THEN 1.0 WHEN s.phase = '' THEN 0.5 ELSE 0.0 END)"
    else:
        phase, phases = "0.5", []
    sql = f"""
        WITH evidence AS (
            SELECT school_id, COUNT(DISTINCT practice_area_id) AS area_hits, MAX(evidence_strength) AS best_strength
            FROM {_t(PracticeEntry)}
            WHERE practice_area_id IN {areas_in} AND (period_end IS NULL OR period_end >= %s)
            GROUP BY school_id
        ), used AS (
            SELECT host_school_id AS school_id, COUNT(*) AS n FROM {_t(Engagement)}
            WHERE consortium_id = %s AND host_school_id IS NOT NULL AND status IN {live_in}
              AND starts_on >= %s AND starts_on <= %s
            GROUP BY host_school_id
        ), rated AS (
            SELECT host_school_id AS school_id, AVG({_f("rating")}) AS average, COUNT(*) AS n
            FROM {_t(Engagement)}
            WHERE consortium_id = %s AND host_school_id IS NOT NULL AND rating IS NOT NULL
            GROUP BY host_school_id
        ), proposed AS ({_proposed_sql("school_id")}), scored AS (
            SELECT s.id AS id, e.area_hits AS area_hits, e.best_strength AS best_strength,
                {distance} AS distance_km,
                COALESCE(h.visits_per_term, %s) AS capacity, COALESCE(used.n, 0) AS used,
                h.day_rate AS rate, rated.average AS rating_avg, COALESCE(rated.n, 0) AS rating_count,
                COALESCE(proposed.n, 0) AS proposed_count,
                {_f("e.area_hits")} / %s AS f_area,
                {_f("e.best_strength")} / 5.0 AS f_evidence,
                COALESCE(1.0 / (1.0 + {distance} / %s), 0.5) AS f_distance,
                {phase} AS f_phase,
                (CASE WHEN COALESCE(h.visits_per_term, %s) > COALESCE(used.n, 0) THEN 1.0 ELSE 0.0 END)
                    AS f_availability,
                {cost_factor} AS f_cost,
                COALESCE(rated.average / 5.0, 0.5) AS f_feedback,
                1.0 / (1.0 + {_f("COALESCE(proposed.n, 0)")}) AS f_fairness
            FROM evidence e
            JOIN {_t(School)} s ON s.id = e.school_id
            LEFT JOIN {_t(HostCapacity)} h ON h.school_id = s.id
            LEFT JOIN used ON used.school_id = s.id
            LEFT JOIN rated ON rated.school_id = s.id
            LEFT JOIN proposed ON proposed.school_id = s.id
            WHERE s.consortium_id = %s AND s.is_open = %s AND s.id <> %s
        )"""
    params = [
        *areas,
        _day(cutoff),
        request.consortium_id,
        *live,
        _day(term.starts_on),
        _day(term.ends_on),
        request.consortium_id,
        _moment(year_ago),
        request.consortium_id,
        *distance_params,
        DEFAULT_VISITS_PER_TERM,
        float(len(area_ids)),
        *distance_params,
        DISTANCE_SCALE_KM,
        *phases,
        DEFAULT_VISITS_PER_TERM,
        *cost_params,
        request.consortium_id,
        True,
        request.school_id or 0,
    ]
    rows = _ranked(sql, params, weights, limit)
    if not rows:
        return []
    schools = _attach(School.objects.in_bulk([row["id"] for row in rows]), rows)
    # The entries behind each school's evidence, strongest and latest first: one query.
    best: dict[int, dict[int, PracticeEntry]] = defaultdict(dict)
    entries = (
        PracticeEntry.objects.filter(practice_area_id__in=area_ids, school_id__in=[s.pk for s in schools])
        .filter(Q(period_end__isnull=True) | Q(period_end__gte=cutoff))
        .select_related("practice_area")
        .order_by(
            "school_id", "practice_area__name", "-evidence_strength", F("period_end").desc(nulls_first=True), "-pk"
        )
    )
    for entry in entries:
        best[entry.school_id].setdefault(entry.practice_area_id, entry)
    candidates = []
    for school in schools:
        school.cost = _cost_of(school.rate, request.days)
        reasons = _school_reasons(request, school, best[school.pk], origin, term, len(area_ids))
        candidates.append(_candidate("school", school, weights, reasons))
    return candidates


def _school_reasons(request, school, entries_by_area, origin, term, asked):
    areas = [entry.practice_area.display_name for entry in entries_by_area.values()]
    reasons = {"area": _area_text("practice", areas, school.area_hits, asked)}
    evidence = []
    for entry in sorted(entries_by_area.values(), key=lambda e: (-e.evidence_strength, e.practice_area.display_name))[
        :3
    ]:
        evidence.append(
            gettext("Evidence in %(area)s: %(strength)s (%(year)s, %(source)s)")
            % {
                "area": entry.practice_area.display_name,
                "strength": EvidenceStrength.phrase(entry.evidence_strength),
                "year": entry.year,
                "source": SOURCE_PHRASES.get(entry.source) or gettext("the record"),
            }
        )
    reasons["evidence"] = "; ".join(evidence) or gettext("No evidence of impact recorded in these areas")
    reasons["distance"] = _distance_text(school.distance_km, origin, school.name)
    reasons["phase"] = _school_phase_text(school.phase, request.phase)
    left = max(0, school.capacity - school.used)
    if school.capacity == 0:
        reasons["availability"] = gettext("Not hosting in the %(term)s") % {"term": term}
    elif left:
        reasons["availability"] = gettext(
            "Can host %(left)s more in the %(term)s (%(used)s of %(capacity)s booked)"
        ) % {"left": left, "term": term, "used": school.used, "capacity": school.capacity}
    else:
        reasons["availability"] = gettext("No visits left in the %(term)s (%(used)s of %(capacity)s booked)") % {
            "term": term,
            "used": school.used,
            "capacity": school.capacity,
        }
    reasons["cost"] = _cost_text(request, school.rate, school.cost, who="school")
    reasons["feedback"] = _feedback_text(school.rating_avg, school.rating_count)
    reasons["fairness"] = _fairness_text(school.proposed_count)
    return reasons


def _school_phase_text(phase_text: str, asked: str) -> str:
    if not asked:
        return gettext("No phase asked for")
    if not phase_text:
        return gettext("Phase not recorded in the register")
    asked_label = Phase(asked).label.lower()
    if phase_text.lower() in Phase.register_names(asked):
        return gettext("%(phase)s school, for a %(asked)s request") % {"phase": phase_text, "asked": asked_label}
    return gettext("%(phase)s school; the request is for %(asked)s") % {"phase": phase_text, "asked": asked_label}


# Specialists -------------------------------------------------------------------------------------


def rank_specialists(request: SupportRequest, *, area_ids, origin, window, weights, today, limit):
    """The best `limit` active specialists of the consortium in the areas asked for, who travel there."""
    Through = Specialist.practice_areas.through
    RequestAreas = SupportRequest.practice_areas.through
    year_ago = timezone.now() - timedelta(days=FAIRNESS_DAYS)
    areas_in, areas = _in(area_ids)
    distance, distance_params = _distance_sql("base.easting", "base.northing", origin)
    cost_factor, cost_params = _cost_factor_sql("sp.day_rate", request.days, request.budget)
    joins, where, extra_ctes = [], [], []
    ctes_params: list = []
    if request.phase:
        extra_ctes.append(
            f"""phases AS (
                SELECT specialist_id, MAX(CASE WHEN phase = %s THEN 1 ELSE 0 END) AS has_phase
                FROM {_t(SpecialistPhase)} WHERE specialist_id IN (SELECT specialist_id FROM hits)
                GROUP BY specialist_id
            )"""
        )
        ctes_params.append(request.phase)
        joins.append("LEFT JOIN phases ON phases.specialist_id = sp.id")
        phase = "(CASE WHEN phases.has_phase = 1 THEN 1.0 WHEN phases.specialist_id IS NULL THEN 0.5 ELSE 0.0 END)"
    else:
        phase = "0.5"
    where_params: list = []
    if origin.local_authorities:
        las_in, las = _in(origin.local_authorities)
        extra_ctes.append(
            f"""travel AS (
                SELECT specialist_id, MAX(CASE WHEN local_authority IN {las_in} THEN 1 ELSE 0 END) AS goes_there
                FROM {_t(SpecialistTravelArea)} WHERE specialist_id IN (SELECT specialist_id FROM hits)
                GROUP BY specialist_id
            )"""
        )
        ctes_params += las
        joins.append("LEFT JOIN travel ON travel.specialist_id = sp.id")
        where.append("(travel.specialist_id IS NULL OR travel.goes_there = 1)")
    if window:
        start, end = window
        extra_ctes.append(
            f"""calendar AS (
                SELECT specialist_id,
                    MAX(CASE WHEN kind = %s THEN 1 ELSE 0 END) AS offered,
                    MAX(CASE WHEN kind = %s THEN 1 ELSE 0 END) AS blocked_some,
                    MAX(CASE WHEN kind = %s AND starts_on <= %s AND ends_on >= %s THEN 1 ELSE 0 END) AS blocked_all
                FROM {_t(AvailabilityBlock)}
                WHERE starts_on <= %s AND ends_on >= %s AND specialist_id IN (SELECT specialist_id FROM hits)
                GROUP BY specialist_id
            ), booked AS (
                SELECT specialist_id, COUNT(*) AS n FROM {_t(EngagementDay)}
                WHERE day >= %s AND day <= %s AND specialist_id IN (SELECT specialist_id FROM hits)
                GROUP BY specialist_id
            )"""
        )
        ctes_params += [
            AvailabilityKind.OFFERED,
            AvailabilityKind.BLOCKED,
            AvailabilityKind.BLOCKED,
            _day(start),
            _day(end),
            _day(end),
            _day(start),
            _day(start),
            _day(end),
        ]
        joins += [
            "LEFT JOIN calendar ON calendar.specialist_id = sp.id",
            "LEFT JOIN booked ON booked.specialist_id = sp.id",
        ]
        availability = """(CASE
            WHEN calendar.blocked_all = 1 THEN 0.0
            WHEN calendar.offered = 1 AND COALESCE(calendar.blocked_some, 0) = 0 AND booked.n IS NULL THEN 1.0
            WHEN calendar.offered = 1 THEN 0.75
            WHEN COALESCE(calendar.blocked_some, 0) = 0 AND booked.n IS NULL THEN 0.5
            ELSE 0.25 END)"""
    else:
        availability = "0.5"
    sql = f"""
        WITH hits AS (
            SELECT specialist_id, COUNT(*) AS area_hits FROM {_t(Through)}
            WHERE practicearea_id IN {areas_in}
            GROUP BY specialist_id
        ), reviewed AS (
            SELECT e.specialist_id AS specialist_id, MAX(e.outcome_strength) AS best
            FROM {_t(Engagement)} e JOIN {_t(RequestAreas)} ra ON ra.supportrequest_id = e.request_id
            WHERE e.consortium_id = %s AND e.specialist_id IS NOT NULL AND e.outcome_strength IS NOT NULL
              AND ra.practicearea_id IN {areas_in}
            GROUP BY e.specialist_id
        ), past AS (
            SELECT specialist_id, MAX(evidence_strength) AS best FROM {_t(PastEngagement)}
            WHERE practice_area_id IN {areas_in} AND evidence_strength IS NOT NULL
              AND specialist_id IN (SELECT specialist_id FROM hits)
            GROUP BY specialist_id
        ), ratings AS (
            SELECT specialist_id, SUM(rating) AS total, COUNT(*) AS n FROM (
                SELECT specialist_id, rating FROM {_t(Engagement)}
                WHERE consortium_id = %s AND specialist_id IS NOT NULL AND rating IS NOT NULL
                UNION ALL
                SELECT specialist_id, rating FROM {_t(PastEngagement)}
                WHERE rating IS NOT NULL AND specialist_id IN (SELECT specialist_id FROM hits)
            ) rating_rows
            GROUP BY specialist_id
        ), proposed AS ({_proposed_sql("specialist_id")}){"".join(", " + cte for cte in extra_ctes)}, scored AS (
            SELECT sp.id AS id, hits.area_hits AS area_hits,
                (CASE WHEN COALESCE(reviewed.best, 0) > COALESCE(past.best, 0)
                    THEN COALESCE(reviewed.best, 0) ELSE COALESCE(past.best, 0) END) AS best_strength,
                {distance} AS distance_km,
                COALESCE(ratings.total, 0) AS rating_sum, COALESCE(ratings.n, 0) AS rating_count,
                COALESCE(proposed.n, 0) AS proposed_count,
                {_f("hits.area_hits")} / %s AS f_area,
                (CASE WHEN COALESCE(reviewed.best, 0) > COALESCE(past.best, 0)
                    THEN COALESCE(reviewed.best, 0) ELSE COALESCE(past.best, 0) END) / 5.0 AS f_evidence,
                COALESCE(1.0 / (1.0 + {distance} / %s), 0.5) AS f_distance,
                {phase} AS f_phase,
                {availability} AS f_availability,
                {cost_factor} AS f_cost,
                COALESCE({_f("ratings.total")} / ({_f("ratings.n")} * 5.0), 0.5) AS f_feedback,
                1.0 / (1.0 + {_f("COALESCE(proposed.n, 0)")}) AS f_fairness
            FROM hits
            JOIN {_t(Specialist)} sp ON sp.id = hits.specialist_id
            LEFT JOIN {_t(School)} base ON base.id = sp.base_school_id
            LEFT JOIN reviewed ON reviewed.specialist_id = sp.id
            LEFT JOIN past ON past.specialist_id = sp.id
            LEFT JOIN ratings ON ratings.specialist_id = sp.id
            LEFT JOIN proposed ON proposed.specialist_id = sp.id
            {" ".join(joins)}
            WHERE sp.consortium_id = %s AND sp.is_active = %s{"".join(" AND " + w for w in where)}
        )"""
    params = [
        *areas,
        request.consortium_id,
        *areas,
        *areas,
        request.consortium_id,
        _moment(year_ago),
        request.consortium_id,
        *ctes_params,
        *distance_params,
        float(len(area_ids)),
        *distance_params,
        DISTANCE_SCALE_KM,
        *cost_params,
        request.consortium_id,
        True,
        *where_params,
    ]
    rows = _ranked(sql, params, weights, limit)
    if not rows:
        return []
    objects = Specialist.objects.select_related("base_school").prefetch_related("practice_areas", "phase_rows")
    specialists = _attach(objects.in_bulk([row["id"] for row in rows]), rows)
    ids = [s.pk for s in specialists]
    evidence = _specialist_evidence(ids, area_ids)
    calendar = _calendar(ids, window) if window else {}
    area_set = set(area_ids)
    candidates = []
    for specialist in specialists:
        specialist.cost = _cost_of(specialist.day_rate, request.days)
        reasons = _specialist_reasons(
            request, specialist, area_set, evidence.get(specialist.pk), calendar.get(specialist.pk), origin, window
        )
        candidates.append(_candidate("specialist", specialist, weights, reasons))
    return candidates


def _specialist_evidence(ids, area_ids) -> dict[int, str]:
    """Each specialist's strongest evidence in the areas, in words: two queries."""
    found: dict[int, tuple[int, str]] = {}

    def keep(specialist_id, strength, words):
        if specialist_id not in found or strength > found[specialist_id][0]:
            found[specialist_id] = (strength, words)

    reviewed = (
        Engagement.objects.filter(
            specialist_id__in=ids, outcome_strength__isnull=False, request__practice_areas__in=area_ids
        )
        .select_related("request__school", "request__network")
        .order_by("specialist_id", "-outcome_strength", "-reviewed_at", "-pk")
        .distinct()
    )
    for engagement in reviewed:
        year = timezone.localdate(engagement.reviewed_at).year if engagement.reviewed_at else ""
        keep(
            engagement.specialist_id,
            engagement.outcome_strength,
            gettext("%(strength)s from a reviewed engagement with %(whom)s (%(year)s)")
            % {
                "strength": EvidenceStrength.phrase(engagement.outcome_strength),
                "whom": engagement.request.for_whom,
                "year": year,
            },
        )
    past = (
        PastEngagement.objects.filter(
            specialist_id__in=ids, practice_area_id__in=area_ids, evidence_strength__isnull=False
        )
        .select_related("practice_area")
        .order_by("specialist_id", "-evidence_strength", "-ended_on", "-pk")
    )
    for engagement in past:
        values = {
            "strength": EvidenceStrength.phrase(engagement.evidence_strength),
            "area": engagement.practice_area.display_name,
            "client": engagement.client,
            "year": engagement.ended_on.year if engagement.ended_on else "",
        }
        words = (
            gettext("%(strength)s in %(area)s (work for %(client)s, %(year)s)")
            if engagement.ended_on
            else gettext("%(strength)s in %(area)s (work for %(client)s)")
        )
        keep(engagement.specialist_id, engagement.evidence_strength, words % values)
    return {pk: words for pk, (_, words) in found.items()}


@dataclass
class Calendar:
    offered: list[tuple[date, date]] = field(default_factory=list)
    blocked: list[tuple[date, date, str]] = field(default_factory=list)
    booked: dict[date, str] = field(default_factory=dict)


def _calendar(ids, window) -> dict[int, Calendar]:
    """Offered and blocked blocks, and booked days, in the window: two queries."""
    start, end = window
    calendars: dict[int, Calendar] = defaultdict(Calendar)
    for block in AvailabilityBlock.objects.filter(
        specialist_id__in=ids, starts_on__lte=end, ends_on__gte=start
    ).order_by("starts_on", "pk"):
        span = (max(block.starts_on, start), min(block.ends_on, end))
        if block.kind == AvailabilityKind.OFFERED:
            calendars[block.specialist_id].offered.append(span)
        else:
            calendars[block.specialist_id].blocked.append((*span, block.note))
    for booked in (
        EngagementDay.objects.filter(specialist_id__in=ids, day__gte=start, day__lte=end)
        .select_related("engagement__request__school", "engagement__request__network")
        .order_by("day")
    ):
        calendars[booked.specialist_id].booked[booked.day] = booked.engagement.request.for_whom
    return calendars


def _specialist_reasons(request, specialist, area_set, evidence, calendar, origin, window):
    areas = [area.display_name for area in specialist.practice_areas.all() if area.pk in area_set]
    asked = len(area_set)
    reasons = {
        "area": _area_text("works", areas, specialist.area_hits, asked),
        "evidence": gettext("Evidence of impact: %(evidence)s") % {"evidence": evidence}
        if evidence
        else gettext("No evidence of impact recorded in these areas"),
    }
    if specialist.base_school_id:
        reasons["distance"] = _distance_text(specialist.distance_km, origin, specialist.base_school.name, based=True)
    else:
        reasons["distance"] = gettext("No base recorded: distance not known")
    phases = specialist.phases
    if not request.phase:
        reasons["phase"] = gettext("No phase asked for")
    elif not phases:
        reasons["phase"] = gettext("Phases not recorded")
    else:
        labels = text.join_words(Phase(p).label.lower() for p in phases)
        asked_label = Phase(request.phase).label.lower()
        reasons["phase"] = (
            gettext("Works with %(phases)s schools") % {"phases": labels}
            if request.phase in phases
            else gettext("Works with %(phases)s schools; the request is for %(asked)s")
            % {"phases": labels, "asked": asked_label}
        )
    reasons["availability"] = _availability_text(request, calendar, window)
    reasons["cost"] = _cost_text(request, specialist.day_rate, specialist.cost, who="specialist")
    average = specialist.rating_sum / specialist.rating_count if specialist.rating_count else None
    reasons["feedback"] = _feedback_text(average, specialist.rating_count)
    reasons["fairness"] = _fairness_text(specialist.proposed_count)
    return reasons


def _availability_text(request, calendar: Calendar | None, window) -> str:
    if not window:
        return gettext("No dates asked for")
    start, end = window
    calendar = calendar or Calendar()
    asked = text.weekdays(start, end)
    blocked = {d for d in asked for s, e, _ in calendar.blocked if s <= d <= e}
    free = [d for d in asked if d not in blocked and d not in calendar.booked]
    parts = []
    if calendar.offered:
        offers = text.join_words(text.date_range(s, e) for s, e in calendar.offered)
        parts.append(gettext("Offers %(dates)s") % {"dates": offers})
    else:
        parts.append(gettext("No dates offered for %(dates)s") % {"dates": text.date_range(start, end)})
    if calendar.blocked:
        blocks = text.join_words(
            text.date_range(s, e) + (f" ({note})" if note else "") for s, e, note in calendar.blocked
        )
        parts.append(gettext("blocked %(dates)s") % {"dates": blocks})
    if calendar.booked:
        clients = sorted(set(calendar.booked.values()))
        parts.append(
            gettext("booked on %(days)s (%(clients)s)")
            % {"days": text.days_list(calendar.booked), "clients": text.join_words(clients)}
        )
    if not free:
        parts.append(gettext("no free weekday in the dates asked"))
    elif calendar.blocked or calendar.booked:
        parts.append(
            gettext("free on %(free)s of the %(asked)s weekdays asked") % {"free": len(free), "asked": len(asked)}
        )
    else:
        parts.append(gettext("free on every weekday asked"))
    if free and len(free) < request.days:
        parts.append(gettext("fewer free days than the %(days)s asked for") % {"days": text.number(request.days)})
    return "; ".join(parts)


# Shared wording ----------------------------------------------------------------------------------


def _distance_text(km, origin: Origin, name: str, *, based: bool = False) -> str:
    if km is None:
        where = origin.label if not origin.located else name
        return gettext("Distance not known: no location recorded for %(where)s") % {"where": where}
    how_far = gettext("under 1 km") if km < 1 else f"{round(km)} km"
    values = {"distance": how_far, "origin": origin.label, "name": name}
    if based:
        return gettext("Based at %(name)s, %(distance)s from %(origin)s") % values
    phrase = gettext("%(distance)s from %(origin)s") % values
    return phrase[0].upper() + phrase[1:]


def _area_text(lead: str, areas: list[str], hits: int, asked: int) -> str:
    """`lead` is "practice" (a school's) or "works" (a specialist's)."""
    values = {"areas": text.join_words(areas), "hits": hits, "asked": asked}
    if lead == "practice":
        if asked == 1:
            return gettext("Practice in %(areas)s, the area asked for") % values
        return gettext("Practice in %(areas)s: %(hits)s of the %(asked)s areas asked for") % values
    if asked == 1:
        return gettext("Works in %(areas)s, the area asked for") % values
    return gettext("Works in %(areas)s: %(hits)s of the %(asked)s areas asked for") % values


def _cost_text(request, rate, cost, *, who: str) -> str:
    """`who` is "school" or "specialist"."""
    if rate is None:
        if request.budget is None:
            if who == "school":
                return gettext("No fee recorded for the school")
            return gettext("No fee recorded for the specialist")
        budget = {"budget": money(request.budget)}
        if who == "school":
            return gettext("No fee recorded for the school, so within the %(budget)s budget") % budget
        return gettext("No fee recorded for the specialist, so within the %(budget)s budget") % budget
    sum_text = ngettext(
        "%(days)s day at %(rate)s = %(cost)s", "%(days)s days at %(rate)s = %(cost)s", request.days_count
    ) % {
        "days": text.number(request.days),
        "rate": money(rate),
        "cost": money(cost),
    }
    if request.budget is None:
        return gettext("%(sum)s; no budget given") % {"sum": sum_text}
    if cost <= request.budget:
        return gettext("%(sum)s, within the %(budget)s budget") % {"sum": sum_text, "budget": money(request.budget)}
    return gettext("%(sum)s, %(over)s over the %(budget)s budget") % {
        "sum": sum_text,
        "over": money(cost - request.budget),
        "budget": money(request.budget),
    }


def _feedback_text(average, count) -> str:
    if not count:
        return gettext("No feedback yet")
    return ngettext(
        "Rated %(average)s out of 5 over %(count)s past engagement",
        "Rated %(average)s out of 5 over %(count)s past engagements",
        count,
    ) % {"average": f"{average:.1f}", "count": count}


def _fairness_text(count: int) -> str:
    if not count:
        return gettext("Not proposed in the last year")
    return gettext("Proposed %(times)s in the last year") % {"times": text.times(count)}


def _candidate(kind, obj, weights, texts: dict[str, str]) -> Candidate:
    total = sum(weights.values()) or 1
    factors = {factor: float(getattr(obj, f"f_{factor}")) for factor, _, _, _ in FACTORS}
    reasons = [
        Reason(factor, texts[factor], factors[factor], weights[factor] * factors[factor] * 100 / total)
        for factor, _, _, _ in FACTORS
        if weights[factor]
    ]
    return Candidate(kind=kind, obj=obj, score=float(obj.score), factors=factors, reasons=reasons)


# The match ---------------------------------------------------------------------------------------


def match(
    request: SupportRequest,
    *,
    kinds: tuple[str, ...] | None = None,
    limit: int = DEFAULT_LIMIT,
    weights: dict[str, int] | None = None,
    today: date | None = None,
) -> MatchResult:
    """Rank the candidates for a request. `kinds` narrows to "school" or "specialist" (default: what
    the request's kind calls for); `weights` overrides the consortium's (for a what-if)."""
    today = today or timezone.localdate()
    weights = weights or BrokerageSettings.for_consortium(request.consortium_id).weights
    kinds = kinds or request.kind_enum.candidate_kinds
    area_ids = sorted(area.pk for area in request.practice_areas.all())
    origin = origin_of(request)
    window = _window(request)
    context = {"area_ids": area_ids, "origin": origin, "window": window, "weights": weights, "today": today}
    schools = rank_schools(request, limit=limit, **context) if area_ids and "school" in kinds else []
    specialists = rank_specialists(request, limit=limit, **context) if area_ids and "specialist" in kinds else []
    proposals = {
        (("specialist", p.specialist_id) if p.specialist_id else ("school", p.school_id)): p
        for p in Proposal.objects.filter(request=request)
    }
    for candidate in schools + specialists:
        candidate.proposal = proposals.get((candidate.kind, candidate.pk))
    return MatchResult(request, weights, origin, window, schools, specialists)
