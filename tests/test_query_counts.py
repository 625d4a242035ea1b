"""List and dashboard pages cost the same, pinned, number of queries with 1 and with 50 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks.models import Role

from .factories import MembershipFactory, NetworkFactory, NetworkSchoolFactory, SchoolFactory


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


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
    ("network_detail", ["valleys-writing"], "", "leader_a", 30),
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
