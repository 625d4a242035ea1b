"""List, dashboard and self-review pages cost the same, pinned, number of queries with 1 and with 50 rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks.freshness import network_data_changed
from networks.models import Membership, Role
from reviews.models import Notice, ReviewRound, RoundStatus
from reviews.notices import notices_plan

from .factories import MembershipFactory, NetworkFactory, NetworkSchoolFactory, SchoolFactory
from .reviews.test_results import make_framework, respond


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def cold_and_warm(client, url, network):
    """The queries of a dashboard opening with nothing kept ready for the network (its data
    version just moved, plc_platform.dashboard_cache), then of the next opening, with its panels
    kept."""
    network_data_changed([network.pk])
    cold = queries_for(client, url)
    return cold, queries_for(client, url)


def grow(world, n):
    """Give network A n schools and n members, and the consortium n networks and n schools."""
    for _ in range(n):
        school = SchoolFactory(consortium=world.consortium)
        NetworkSchoolFactory(network=world.network_a, school=school)
        MembershipFactory(network=world.network_a, role=Role.NETWORK_MEMBER)
        MembershipFactory(user=world.people.consortium_staff, school=school, role=Role.SCHOOL_STAFF)
        NetworkFactory(consortium=world.consortium)


# Each page's count is pinned: a change that adds a query to a main page shows here, even when the
# query does not repeat per row.
PAGES = [
    ("networks:school_list", [], "", "consortium_staff", 8),
    ("networks:school_list", [], "?q=Test", "consortium_staff", 8),
    ("home", [], "", "consortium_staff", 15),
    ("home", [], "", "leader_a", 15),
    ("home", [], "", "teacher_a", 15),
    ("networks:network_list", [], "", "consortium_staff", 5),
    ("networks:consortium_detail", ["central-south"], "", "consortium_staff", 8),
    ("networks:network_school_add", ["valleys-writing"], "?q=Test", "leader_a", 6),
    ("networks:network_members", ["valleys-writing"], "", "leader_a", 7),
]


@pytest.mark.parametrize(("url_name", "args", "query", "who", "pinned"), PAGES)
def test_query_count_is_pinned_and_does_not_grow_with_rows(world, client, url_name, args, query, who, pinned):
    client.force_login(getattr(world.people, who))
    url = reverse(url_name, args=args) + query
    grow(world, 1)
    client.get(url)  # what the process reads once (the site's settings) is read before counting
    with_one = queries_for(client, url)
    grow(world, 49)
    with_fifty = queries_for(client, url)
    assert (with_one, with_fifty) == (pinned, pinned), f"{url}: {with_one} queries with 1 row, {with_fifty} with 50"


def test_the_network_page_costs_the_same_cold_and_warm_with_1_and_50_rows(world, client):
    """Built (27; no enquiry, so no list of those not moved) and kept ready (8), the same with 1
    and with 50 schools and members."""
    client.force_login(world.people.leader_a)
    url = reverse("network_detail", args=["valleys-writing"])
    grow(world, 1)
    client.get(url)  # what the process reads once (the site's settings) is read before counting
    with_one = cold_and_warm(client, url, world.network_a)
    grow(world, 49)
    with_fifty = cold_and_warm(client, url, world.network_a)
    assert (with_one, with_fifty) == ((27, 8), (27, 8)), f"cold and warm: {with_one} with 1 row, {with_fifty} with 50"


# The rounds of self-review: each page pinned the same way, with 5 and with 50 people who answered
# (results and their CSV of a closed round; the round and the answering page of an open one).
ROUND_PAGES = [
    ("reviews:round_detail", RoundStatus.OPEN, "leader_a", 16),
    ("reviews:round_detail", RoundStatus.OPEN, "teacher_a", 11),
    ("reviews:response_edit", RoundStatus.OPEN, "teacher_a", 8),
    ("reviews:round_results", RoundStatus.CLOSED, "leader_a", 13),
    ("reviews:round_results_csv", RoundStatus.CLOSED, "leader_a", 8),
]


def review_round(world, status, closes_in=14):
    """A round of network A that opened ten days ago."""
    today = timezone.localdate()
    return ReviewRound.objects.create(
        network=world.network_a,
        framework=make_framework(),
        status=status,
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=closes_in),
        opened_at=timezone.now() - timedelta(days=10),
        opened_by=world.people.leader_a,
    )


@pytest.mark.parametrize(("url_name", "status", "who", "pinned"), ROUND_PAGES)
def test_round_page_query_count_is_pinned_with_5_and_50_respondents(world, client, url_name, status, who, pinned):
    round = review_round(world, status)
    schools = [world.school_1, world.school_2]

    def grow(n):
        for i in range(n):
            respond(round, 1 + i % 4, school=schools[i % 2])

    client.force_login(getattr(world.people, who))
    url = reverse(url_name, args=[round.pk])
    grow(5)
    client.get(url)  # what the process reads once, and the answering page's own response, before counting
    with_five = queries_for(client, url)
    grow(45)
    with_fifty = queries_for(client, url)
    assert (with_five, with_fifty) == (pinned, pinned), f"{url}: {with_five} queries with 5, {with_fifty} with 50"


def test_planning_notices_is_pinned_with_5_and_50_people(world):
    """The reminder sweep's planning, when a round's opening notice and 7-day reminder are due."""
    review_round(world, RoundStatus.OPEN, closes_in=5)
    now = timezone.now()

    def queries(people):
        while Membership.objects.filter(network=world.network_a).count() < people:
            MembershipFactory(network=world.network_a, role=Role.NETWORK_MEMBER)
        Notice.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            notices_plan(now=now)
        return len(captured)

    assert (queries(5), queries(50)) == (10, 10)
