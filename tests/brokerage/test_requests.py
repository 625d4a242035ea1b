"""Requests: who sees them, their states (each change dated and by whom), answers to proposals,
withdrawal; specialists see only their own engagements."""

from datetime import timedelta
from decimal import Decimal

import pytest

from brokerage import services
from brokerage.matching import Candidate
from brokerage.models import (
    Engagement,
    EngagementDay,
    EngagementStatus,
    EvidenceStrength,
    ProposalStatus,
    RequestKind,
    RequestStatus,
    SupportRequest,
)
from tests.factories import MembershipFactory, UserFactory

from .helpers import next_weekday, raise_request, specialist


def visible(person):
    return set(SupportRequest.objects.visible_to(person).values_list("title", flat=True))


def propose(world, request, *providers):
    candidates = [Candidate("specialist" if hasattr(p, "day_rate") else "school", p, 50.0, {}) for p in providers]
    return services.proposal_create(request=request, by=world.people.consortium_staff, candidates=candidates)


def test_requests_are_seen_by_the_requester_the_leads_the_network_leaders_and_staff_only(desk, world):
    people = world.people
    raise_request(world, title="School 1's")
    services.request_raise(
        by=people.leader_a,
        network=world.network_a,
        kind=RequestKind.BARRIER_SUPPORT,
        title="Network A's",
        need="Trust between schools.",
        practice_areas=[desk.literacy],
    )
    raise_request(world, by=people.consortium_staff, school="school_3", title="School 3's")
    co_lead = UserFactory()
    MembershipFactory(user=co_lead, school=world.school_1, role="school_lead")
    assert visible(people.school_lead) == {"School 1's"}
    assert visible(co_lead) == {"School 1's"}  # the school's other lead
    assert visible(people.leader_a) == {"School 1's", "Network A's"}  # school 1 is in network A
    assert visible(people.consortium_staff) == {"School 1's", "Network A's", "School 3's"}
    assert visible(people.superuser) == {"School 1's", "Network A's", "School 3's"}
    for outsider in (people.teacher_a, people.teacher_b, people.specialist):
        assert visible(outsider) == set()
    other_staff = UserFactory()
    MembershipFactory(user=other_staff, consortium=world.other_consortium, role="consortium_staff")
    assert visible(other_staff) == set()


def test_a_specialist_sees_their_own_engagements_and_not_the_requests(desk, world):
    mine = specialist(world.consortium, "Me", [desk.literacy], user=world.people.specialist)
    theirs = specialist(world.consortium, "Someone Else", [desk.literacy])
    for provider, title in ((mine, "Mine"), (theirs, "Theirs")):
        request = raise_request(world, title=title)
        services.proposal_accept(proposal=propose(world, request, provider)[0], by=world.people.school_lead)
    seen = Engagement.objects.visible_to(world.people.specialist)
    assert [e.request.title for e in seen] == ["Mine"]
    assert visible(world.people.specialist) == set()
    host_lead = UserFactory()
    MembershipFactory(user=host_lead, school=world.school_2, role="school_lead")
    visit = raise_request(world, title="Visit", kind=RequestKind.LEARNING_VISIT)
    services.proposal_accept(proposal=propose(world, visit, world.school_2)[0], by=world.people.school_lead)
    assert [e.request.title for e in Engagement.objects.visible_to(host_lead)] == ["Visit"]


def test_every_change_of_state_is_dated_and_by_whom(desk, world):
    people = world.people
    sam = specialist(world.consortium, "Sam", [desk.literacy])
    request = raise_request(world)
    services.request_triage(request=request, by=people.consortium_staff, note="Looking now.")
    proposal = propose(world, request, sam)[0]
    engagement = services.proposal_accept(proposal=proposal, by=people.school_lead, reason="Free in March.")
    day = next_weekday(20)
    services.engagement_book(engagement=engagement, dates=[day], by=people.consortium_staff)
    services.engagement_complete(
        engagement=engagement, by=people.consortium_staff, progress_review="Both days done.", today=day
    )
    services.engagement_review(
        engagement=engagement,
        by=people.school_lead,
        outcome="Boys' paragraphing rose.",
        outcome_strength=EvidenceStrength.DATA,
        rating=4,
        today=day,
    )
    events = list(request.events.select_related("by"))
    assert [(e.from_status, e.to_status, e.by) for e in events] == [
        ("", "submitted", people.school_lead),
        ("submitted", "triaged", people.consortium_staff),
        ("triaged", "proposed", people.consortium_staff),
        ("proposed", "accepted", people.school_lead),
        ("accepted", "booked", people.consortium_staff),
        ("booked", "completed", people.consortium_staff),
        ("completed", "reviewed", people.school_lead),
    ]
    assert all(e.at is not None for e in events)
    assert events[1].note == "Looking now."
    assert "Sam" in events[4].note
    assert "£450.00" in events[4].note
    request.refresh_from_db()
    assert request.status == RequestStatus.REVIEWED


def test_declining_needs_a_reason_and_with_none_left_the_desk_proposes_again(desk, world):
    sam = specialist(world.consortium, "Sam", [desk.literacy])
    request = raise_request(world)
    first, second = propose(world, request, sam, world.school_2)
    with pytest.raises(services.BrokerageError, match="Say why"):
        services.proposal_decline(proposal=first, by=world.people.school_lead, reason="  ")
    services.proposal_decline(proposal=first, by=world.people.school_lead, reason="Too far.")
    request.refresh_from_db()
    assert request.status == RequestStatus.PROPOSED
    services.proposal_decline(proposal=second, by=world.people.school_lead, reason="We visited last year.")
    request.refresh_from_db()
    assert request.status == RequestStatus.TRIAGED
    first.refresh_from_db()
    assert (first.status, first.response_reason, first.responded_by) == (
        ProposalStatus.DECLINED,
        "Too far.",
        world.people.school_lead,
    )


def test_accepting_one_proposal_lets_the_others_lapse(desk, world):
    sam = specialist(world.consortium, "Sam", [desk.literacy])
    request = raise_request(world)
    first, second = propose(world, request, sam, world.school_2)
    engagement = services.proposal_accept(proposal=second, by=world.people.school_lead)
    first.refresh_from_db()
    assert first.status == ProposalStatus.SUPERSEDED
    assert engagement.host_school == world.school_2
    with pytest.raises(services.BrokerageError, match="answered already"):
        services.proposal_accept(proposal=first, by=world.people.school_lead)


def test_withdrawing_cancels_the_engagement_and_frees_its_days(desk, world):
    sam = specialist(world.consortium, "Sam", [desk.literacy])
    request = raise_request(world)
    engagement = services.proposal_accept(proposal=propose(world, request, sam)[0], by=world.people.school_lead)
    services.engagement_book(engagement=engagement, dates=[next_weekday(20)], by=world.people.consortium_staff)
    services.request_withdraw(request=request, by=world.people.school_lead, note="The head has left.")
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.CANCELLED
    assert not EngagementDay.objects.exists()
    with pytest.raises(services.BrokerageError, match="withdrawn: it cannot be withdrawn"):
        services.request_withdraw(request=request, by=world.people.school_lead)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"budget": Decimal("-1")}, "The budget cannot be below zero."),
        ({"preferred_from": next_weekday(0) - timedelta(days=7)}, "The preferred dates cannot be in the past."),
        ({"areas": []}, "Choose at least one practice area: it is what the match looks for."),
        ({"preferred_to": next_weekday(3), "preferred_from": next_weekday(10)}, "The last preferred date comes before"),
    ],
)
def test_bad_requests_are_refused_by_the_service_and_nothing_is_saved(desk, world, changes, message):
    with pytest.raises(services.BrokerageError, match=message):
        raise_request(world, **changes)
    assert not SupportRequest.objects.exists()


def test_a_person_cannot_raise_a_request_for_a_school_they_do_not_speak_for(desk, world):
    with pytest.raises(services.BrokerageError, match="You cannot raise a request for Heol y Celyn Primary"):
        raise_request(world, school="school_3")
    with pytest.raises(services.BrokerageError, match="You cannot raise"):
        raise_request(world, by=world.people.teacher_a, school="school_3")
    with pytest.raises(services.BrokerageError, match="You cannot raise"):
        raise_request(world, by=world.people.specialist)


def test_a_teacher_asks_for_their_school_its_lead_sees_and_may_withdraw_it_and_the_desk_triages(desk, world):
    people = world.people
    request = raise_request(world, by=people.teacher_a, title="Our Year 5 writing")
    assert visible(people.teacher_a) == {"Our Year 5 writing"}
    assert visible(people.school_lead) == {"Our Year 5 writing"}
    assert visible(people.consortium_staff) == {"Our Year 5 writing"}
    assert visible(people.teacher_b) == set()
    assert people.school_lead.has_perm("brokerage.withdraw_request", request)
    services.request_triage(request=request, by=people.consortium_staff)
    services.request_withdraw(request=request, by=people.school_lead, note="We found a school ourselves.")
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN


def test_a_visit_asked_for_from_a_shared_enquiry_names_the_school_and_the_enquiry(desk, world):
    from enquiry import services as enquiry_services
    from tests.enquiry.helpers import make_enquiry

    people = world.people
    enquiry = make_enquiry(people.teacher_b, world.school_3, world.network_b, title="Oral rehearsal")
    kwargs = {"by": people.teacher_a, "kind": RequestKind.LEARNING_VISIT, "enquiry": enquiry}
    with pytest.raises(services.BrokerageError, match="That enquiry is not shared with you."):
        raise_request(world, **kwargs)  # still private
    enquiry_services.enquiry_share(enquiry=enquiry, sharing="consortium")
    request = raise_request(world, **kwargs)
    assert (request.host_school, request.enquiry, request.school) == (world.school_3, enquiry, world.school_1)
    own = make_enquiry(people.teacher_a, world.school_1, world.network_a, sharing="consortium", title="Ours")
    with pytest.raises(services.BrokerageError, match="is the school the request is for: ask to visit another"):
        raise_request(world, by=people.teacher_a, kind=RequestKind.LEARNING_VISIT, enquiry=own)


def test_the_outcome_waits_for_the_last_day(desk, world):
    sam = specialist(world.consortium, "Sam", [desk.literacy])
    request = raise_request(world)
    engagement = services.proposal_accept(proposal=propose(world, request, sam)[0], by=world.people.school_lead)
    day = next_weekday(20)
    services.engagement_book(engagement=engagement, dates=[day], by=world.people.consortium_staff)
    with pytest.raises(services.BrokerageError, match="runs until .*: record how it went afterwards"):
        services.engagement_review(
            engagement=engagement, by=world.people.school_lead, outcome="Early.", outcome_strength=1, rating=3
        )
