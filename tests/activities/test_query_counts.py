"""The activity list, the budget and the history pages cost the same, pinned, number of queries with 5
and with 50 activities."""

import pytest
from django.urls import reverse

from activities import services
from activities.models import CostLine
from networks.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.test_query_counts import queries_for

from .helpers import plan


def grow(world, n, teachers):
    for i in range(n):
        activity = plan(world, title=f"Visit {i}", status="confirmed")
        services.participants_add(activity=activity, users=teachers, role="visitor")
        line = CostLine.objects.filter(activity=activity).first()
        services.cost_line_approve(line=line, by=world.people.school_lead)


@pytest.mark.parametrize(
    ("url_name", "who", "pinned"),
    [
        ("activities:activity_list", "teacher_a", 6),
        ("activities:budget", "school_lead", 8),
        ("activities:history", "leader_a", 6),
    ],
)
def test_query_count_is_pinned_and_does_not_grow_with_activities(world, client, url_name, who, pinned):
    teachers = [world.people.teacher_a]
    for _ in range(2):
        user = UserFactory()
        MembershipFactory(user=user, school=world.school_1, role=Role.SCHOOL_STAFF)
        teachers.append(user)
    client.force_login(getattr(world.people, who))
    url = reverse(url_name, args=[world.network_a.slug])
    grow(world, 5, teachers)
    client.get(url + "?show=all")  # what the process reads once (the site's settings) is read before counting
    with_five = queries_for(client, url + "?show=all")
    grow(world, 45, teachers)
    with_fifty = queries_for(client, url + "?show=all")
    assert (with_five, with_fifty) == (pinned, pinned), (
        f"{url}: {with_five} queries with 5 activities, {with_fifty} with 50"
    )
