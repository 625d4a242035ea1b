"""The library, the network view, the lists and the enquiry page cost the same, pinned, number of
queries with 5 and with 50 enquiries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enquiry import reads, services
from enquiry.models import LevelOfLearning, Sharing, Strength

from ..factories import MembershipFactory, NetworkSchoolFactory, SchoolFactory, UserFactory
from .helpers import make_enquiry

LEVELS = list(Sharing.values)


def grow(world, n, start=0):
    """n enquiries by n people of new schools of network A, at every sharing level, each with
    practice areas, levels, a claim, a measure and a comment."""
    areas = list(world.consortium.practice_areas.all()[:3])
    levels = list(LevelOfLearning.objects.all()[:2])
    for i in range(start, start + n):
        school = SchoolFactory(consortium=world.consortium, phase="Primary" if i % 2 else "Secondary")
        NetworkSchoolFactory(network=world.network_a, school=school)
        owner = UserFactory()
        MembershipFactory(user=owner, school=school, role="school_staff")
        enquiry = make_enquiry(
            owner,
            school,
            world.network_a,
            sharing=LEVELS[i % len(LEVELS)],
            title=f"Oral rehearsal {i}",
            practice_areas=areas[: 1 + i % 3],
            levels=levels,
        )
        services.impact_claim_add(enquiry=enquiry, by=owner, area="pupils", claim="c", strength=1 + i % 5)
        services.evidence_add(
            enquiry=enquiry,
            kind="measure",
            by=owner,
            measure="m",
            baseline_value=Decimal(1),
            baseline_on=timezone.localdate(),
        )
        services.comment_add(enquiry=enquiry, author=world.people.leader_a, kind="note", text="n")
        if i % 4 == 0:
            services.collaborator_invite(
                enquiry=enquiry, email=world.people.teacher_a.email, role="co_enquirer", by=owner
            )


def count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url_name", "args", "query", "who", "pinned"),
    [
        ("enquiry:library", [], "", "consortium_staff", 13),
        ("enquiry:library", [], "?q=oral+rehearsal", "teacher_a", 13),
        ("enquiry:library", [], f"?area=literacy&strength={Strength.ANECDOTE}&phase=Primary", "leader_a", 13),
        ("enquiry:library", [], "", "anonymous", 9),
        ("enquiry:network_enquiries", ["valleys-writing"], "", "leader_a", 12),
        ("enquiry:network_enquiries", ["valleys-writing"], "", "consortium_staff", 12),
        ("enquiry:network_enquiries_csv", ["valleys-writing"], "", "leader_a", 7),
        ("enquiry:enquiry_list", [], "", "teacher_a", 7),
        ("enquiry:enquiry_csv", [], "", "teacher_a", 5),
    ],
)
def test_query_count_is_pinned_and_does_not_grow_with_enquiries(world, client, url_name, args, query, who, pinned):
    if who != "anonymous":
        client.force_login(getattr(world.people, who))
    url = reverse(url_name, args=args) + query
    grow(world, 5)
    client.get(url)  # what the process reads once (the site's settings) is read before counting
    with_five = count(client, url)
    grow(world, 45, start=5)
    with_fifty = count(client, url)
    assert (with_five, with_fifty) == (pinned, pinned), (
        f"{url}: {with_five} queries with 5 enquiries, {with_fifty} with 50"
    )


@pytest.mark.parametrize("friendships", [1, 10])
def test_home_context_costs_three_queries(world, django_assert_num_queries, friendships):
    grow(world, 5)
    user = world.people.teacher_a
    for i in range(friendships):
        owned = make_enquiry(world.people.teacher_b, world.school_3, title=f"Enquiry {i}")
        services.collaborator_invite(enquiry=owned, email=user.email, role="critical_friend", by=world.people.teacher_b)
    with django_assert_num_queries(3):
        home = reads.home_context(user)
    assert len(home["enquiry_home"]["to_review"]) == min(friendships, reads.HOME_LIST_SIZE)


def test_the_enquiry_page_costs_the_same_with_more_evidence_and_comments(world, client):
    owner = world.people.teacher_a
    enquiry = make_enquiry(owner, world.school_1, world.network_a, sharing=Sharing.NETWORK)

    def add(n):
        for i in range(n):
            services.evidence_add(enquiry=enquiry, kind="note", by=owner, stage=LEVELS_STAGES[i % 6], note=f"n{i}")
            services.evidence_add(
                enquiry=enquiry,
                kind="measure",
                by=owner,
                measure="m",
                baseline_value=Decimal(i),
                baseline_on=timezone.localdate(),
            )
            services.impact_claim_add(enquiry=enquiry, by=owner, area="pupils", claim="c", strength=1 + i % 5)
            services.comment_add(enquiry=enquiry, author=world.people.leader_a, kind="note", text="t")
            services.enquiry_move_stage(enquiry=enquiry, to_stage=LEVELS_STAGES[(i + 1) % 6], by=owner)

    for who, pinned in ((owner, 13), (world.people.leader_a, 13)):
        client.force_login(who)
        add(1)
        client.get(enquiry.get_absolute_url())  # what the process reads once is read before counting
        few = count(client, enquiry.get_absolute_url())
        add(10)
        many = count(client, enquiry.get_absolute_url())
        assert (few, many) == (pinned, pinned), f"{few} queries with few rows, {many} with many"


LEVELS_STAGES = ["investigate", "plan", "implement", "observe", "reflect", "share"]
