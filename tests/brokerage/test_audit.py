"""Bookings, moves and cancellations are in the consortium's audit trail, by whoever made them."""

import pytest

from brokerage import services
from brokerage.matching import Candidate
from networks.models import AuditAction, AuditEvent

from .helpers import next_weekday, raise_request, specialist

pytestmark = pytest.mark.django_db


def planned(desk):
    sam = specialist(desk.consortium, "Sam Specialist", [desk.literacy], day_rate="450")
    request = raise_request(desk)
    proposal = services.proposal_create(
        request=request, by=desk.people.consortium_staff, candidates=[Candidate("specialist", sam, 50, {})]
    )[0]
    return services.proposal_accept(proposal=proposal, by=desk.people.school_lead)


def trail(engagement):
    return list(AuditEvent.objects.filter(target_id=engagement.pk, action__startswith="booking_").order_by("pk"))


def test_a_booking_and_a_move_are_recorded_with_their_dates_and_cost(desk):
    engagement = planned(desk)
    first, later = next_weekday(20), next_weekday(27)
    services.engagement_book(engagement=engagement, dates=[first], by=desk.people.consortium_staff)
    services.engagement_book(engagement=engagement, dates=[later], by=desk.people.consortium_staff)

    booked, moved = trail(engagement)
    assert (booked.action, moved.action) == (AuditAction.BOOKING_MADE, AuditAction.BOOKING_MOVED)
    assert {booked.actor, moved.actor} == {desk.people.consortium_staff}
    assert {booked.consortium, moved.consortium} == {desk.consortium}
    assert booked.detail == {"dates": [first.isoformat()], "days": "1", "cost": "450.00"}
    assert moved.detail["dates"] == [later.isoformat()]
    assert "Sam" not in str(booked.detail)  # a specialist's name is theirs, not the trail's


def test_a_cancellation_is_recorded_with_the_days_it_freed(desk):
    engagement = planned(desk)
    day = next_weekday(20)
    services.engagement_book(engagement=engagement, dates=[day], by=desk.people.consortium_staff)
    services.engagement_cancel(engagement=engagement, by=desk.people.consortium_staff, note="Sam is unwell.")

    cancelled = trail(engagement)[-1]
    assert (cancelled.action, cancelled.actor) == (AuditAction.BOOKING_CANCELLED, desk.people.consortium_staff)
    assert cancelled.detail == {"dates": [day.isoformat()], "was": "booked", "why": "engagement cancelled"}
    assert "unwell" not in str(cancelled.detail)  # the note is free text: it stays with the request


def test_withdrawing_a_request_records_its_booking_cancelled_by_whoever_withdrew(desk):
    engagement = planned(desk)
    services.engagement_book(engagement=engagement, dates=[next_weekday(20)], by=desk.people.consortium_staff)
    services.request_withdraw(request=engagement.request, by=desk.people.school_lead)

    cancelled = trail(engagement)[-1]
    assert (cancelled.action, cancelled.actor) == (AuditAction.BOOKING_CANCELLED, desk.people.school_lead)
    assert cancelled.detail["why"] == "request withdrawn"
