"""Booking: a specialist is never booked twice on one day (the service refuses first, naming the
clash; the database backs it up), blocked dates and past dates are refused, a host school's visits
per term are respected, and the cost is the days at the day rate."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from brokerage import services
from brokerage.matching import Candidate
from brokerage.models import (
    AvailabilityBlock,
    AvailabilityKind,
    Engagement,
    EngagementDay,
    EngagementStatus,
    HostCapacity,
    RequestKind,
    RequestStatus,
)
from brokerage.text import term_of
from tests.conftest import service_missing

from .helpers import next_weekday, raise_request, specialist


def accepted(world, provider, *, kind="specialist", title="Year 6 writing", school="school_1"):
    """A request of school 1 whose proposal of `provider` was accepted: a planned engagement."""
    request = raise_request(world, title=title, school=school)
    proposal = services.proposal_create(
        request=request, by=world.people.consortium_staff, candidates=[Candidate(kind, provider, 50, {})]
    )[0]
    return services.proposal_accept(proposal=proposal, by=world.people.school_lead)


@pytest.fixture
def sam(desk):
    return specialist(desk.consortium, "Sam Specialist", [desk.literacy], day_rate="450")


def weekdays_from(n, count):
    first = next_weekday(n)
    out = [first]
    while len(out) < count:
        nxt = out[-1] + timedelta(days=1)
        while nxt.weekday() >= 5:
            nxt += timedelta(days=1)
        out.append(nxt)
    return out


def test_booking_records_the_days_and_the_cost_at_the_day_rate(desk, sam):
    engagement = accepted(desk, sam)
    assert engagement.cost == Decimal("900.00")  # 2 days asked for, at £450.00
    days = weekdays_from(20, 3)
    services.engagement_book(engagement=engagement, dates=days, by=desk.people.consortium_staff)
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.BOOKED
    assert (engagement.days, engagement.cost) == (Decimal("3"), Decimal("1350.00"))
    assert (engagement.starts_on, engagement.ends_on) == (days[0], days[-1])
    assert list(EngagementDay.objects.filter(specialist=sam).values_list("day", flat=True)) == days
    assert engagement.request.status == RequestStatus.BOOKED


def test_overlapping_days_are_refused_with_the_clash_named_and_nothing_saved(desk, sam):
    first = accepted(desk, sam)
    second = accepted(desk, sam, title="Another request")
    d1, d2, d3 = weekdays_from(20, 3)
    services.engagement_book(engagement=first, dates=[d1, d2], by=desk.people.consortium_staff)
    with pytest.raises(services.BookingRefused) as refused:
        services.engagement_book(engagement=second, dates=[d2, d3], by=desk.people.consortium_staff)
    assert str(refused.value) == (
        f"Sam Specialist is already booked on {d2.day} {d2:%B} (engagement at Ysgol Gynradd Llanwern): "
        "choose other dates."
    )
    second.refresh_from_db()
    assert second.status == EngagementStatus.PLANNED
    assert not EngagementDay.objects.filter(engagement=second).exists()
    assert second.request.status == RequestStatus.ACCEPTED


def test_dates_the_specialist_blocked_are_refused(desk, sam):
    engagement = accepted(desk, sam)
    d1, d2 = weekdays_from(20, 2)
    AvailabilityBlock.objects.create(
        specialist=sam, kind=AvailabilityKind.BLOCKED, starts_on=d2, ends_on=d2 + timedelta(days=10), note="on leave"
    )
    with pytest.raises(services.BookingRefused, match=r"Sam Specialist has blocked .* \(on leave\): choose other"):
        services.engagement_book(engagement=engagement, dates=[d1, d2], by=desk.people.consortium_staff)
    assert not EngagementDay.objects.exists()


def test_dates_in_the_past_are_refused(desk, sam):
    engagement = accepted(desk, sam)
    yesterday = next_weekday(0) - timedelta(days=7)
    with pytest.raises(services.BookingRefused, match="is in the past: choose dates from today on"):
        services.engagement_book(engagement=engagement, dates=[yesterday], by=desk.people.consortium_staff)
    assert not EngagementDay.objects.exists()


def test_a_host_schools_visits_per_term_are_respected(desk):
    HostCapacity.objects.create(school=desk.school_2, visits_per_term=1)
    day = next_weekday(20)
    first = accepted(desk, desk.school_2, kind="school")
    services.engagement_book(engagement=first, dates=[day], by=desk.people.consortium_staff)
    second = accepted(desk, desk.school_2, kind="school", title="Another visit")
    later_same_term = day + timedelta(days=1)
    if term_of(later_same_term) != term_of(day):
        later_same_term = day
    with pytest.raises(services.BookingRefused) as refused:
        services.engagement_book(engagement=second, dates=[later_same_term], by=desk.people.consortium_staff)
    assert str(refused.value) == (
        f"Maes y Coed Primary hosts 1 visit a term and has 1 booked in the {term_of(day)}: "
        "choose dates in another term, or another school."
    )
    # In the next term there is room again.
    next_term = term_of(day).ends_on + timedelta(days=1)
    while next_term.weekday() >= 5:
        next_term += timedelta(days=1)
    services.engagement_book(engagement=second, dates=[next_term], by=desk.people.consortium_staff)


def test_moving_a_booking_frees_its_old_days(desk, sam):
    first = accepted(desk, sam)
    second = accepted(desk, sam, title="Another request")
    d1, d2, d3 = weekdays_from(20, 3)
    services.engagement_book(engagement=first, dates=[d1, d2], by=desk.people.consortium_staff)
    services.engagement_book(engagement=first, dates=[d3], by=desk.people.consortium_staff)
    services.engagement_book(engagement=second, dates=[d1, d2], by=desk.people.consortium_staff)
    assert sorted(EngagementDay.objects.values_list("engagement_id", "day")) == sorted(
        [(first.pk, d3), (second.pk, d1), (second.pk, d2)]
    )


def test_cancelling_frees_the_days_and_sends_the_request_back_to_the_desk(desk, sam):
    engagement = accepted(desk, sam)
    day = next_weekday(20)
    services.engagement_book(engagement=engagement, dates=[day], by=desk.people.consortium_staff)
    services.engagement_cancel(engagement=engagement, by=desk.people.consortium_staff, note="Sam is unwell.")
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.CANCELLED
    assert not EngagementDay.objects.exists()
    assert engagement.request.status == RequestStatus.TRIAGED
    other = accepted(desk, sam, title="Another request")
    services.engagement_book(engagement=other, dates=[day], by=desk.people.consortium_staff)


def test_blocking_days_already_booked_is_refused(desk, sam):
    engagement = accepted(desk, sam)
    day = next_weekday(20)
    services.engagement_book(engagement=engagement, dates=[day], by=desk.people.consortium_staff)
    with pytest.raises(services.BrokerageError, match="is booked on .* ask the consortium to move"):
        services.availability_add(
            specialist=sam, kind=AvailabilityKind.BLOCKED, starts_on=day, ends_on=day + timedelta(days=2)
        )


def test_the_database_refuses_a_second_booking_of_a_day_even_past_the_service(desk, sam):
    first = accepted(desk, sam)
    second = accepted(desk, sam, title="Another request")
    day = next_weekday(20)
    EngagementDay.objects.create(engagement=first, specialist=sam, day=day)
    with pytest.raises(IntegrityError), transaction.atomic():
        EngagementDay.objects.create(engagement=second, specialist=sam, day=day)


def _book_at_once(world, engagements, dates):
    """Each engagement booked from its own thread (its own database connection), all at once."""
    barrier = threading.Barrier(len(engagements))
    outcomes = {}

    def book(engagement):
        try:
            barrier.wait(timeout=10)
            services.engagement_book(engagement=engagement, dates=dates, by=world.people.consortium_staff)
            outcomes[engagement.pk] = "booked"
        except services.BookingRefused as error:
            outcomes[engagement.pk] = str(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(e,)) for e in engagements]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_confirmations_end_with_one_booking_and_one_clear_refusal(desk, sam):
    if connection.vendor != "postgresql":
        service_missing("Concurrent bookings need PostgreSQL (DATABASE_URL=postgres://...)")
    first = accepted(desk, sam)
    second = accepted(desk, sam, title="Another request")
    d1, d2 = weekdays_from(20, 2)
    for _attempt in range(5):  # several rounds, so the race is run more than once
        EngagementDay.objects.all().delete()
        Engagement.objects.filter(pk__in=[first.pk, second.pk]).update(status=EngagementStatus.PLANNED)
        outcomes = _book_at_once(desk, [first, second], [d1, d2])
        assert sorted(outcomes.values(), key=lambda o: o != "booked")[0] == "booked", outcomes
        refusals = [o for o in outcomes.values() if o != "booked"]
        assert len(refusals) == 1, outcomes
        assert refusals[0].startswith("Sam Specialist is already booked on "), refusals
        assert "(engagement at Ysgol Gynradd Llanwern)" in refusals[0]
        booked = [pk for pk, o in outcomes.items() if o == "booked"]
        assert set(EngagementDay.objects.values_list("engagement_id", flat=True)) == set(booked)
        assert EngagementDay.objects.count() == 2


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_many_concurrent_bookings_of_one_day_leave_exactly_one(desk, sam):
    if connection.vendor != "postgresql":
        service_missing("Concurrent bookings need PostgreSQL (DATABASE_URL=postgres://...)")
    engagements = [accepted(desk, sam, title=f"Request {n}") for n in range(6)]
    outcomes = _book_at_once(desk, engagements, [next_weekday(20)])
    assert list(outcomes.values()).count("booked") == 1, outcomes
    assert EngagementDay.objects.count() == 1


def test_a_learning_visit_request_is_booked_with_its_host_school(desk):
    request = raise_request(desk, kind=RequestKind.LEARNING_VISIT)
    proposal = services.proposal_create(
        request=request, by=desk.people.consortium_staff, candidates=[Candidate("school", desk.school_2, 70, {})]
    )[0]
    engagement = services.proposal_accept(proposal=proposal, by=desk.people.school_lead)
    assert engagement.cost == Decimal("0.00")  # no fee recorded for the host school
    HostCapacity.objects.create(school=desk.school_2, day_rate=Decimal("173.00"))
    day = next_weekday(20)
    services.engagement_book(engagement=engagement, dates=[day], by=desk.people.consortium_staff)
    engagement.refresh_from_db()
    assert engagement.host_school == desk.school_2
    assert EngagementDay.objects.get().specialist is None
