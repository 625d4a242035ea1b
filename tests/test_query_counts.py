"""List and dashboard pages cost the same number of queries with 1 and with 50 rows."""

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


@pytest.mark.parametrize(
    ("url_name", "args", "who"),
    [
        ("network_detail", ["valleys-writing"], "leader_a"),
        ("networks:school_list", [], "consortium_staff"),
        ("home", [], "consortium_staff"),
        ("networks:network_list", [], "consortium_staff"),
        ("networks:consortium_detail", ["central-south"], "consortium_staff"),
        ("networks:network_school_add", ["valleys-writing"], "leader_a"),
        ("networks:network_members", ["valleys-writing"], "leader_a"),
        ("home", [], "leader_a"),
    ],
)
def test_query_count_does_not_grow_with_rows(world, client, url_name, args, who):
    client.force_login(getattr(world.people, who))
    url = reverse(url_name, args=args)
    if url_name == "networks:network_school_add":
        url += "?q=Test"
    grow(world, 1)
    with_one = queries_for(client, url)
    grow(world, 49)
    with_fifty = queries_for(client, url)
    assert with_fifty == with_one, f"{url}: {with_one} queries with 1 row, {with_fifty} with 50"
