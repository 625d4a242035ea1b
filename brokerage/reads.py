"""Reads for the desk's pages that are more than one query: the practice search, the exchange
between networks, each person's part of the home page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db.models import Count, ExpressionWrapper, F, FloatField, Q
from django.db.models.functions import Cast, Coalesce, Sqrt
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from networks.flows import NO_NETWORK, Flow, FlowKind, FlowScope, NetworkOf
from networks.models import Consortium, Membership, Network, NetworkSchool, PracticeArea, Role, School
from networks.permissions import memberships_of, staff_consortium_ids

from . import text
from .models import (
    DEFAULT_VISITS_PER_TERM,
    FACTORS,
    LIVE_ENGAGEMENT_STATUSES,
    AvailabilityBlock,
    AvailabilityKind,
    DigestRun,
    DigestSubscription,
    Engagement,
    EngagementDay,
    EngagementStatus,
    HostCapacity,
    PracticeEntry,
    ProposalStatus,
    RequestStatus,
    SupportRequest,
)
from .permissions import can_raise_requests, lead_school_ids, led_network_ids

HOME_LIST_SIZE = 5
FLOAT = FloatField()
# Consultancy is level 3 collaboration in seed 004's terms (learning with one another).
CONSULTANCY_LEVEL = 3


def desks_for(user) -> list[dict]:
    """For consortium staff: each of their consortia with the requests waiting for the desk (one query)."""
    ids = staff_consortium_ids(user)
    if not ids:
        return []
    counts = {
        row["consortium_id"]: row
        for row in SupportRequest.objects.filter(consortium_id__in=ids)
        .values("consortium_id")
        .annotate(
            submitted=Count("pk", filter=Q(status=RequestStatus.SUBMITTED)),
            triaged=Count("pk", filter=Q(status=RequestStatus.TRIAGED)),
            accepted=Count("pk", filter=Q(status=RequestStatus.ACCEPTED)),
        )
        .order_by()
    }
    consortia = sorted(
        (m.consortium for m in memberships_of(user) if m.consortium_id in ids), key=lambda c: (c.name, c.pk)
    )
    return [{"consortium": c, **counts.get(c.pk, {"submitted": 0, "triaged": 0, "accepted": 0})} for c in consortia]


def weights_described(weights: dict[str, int]) -> list[tuple[str, int]]:
    return [(label, weights[factor]) for factor, _, _, label in FACTORS]


def practice_search(consortium: Consortium, data: dict):
    """The consortium's record of the last three years, filtered; nearest first when a school is given."""
    entries = (
        PracticeEntry.objects.filter(school__consortium=consortium)
        .recent()
        .search(data.get("q"))
        .select_related("school", "practice_area")
    )
    if data.get("practice_area"):
        entries = entries.filter(practice_area=data["practice_area"])
    if data.get("phase"):
        entries = entries.in_phase(data["phase"])
    if data.get("local_authority"):
        entries = entries.filter(school__local_authority=data["local_authority"])
    if data.get("strength"):
        entries = entries.filter(evidence_strength__gte=int(data["strength"]))
    near = data.get("near")
    if near is not None and near.easting is not None and near.northing is not None:
        dx = Cast(F("school__easting"), FLOAT) - float(near.easting)
        dy = Cast(F("school__northing"), FLOAT) - float(near.northing)
        entries = entries.annotate(
            distance_km=ExpressionWrapper(Sqrt(dx * dx + dy * dy) / 1000.0, output_field=FLOAT)
        ).exclude(school=near)
        if data.get("within_km"):
            entries = entries.filter(distance_km__lte=data["within_km"])
        return entries.order_by(F("distance_km").asc(nulls_last=True), "-evidence_strength", "-pk")
    if near is not None:
        entries = entries.exclude(school=near)
    return entries.order_by("-shared_at", "-pk")


def origin_url(entry: PracticeEntry, user) -> str:
    """A link to what an automatic entry came from, if the person may open it."""
    if not entry.content_type_id or not entry.object_id:
        return ""
    model = entry.content_type.model_class()
    if model is None:
        return ""
    manager = model._default_manager
    rows = manager.visible_to(user) if hasattr(manager, "visible_to") else manager.none()
    origin = rows.filter(pk=entry.object_id).first()
    if origin is None or not hasattr(origin, "get_absolute_url"):
        return ""
    try:
        return origin.get_absolute_url()
    except NoReverseMatch:
        return ""


def exchange_pairs(consortium: Consortium) -> list[dict]:
    """Who learns from whom: (network asking or visiting -> network of the school that hosts or
    helps), with brokered engagements (booked or done) and activities hosted by a school of another
    network (confirmed or done) counted apart.

    A request's network is its own, else the requesting school's; a school's network is the one
    `networks.flows.NetworkOf` gives it, as on the knowledge-flow map (a host school in the
    visiting network too counts in it, so that visit is within the network). Three queries and one
    for the names, whatever the number of rows.
    """
    from activities.models import Activity, ActivityStatus

    network_of = NetworkOf(consortium.pk)
    seen: dict[tuple, dict[str, set]] = {}

    def add(key, kind, pk):
        seen.setdefault(key, {"engagements": set(), "visits": set()})[kind].add(pk)

    live = Engagement.objects.filter(
        consortium=consortium, status__in=LIVE_ENGAGEMENT_STATUSES, host_school__isnull=False
    )
    for pk, network_id, school_id, host_id in live.values_list(
        "pk", "request__network_id", "request__school_id", "host_school_id"
    ).order_by():
        asking = network_of(school_id, network_id) if school_id else network_id or NO_NETWORK
        add((asking, network_of(host_id, network_id)), "engagements", pk)
    visits = Activity.objects.filter(
        network__consortium=consortium,
        host_school__isnull=False,
        status__in=(ActivityStatus.CONFIRMED, ActivityStatus.DONE),
    )
    for pk, network_id, host_id in visits.values_list("pk", "network_id", "host_school_id").order_by():
        to = network_of(host_id, network_id)
        if to != network_id:  # a network visiting one of its own schools learns from itself
            add((network_id, to), "visits", pk)
    ids = {n for pair in seen for n in pair if n}
    names = dict(Network.objects.filter(pk__in=ids).values_list("pk", "name"))
    pairs = []
    for (a, b), found in seen.items():
        engagements, visits_count = len(found["engagements"]), len(found["visits"])
        pairs.append(
            {
                "from": names.get(a) or gettext("No network"),
                "to": names.get(b) or gettext("A school in no network"),
                "engagements": engagements,
                "visits": visits_count,
                "count": engagements + visits_count,
                "within": a != NO_NETWORK and a == b,
            }
        )
    return sorted(pairs, key=lambda p: (-p["count"], p["from"], p["to"]))


def specialist_exchange(consortium: Consortium) -> list[dict]:
    """Specialists brought into each network: engagements and distinct specialists (one query)."""
    rows = (
        Engagement.objects.filter(consortium=consortium, status__in=LIVE_ENGAGEMENT_STATUSES, specialist__isnull=False)
        .values("request__network__name", "request__school__name")
        .annotate(engagements=Count("pk"), specialists=Count("specialist", distinct=True))
        .order_by("-engagements", "request__network__name", "request__school__name")
    )
    return [
        {
            "to": row["request__network__name"] or row["request__school__name"],
            "engagements": row["engagements"],
            "specialists": row["specialists"],
        }
        for row in rows[:25]
    ]


def home_context(user) -> dict:
    """What the desk has for the person now, for the home page (a handful of queries)."""
    if not user.is_authenticated:
        return {}
    speaks_for = Q(raised_by=user) | Q(school_id__in=lead_school_ids(user)) | Q(network_id__in=led_network_ids(user))
    own = SupportRequest.objects.filter(speaks_for) if not user.is_superuser else SupportRequest.objects.none()
    to_answer = list(
        own.filter(
            status=RequestStatus.PROPOSED,
            proposals__status=ProposalStatus.PROPOSED,
        )
        .distinct()
        .select_related("school", "network")[:HOME_LIST_SIZE]
    )
    open_requests = list(
        own.open().exclude(pk__in=[r.pk for r in to_answer]).select_related("school", "network")[:HOME_LIST_SIZE]
    )
    engagements = list(
        Engagement.objects.filter(specialist__user=user, status=EngagementStatus.BOOKED)
        .select_related("request__school", "request__network")
        .order_by("starts_on", "pk")[:HOME_LIST_SIZE]
    )
    context = {
        "to_answer": to_answer,
        "open_requests": open_requests,
        "engagements": engagements,
        "desks": desks_for(user),
        "can_raise": can_raise_requests(user),
        "is_specialist": any(m.role == Role.SPECIALIST for m in memberships_of(user)),
    }
    context["show"] = any(context.values())
    return context


def flows(scope: FlowScope) -> list[Flow]:
    """Consultancy days: each booked or done engagement starting in the period, from the school
    that gives it (the host or supporting school, or the school a specialist is based at) to the
    school it is for (one query).

    In a network: engagements for the network, or for one of its schools when the request names no
    network. Engagements for a whole network, or by a specialist based at no school, are not
    school-to-school flows and are left out.
    """
    rows = Engagement.objects.filter(
        consortium_id=scope.consortium_id, status__in=LIVE_ENGAGEMENT_STATUSES, request__school__isnull=False
    ).annotate(giver=Coalesce("host_school_id", "specialist__base_school_id"))
    rows = rows.filter(giver__isnull=False).exclude(giver=F("request__school_id"))
    if scope.network_id:
        schools = NetworkSchool.objects.filter(network_id=scope.network_id).values("school_id")
        rows = rows.filter(
            Q(request__network_id=scope.network_id) | Q(request__network__isnull=True, request__school_id__in=schools)
        )
    rows = rows.filter(scope.days("starts_on"))
    if scope.area_id:
        rows = rows.filter(
            request_id__in=SupportRequest.practice_areas.through.objects.filter(practicearea_id=scope.area_id).values(
                "supportrequest_id"
            )
        )
    return [
        Flow(
            kind=FlowKind.CONSULTANCY,
            giver_id=giver,
            receiver_id=receiver,
            amount=days,
            level=CONSULTANCY_LEVEL,
            network_id=network_id,
        )
        for giver, receiver, days, network_id in rows.values_list(
            "giver", "request__school_id", "days", "request__network_id"
        ).order_by()
    ]


def engagements_without_outcome(network, limit=HOME_LIST_SIZE) -> list[Engagement]:
    """Completed engagements for the network or one of its schools whose outcome is not recorded
    yet, longest waiting first: at most `limit`, plus one more to tell that there are more (one
    query). For the network dashboard's needs-attention panel."""
    for_network = Q(request__network=network) | Q(
        request__school__in=NetworkSchool.objects.filter(network=network).values("school_id")
    )
    return list(
        Engagement.objects.filter(for_network, status=EngagementStatus.COMPLETED, outcome="")
        .select_related("request__school", "request__network")
        .order_by("completed_at", "pk")[: limit + 1]
    )


def host_offer(school_id: int) -> HostCapacity | None:
    """The school's hosting offer, if it has made one (else it hosts DEFAULT_VISITS_PER_TERM)."""
    return HostCapacity.objects.filter(school_id=school_id).first()


def hosted_in_term(school: School, term):
    """The school's engagements that start in the term and hold their days: what counts against
    its hosting offer."""
    return Engagement.objects.filter(
        host_school_id=school.pk,
        status__in=LIVE_ENGAGEMENT_STATUSES,
        starts_on__gte=term.starts_on,
        starts_on__lte=term.ends_on,
    )


def specialist_accounts_without_profile(consortium: Consortium):
    """The consortium's specialists' accounts that have no profile in it yet, for staff to make one."""
    return (
        Membership.objects.filter(consortium=consortium, role=Role.SPECIALIST)
        .exclude(user__specialist_profiles__consortium=consortium)
        .select_related("user")
    )


def availability_ahead(specialist):
    """A specialist's offered and blocked dates from today, and their booked days from today."""
    today = timezone.localdate()
    blocks = specialist.availability.filter(ends_on__gte=today).order_by("starts_on", "pk")
    booked = specialist.booked_days.filter(day__gte=today).select_related(
        "engagement__request__school", "engagement__request__network"
    )
    return blocks, booked


# Checks the forms and the services share ---------------------------------------------------------


def request_problems(
    *,
    school: School | None,
    network: Network | None,
    practice_areas: Sequence[PracticeArea],
    preferred_from: date | None,
    preferred_to: date | None,
    days: Decimal | None,
    budget: Decimal | None,
    today: date | None = None,
) -> dict[str, str]:
    """What is wrong with a request's details, by field ("" for the request as a whole)."""
    today = today or timezone.localdate()
    problems: dict[str, str] = {}
    if school is None and network is None:
        problems["school"] = gettext("Choose the school or the network the support is for.")
    consortium_id = school.consortium_id if school else network.consortium_id if network else None
    if school and network:
        if school.consortium_id != network.consortium_id:
            problems["network"] = gettext("%(network)s is in another consortium than %(school)s.") % {
                "network": network.name,
                "school": school.name,
            }
        elif not NetworkSchool.objects.filter(network=network, school=school).exists():
            problems["network"] = gettext("%(school)s is not in %(network)s.") % {
                "school": school.name,
                "network": network.name,
            }
    if not practice_areas:
        problems["practice_areas"] = gettext("Choose at least one practice area: it is what the match looks for.")
    elif consortium_id and any(area.consortium_id != consortium_id for area in practice_areas):
        problems["practice_areas"] = gettext("Choose practice areas of the school's own consortium.")
    if budget is not None and budget < 0:
        problems["budget"] = gettext("The budget cannot be below zero.")
    if days is not None and days <= 0:
        problems["days"] = gettext("Ask for at least half a day.")
    if preferred_from and preferred_from < today:
        problems["preferred_from"] = gettext("The preferred dates cannot be in the past.")
    if preferred_to and preferred_to < today:
        problems["preferred_to"] = gettext("The preferred dates cannot be in the past.")
    if preferred_from and preferred_to and preferred_to < preferred_from:
        problems["preferred_to"] = gettext("The last preferred date comes before the first.")
    return problems


def booking_problems(*, engagement: Engagement, dates: Sequence[date], today: date | None = None) -> str | None:
    """Why these dates cannot be booked for this engagement, or None. Read-only: the booking
    service asks the same again with the provider's row locked."""
    today = today or timezone.localdate()
    dates = sorted(set(dates))
    if not dates:
        return gettext("Give at least one date.")
    past = [d for d in dates if d < today]
    if past:
        return ngettext(
            "%(days)s is in the past: choose dates from today on.",
            "%(days)s are in the past: choose dates from today on.",
            len(past),
        ) % {"days": text.days_list(past)}
    if engagement.specialist_id:
        specialist = engagement.specialist
        blocked = list(
            AvailabilityBlock.objects.filter(
                specialist_id=specialist.pk,
                kind=AvailabilityKind.BLOCKED,
                starts_on__lte=dates[-1],
                ends_on__gte=dates[0],
            )
        )
        blocked_days = [d for d in dates if any(b.starts_on <= d <= b.ends_on for b in blocked)]
        if blocked_days:
            notes = sorted({b.note for b in blocked if b.note})
            why = f" ({text.join_words(notes)})" if notes else ""
            return gettext(
                "%(name)s has blocked %(days)s%(why)s: choose other dates, or ask them to free those days first."
            ) % {"name": specialist.name, "days": text.days_list(blocked_days), "why": why}
        clashes = list(
            EngagementDay.objects.filter(specialist_id=specialist.pk, day__in=dates)
            .exclude(engagement_id=engagement.pk)
            .select_related("engagement__request__school", "engagement__request__network")
        )
        if clashes:
            where = text.join_words(sorted({c.engagement.request.for_whom for c in clashes}))
            return gettext("%(name)s is already booked on %(days)s (engagement at %(where)s): choose other dates.") % {
                "name": specialist.name,
                "days": text.days_list([c.day for c in clashes]),
                "where": where,
            }
        return None
    school = engagement.host_school
    term = text.term_of(dates[0])
    offer = host_offer(school.pk)
    capacity = offer.visits_per_term if offer else DEFAULT_VISITS_PER_TERM
    used = hosted_in_term(school, term).exclude(pk=engagement.pk).count()
    if used >= capacity:
        if capacity == 0:
            return gettext("%(school)s is not hosting visits or engagements at present.") % {"school": school.name}
        return ngettext(
            "%(school)s hosts %(capacity)s visit a term and has %(used)s booked in the %(term)s: "
            "choose dates in another term, or another school.",
            "%(school)s hosts %(capacity)s visits a term and has %(used)s booked in the %(term)s: "
            "choose dates in another term, or another school.",
            capacity,
        ) % {"school": school.name, "capacity": capacity, "used": used, "term": term}
    return None


# The digest ----------------------------------------------------------------------------------------

DIGEST_MAX_ITEMS = 30


def _period_bounds(run: DigestRun):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(timezone.datetime.combine(run.period_start, timezone.datetime.min.time()), tz)
    end = timezone.make_aware(timezone.datetime.combine(run.period_end, timezone.datetime.min.time()), tz)
    return start, end


def digest_content(run: DigestRun) -> dict:
    start, end = _period_bounds(run)
    entries = (
        PracticeEntry.objects.filter(school__consortium_id=run.consortium_id, shared_at__gte=start, shared_at__lt=end)
        .select_related("school", "practice_area")
        .order_by("-evidence_strength", "school__name", "pk")
    )
    engagements = (
        Engagement.objects.filter(
            consortium_id=run.consortium_id,
            status__in=[EngagementStatus.COMPLETED, EngagementStatus.REVIEWED],
            completed_at__gte=start,
            completed_at__lt=end,
        )
        .select_related("specialist", "host_school", "request__school", "request__network")
        .prefetch_related("request__practice_areas")
        .order_by("completed_at", "pk")
    )
    return {
        "entries": list(entries[:DIGEST_MAX_ITEMS]),
        "entry_count": entries.count(),
        "engagements": list(engagements[:DIGEST_MAX_ITEMS]),
        "engagement_count": engagements.count(),
    }


def digest_audience(consortium: Consortium):
    """People opted in who still have a role in the consortium."""
    in_consortium = Membership.objects.filter(
        Q(consortium=consortium) | Q(network__consortium=consortium) | Q(school__consortium=consortium)
    ).values("user_id")
    return DigestSubscription.objects.filter(
        consortium=consortium, user__is_active=True, user_id__in=in_consortium
    ).values_list("user_id", flat=True)
