"""Matching: each factor moves the ranking the way it should and the reasons say so; evidence
from data beats anecdote; nothing out of the requester's reach appears; the same data gives the
same ranking."""

from datetime import timedelta
from decimal import Decimal

import pytest

from brokerage import services
from brokerage.matching import Candidate, match
from brokerage.models import (
    AvailabilityBlock,
    AvailabilityKind,
    BrokerageSettings,
    EvidenceStrength,
    HostCapacity,
    PastEngagement,
    RequestKind,
    Source,
)
from networks.models import PracticeArea

from .helpers import area, days, entry, raise_request, school_at, specialist

DEFAULT_WEIGHTS = {
    "area": 5,
    "evidence": 4,
    "distance": 3,
    "phase": 2,
    "availability": 3,
    "cost": 2,
    "feedback": 2,
    "fairness": 1,
}


def names(candidates):
    return [c.name for c in candidates]


def reason(candidate, factor):
    return next(r.text for r in candidate.reasons if r.factor == factor)


BETTER_FIRST = {"school": ["Better Primary", "Worse Primary"], "specialist": ["Better Specialist", "Worse Specialist"]}


def better_first(request, kind="school"):
    """The request matched to the two candidates of a kind (two_schools, two_specialists): the
    better one must rank first. The two, the better first."""
    result = match(request) if kind == "school" else match(request, kinds=("specialist",))
    candidates = result.schools if kind == "school" else result.specialists
    assert names(candidates) == BETTER_FIRST[kind]
    return candidates


def reasons_on(factor, request, kind="school"):
    """As better_first, and the factor alone decides it: with the factor's weight at 0 the two tie.
    The two candidates' reasons on the factor, the better's first."""
    candidates = better_first(request, kind)
    assert _tie_without(request, factor)
    return [reason(candidate, factor) for candidate in candidates]


def two_schools(desk, *, worse=None, better=None, at=(312000, 190000)):
    """Two schools the same in every way but what the caller changes; the better one is made second,
    so it has the higher id and wins only on the factor under test."""
    schools = []
    for name, changes in (("Worse Primary", worse or {}), ("Better Primary", better or {})):
        fields = {"easting": at[0], "northing": at[1], "local_authority": "Newport", **changes}
        schools.append(school_at(desk.consortium, name, **fields))
    return schools


def visit_request(desk, **fields):
    fields.setdefault("kind", RequestKind.LEARNING_VISIT)
    return raise_request(desk, **fields)


def test_a_data_backed_impact_ranks_above_an_anecdote_all_else_equal(desk):
    worse, better = two_schools(desk)
    entry(worse, desk.literacy, EvidenceStrength.ANECDOTE)
    entry(better, desk.literacy, EvidenceStrength.DATA)
    top, second = better_first(visit_request(desk))
    assert reason(top, "evidence").startswith("Evidence in Literacy: data-backed impact")
    assert reason(second, "evidence").startswith("Evidence in Literacy: an anecdote")
    assert top.score > second.score


def _tie_without(request, factor):
    """With the factor's weight at 0 the two candidates score the same."""
    weights = {**DEFAULT_WEIGHTS, factor: 0}
    result = match(request, weights=weights)
    candidates = result.schools or result.specialists
    return candidates[0].score == pytest.approx(candidates[1].score)


def test_practice_area_match_counts_each_area_asked_for(desk):
    worse, better = two_schools(desk)
    entry(worse, desk.literacy, EvidenceStrength.DATA)
    entry(better, desk.literacy, EvidenceStrength.DATA)
    entry(better, desk.numeracy, EvidenceStrength.DATA)
    request = visit_request(desk, areas=[desk.literacy, desk.numeracy])
    assert reasons_on("area", request) == [
        "Practice in Literacy and Numeracy: 2 of the 2 areas asked for",
        "Practice in Literacy: 1 of the 2 areas asked for",
    ]


def test_closer_ranks_higher_and_the_reason_gives_the_distance(desk):
    worse, better = two_schools(desk)
    worse.easting, worse.northing = 310000, 240000  # 50 km north of school 1
    worse.save()
    better.easting, better.northing = 310000, 195000  # 5 km
    better.save()
    for school in (worse, better):
        entry(school, desk.literacy, EvidenceStrength.DATA)
    assert reasons_on("distance", visit_request(desk)) == [
        "5 km from Ysgol Gynradd Llanwern",
        "50 km from Ysgol Gynradd Llanwern",
    ]


def test_the_phase_asked_for_ranks_higher(desk):
    worse, better = two_schools(desk, worse={"phase": "Secondary"}, better={"phase": "Primary"})
    for school in (worse, better):
        entry(school, desk.literacy, EvidenceStrength.DATA)
    request = visit_request(desk)
    assert request.phase == "primary"  # school 1's phase
    assert reasons_on("phase", request) == [
        "Primary school, for a primary request",
        "Secondary school; the request is for primary",
    ]


def test_a_school_with_no_visits_left_this_term_ranks_lower(desk):
    worse, better = two_schools(desk)
    for school in (worse, better):
        entry(school, desk.literacy, EvidenceStrength.DATA)
    HostCapacity.objects.create(school=worse, visits_per_term=0)
    better_reason, worse_reason = reasons_on("availability", visit_request(desk))
    assert better_reason.startswith("Can host 3 more in the ")
    assert worse_reason.startswith("Not hosting in the ")


def two_specialists(desk, **changes):
    worse = specialist(desk.consortium, "Worse Specialist", [desk.literacy], **changes.get("worse", {}))
    better = specialist(desk.consortium, "Better Specialist", [desk.literacy], **changes.get("better", {}))
    return worse, better


def consultancy(desk, **fields):
    fields.setdefault("kind", RequestKind.SPECIALIST_CONSULTANCY)
    return raise_request(desk, **fields)


def test_a_specialist_who_offers_the_dates_ranks_above_one_who_blocked_them(desk):
    worse, better = two_specialists(desk)
    request = consultancy(desk)
    start, end = request.preferred_from, request.preferred_to
    AvailabilityBlock.objects.create(
        specialist=better, kind=AvailabilityKind.OFFERED, starts_on=start - timedelta(days=3), ends_on=end
    )
    AvailabilityBlock.objects.create(
        specialist=worse, kind=AvailabilityKind.BLOCKED, starts_on=start, ends_on=end, note="on leave"
    )
    better_reason, worse_reason = reasons_on("availability", request, "specialist")
    assert better_reason.startswith("Offers ")
    assert "free on every weekday asked" in better_reason
    assert "blocked" in worse_reason
    assert "(on leave)" in worse_reason
    assert "no free weekday" in worse_reason


def test_a_specialist_booked_in_the_dates_ranks_lower_and_the_clash_is_named(desk):
    worse, better = two_specialists(desk)
    request = consultancy(desk)
    other = consultancy(desk, title="Another school's writing", preferred_from=request.preferred_from)
    proposal = services.proposal_create(
        request=other, by=desk.people.consortium_staff, candidates=[Candidate("specialist", worse, 50, {})]
    )[0]
    engagement = services.proposal_accept(proposal=proposal, by=desk.people.school_lead)
    services.engagement_book(engagement=engagement, dates=[request.preferred_from], by=desk.people.consortium_staff)
    worse_reason = reason(better_first(request, "specialist")[1], "availability")
    assert "booked on" in worse_reason
    assert "Ysgol Gynradd Llanwern" in worse_reason


def test_cost_within_budget_ranks_higher_and_the_sum_is_shown(desk):
    worse, better = two_specialists(desk, worse={"day_rate": "800"}, better={"day_rate": "450"})
    request = consultancy(desk, budget=Decimal("1000"), days=Decimal("2"))
    assert reasons_on("cost", request, "specialist") == [
        "2 days at £450.00 = £900.00, within the £1,000.00 budget",
        "2 days at £800.00 = £1,600.00, £600.00 over the £1,000.00 budget",
    ]


def test_better_feedback_on_past_engagements_ranks_higher(desk):
    worse, better = two_specialists(desk)
    PastEngagement.objects.create(specialist=worse, client="A school", rating=2)
    PastEngagement.objects.create(specialist=better, client="A school", rating=5)
    PastEngagement.objects.create(specialist=better, client="Another school", rating=4)
    assert reasons_on("feedback", consultancy(desk), "specialist") == [
        "Rated 4.5 out of 5 over 2 past engagements",
        "Rated 2.0 out of 5 over 1 past engagement",
    ]


def test_fairness_puts_those_asked_less_often_first(desk):
    worse, better = two_specialists(desk)
    for n in range(3):
        other = consultancy(desk, title=f"Earlier request {n}")
        services.proposal_create(
            request=other, by=desk.people.consortium_staff, candidates=[Candidate("specialist", worse, 50, {})]
        )
    assert reasons_on("fairness", consultancy(desk), "specialist") == [
        "Not proposed in the last year",
        "Proposed 3 times in the last year",
    ]


def test_a_specialists_evidence_comes_from_reviewed_outcomes_and_past_work(desk):
    worse, better = two_specialists(desk)
    PastEngagement.objects.create(
        specialist=better, client="Heol y Celyn Primary", practice_area=desk.literacy, evidence_strength=4
    )
    PastEngagement.objects.create(
        specialist=worse, client="Another school", practice_area=desk.numeracy, evidence_strength=5
    )
    top, second = better_first(consultancy(desk), "specialist")
    assert reason(top, "evidence") == (
        "Evidence of impact: data-backed impact in Literacy (work for Heol y Celyn Primary)"
    )
    assert reason(second, "evidence") == "No evidence of impact recorded in these areas"


def test_the_consortiums_weights_change_the_ranking(desk):
    near, far = two_schools(desk)
    far.easting, far.northing = 310000, 290000  # 100 km
    far.save()
    entry(near, desk.literacy, EvidenceStrength.ANECDOTE)
    entry(far, desk.literacy, EvidenceStrength.COMPARISON)
    request = visit_request(desk)
    BrokerageSettings.objects.create(consortium=desk.consortium, weight_distance=10, weight_evidence=0)
    assert names(match(request).schools) == ["Worse Primary", "Better Primary"]
    BrokerageSettings.objects.filter(consortium=desk.consortium).update(weight_distance=0, weight_evidence=10)
    assert names(match(request).schools) == ["Better Primary", "Worse Primary"]


def test_nothing_out_of_the_requesters_reach_appears(desk, world):
    other_area = PracticeArea.objects.get(consortium=world.other_consortium, name="Literacy")
    entry(world.other_school, other_area, EvidenceStrength.COMPARISON)  # another consortium
    closed = school_at(desk.consortium, "Closed Primary", 310500, 190000, is_open=False)
    entry(closed, desk.literacy, EvidenceStrength.COMPARISON)
    entry(world.school_1, desk.literacy, EvidenceStrength.COMPARISON)  # the requesting school itself
    entry(world.school_2, desk.literacy, EvidenceStrength.OBSERVATION)
    old = school_at(desk.consortium, "Long Ago Primary", 310500, 190000)
    entry(old, desk.literacy, EvidenceStrength.DATA, period_end=days(-365 * 4))  # older than three years
    specialist(world.other_consortium, "Northern Specialist", [other_area])
    specialist(desk.consortium, "Retired Specialist", [desk.literacy], is_active=False)
    specialist(desk.consortium, "Cardiff-only Specialist", [desk.literacy], travel=["Cardiff"])
    specialist(desk.consortium, "Newport Specialist", [desk.literacy], travel=["Newport", "Cardiff"])
    specialist(desk.consortium, "Numeracy Specialist", [desk.numeracy])
    request = raise_request(desk, kind=RequestKind.SPECIALIST_CONSULTANCY)
    result = match(request, kinds=("school", "specialist"))
    assert names(result.schools) == ["Maes y Coed Primary"]
    assert names(result.specialists) == ["Newport Specialist"]


def test_the_same_data_gives_the_same_ranking(desk):
    schools = [school_at(desk.consortium, f"Twin {n} Primary", 312000, 190000) for n in range(6)]
    for n, school in enumerate(schools):
        entry(school, desk.literacy, EvidenceStrength.DATA if n % 2 else EvidenceStrength.OBSERVATION)
    for n in range(4):
        specialist(desk.consortium, f"Twin Specialist {n}", [desk.literacy])
    request = raise_request(desk)
    runs = [match(request, kinds=("school", "specialist")) for _ in range(3)]
    orders = [[(c.key, round(c.score, 6)) for c in run.candidates] for run in runs]
    assert orders[0] == orders[1] == orders[2]
    # Ties are broken by id: the data-backed twins first, each group in the order made.
    data_twins = [c.obj.pk for c in runs[0].schools[:3]]
    assert data_twins == sorted(data_twins)
    specialists = [c.obj.pk for c in runs[0].specialists]
    assert specialists == sorted(specialists)


def test_a_networks_request_measures_from_the_middle_of_its_schools(desk, world):
    entry(world.school_3, desk.literacy, EvidenceStrength.DATA)
    request = services.request_raise(
        by=world.people.leader_a,
        network=world.network_a,
        kind=RequestKind.LEARNING_VISIT,
        title="Network visit",
        need="See strong practice.",
        practice_areas=[desk.literacy],
    )
    result = match(request)
    # Network A's schools are at (310000, 190000) and (310000, 200000): the middle is 20.6 km from school 3.
    assert reason(result.schools[0], "distance") == "21 km from the schools of Valleys Writing Network"


def test_the_outcome_of_an_engagement_feeds_the_next_match(desk, world):
    sam = specialist(desk.consortium, "Sam Specialist", [desk.literacy])
    first = raise_request(desk)
    proposal = services.proposal_create(
        request=first, by=world.people.consortium_staff, candidates=[Candidate("specialist", sam, 50, {})]
    )[0]
    engagement = services.proposal_accept(proposal=proposal, by=world.people.school_lead)
    day = first.preferred_from
    services.engagement_book(engagement=engagement, dates=[day], by=world.people.consortium_staff)
    services.engagement_review(
        engagement=engagement,
        by=world.people.school_lead,
        outcome="Year 6 boys paragraph correctly: 38% to 61%.",
        outcome_strength=EvidenceStrength.DATA,
        rating=5,
        today=day + timedelta(days=1),
    )
    # School 1 now has evidence in literacy: school 2 asking for a visit finds it.
    made = world.school_1.practice_entries.get()
    assert (made.source, made.evidence_strength, made.practice_area) == (Source.ENGAGEMENT, 4, desk.literacy)
    from tests.factories import MembershipFactory

    lead_2 = MembershipFactory(school=world.school_2, role="school_lead").user
    second = raise_request(desk, by=lead_2, school="school_2", kind=RequestKind.SPECIALIST_CONSULTANCY)
    result = match(second, kinds=("school", "specialist"))
    assert names(result.schools) == ["Ysgol Gynradd Llanwern"]
    assert "a brokered engagement" in reason(result.schools[0], "evidence")
    sam_row = result.specialists[0]
    assert reason(sam_row, "evidence").startswith("Evidence of impact: data-backed impact from a reviewed engagement")
    assert reason(sam_row, "feedback") == "Rated 5.0 out of 5 over 1 past engagement"
    assert reason(sam_row, "fairness") == "Proposed once in the last year"


def test_reasons_give_points_that_add_up_to_the_score(desk):
    entry(desk.school_2, desk.literacy, EvidenceStrength.DATA)
    candidate = match(visit_request(desk)).schools[0]
    assert sum(r.points for r in candidate.reasons) == pytest.approx(candidate.score)
    assert [r.factor for r in candidate.reasons] == list(DEFAULT_WEIGHTS)


def test_no_practice_area_in_common_means_no_candidate(desk):
    entry(desk.school_2, desk.numeracy, EvidenceStrength.DATA)
    specialist(desk.consortium, "Numeracy Specialist", [desk.numeracy])
    result = match(raise_request(desk), kinds=("school", "specialist"))
    assert result.candidates == []


def test_the_request_kind_decides_who_is_offered(desk):
    entry(desk.school_2, desk.literacy, EvidenceStrength.DATA)
    specialist(desk.consortium, "Sam Specialist", [desk.literacy])
    assert [c.kind for c in match(visit_request(desk)).candidates] == ["school"]
    kinds = {c.kind for c in match(raise_request(desk, kind=RequestKind.SPECIALIST_CONSULTANCY)).candidates}
    assert kinds == {"school", "specialist"}


def test_area_reads_the_consortiums_own_taxonomy(desk):
    assert area(desk.consortium, "Literacy").consortium == desk.consortium
