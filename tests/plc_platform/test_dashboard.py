"""The network dashboard (issue 14, build point 1): each panel from its app's one read function,
anonymity kept, and the same pinned number of queries with 5 and with 50 schools, rounds,
enquiries and activities."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import NetworkBudget
from activities.reads import term_bounds
from enquiry.models import Enquiry, ImpactClaim
from plc_platform.flowmap import academic_year
from reviews.models import ResponseGroup, SchoolMaturity
from tests.enquiry.helpers import make_enquiry
from tests.factories import NetworkSchoolFactory, SchoolFactory
from tests.reviews.test_results import make_framework, make_round, respond
from tests.test_query_counts import cold_and_warm

from .flow_helpers import hosted, person_at

pytestmark = pytest.mark.django_db

YEAR = academic_year(timezone.localdate())
DAY = YEAR.start + timedelta(days=43)
KINDS = ("sharing", "joint_work", "")
SEVEN_WEEKS_AGO = timezone.now() - timedelta(weeks=7)
LAST_TERM = term_bounds(term_bounds(DAY)[0] - timedelta(days=1))[0]


@pytest.fixture
def framework():
    return make_framework()


def grow(world, framework, n):
    """n more schools in network A, each with an enquiry (private every other one), a visit it
    hosts and a closed self-review round (three leaders and three staff answering)."""
    for i in range(n):
        school = SchoolFactory(consortium=world.consortium)
        NetworkSchoolFactory(network=world.network_a, school=school)
        enquiry = make_enquiry(person_at(school), school, world.network_a, sharing="network" if i % 2 else "private")
        # Not moved for seven weeks, with an impact claim from then: stalled, and counted by strength.
        Enquiry.objects.filter(pk=enquiry.pk).update(stage_changed_at=SEVEN_WEEKS_AGO)
        claim = ImpactClaim.objects.create(enquiry=enquiry, claim="More boys wrote.", strength=1 + i % 5)
        ImpactClaim.objects.filter(pk=claim.pk).update(created_at=SEVEN_WEEKS_AGO)
        hosted(world.network_a, school, [world.school_1], day=DAY, level=1 + i % 3, kind=KINDS[i % 3])
        hosted(world.network_a, school, [], day=LAST_TERM, level=1)
        for stage, day in (("early_starter", YEAR.start - timedelta(days=300)), ("developer", YEAR.start)):
            SchoolMaturity.objects.create(school=school, stage=stage, rationale="Seen.", recorded_on=day)
        opens = date(2000 + len(world.rounds), 5, 1)
        world.rounds.append(make_round(world.network_a, framework, opens_on=opens, closes_on=opens + timedelta(20)))
        for group in (ResponseGroup.LEADER, ResponseGroup.STAFF):
            for _ in range(3):
                respond(world.rounds[-1], 2 + i % 3, group=group, school=school)


def test_the_dashboard_shows_every_panel(world, client, framework):
    world.rounds = []
    grow(world, framework, 2)
    NetworkBudget.objects.create(network=world.network_a, starts_on=YEAR.start, ends_on=YEAR.end, amount=5000)
    client.force_login(world.people.leader_a)
    page = client.get(reverse("network_detail", args=[world.network_a.slug])).content.decode()
    assert "How the network sees itself" in page
    assert "Seven key features" in page
    assert "Purpose and focus rose 1.0 since May 2000." in page.replace("\n", " ") or "rose 1.0" in page
    assert "Leaders against staff" in page
    assert "the same" in page
    assert "Activities by term" in page
    assert "<svg" in page
    assert "2 enquiries by 2 people; 1 kept private" in page
    assert "Sharing and joint work are the commonest kinds: 1 of 2 activities each." in page
    # Each school's PLC stage and collaboration level with their change, in words beside the arrows.
    assert "At their latest PLC stage record, 2 schools moved up." in page
    assert '<span aria-hidden="true">▲</span> up 1 from early starter' in page
    assert "Collaboration this term:" in page
    assert "0 of 2 enquiries have evidence from data; 0 have no evidence of impact yet." in page
    # Both enquiries have stalled: the private one is counted, the shared one listed with its link.
    shared, private = Enquiry.objects.filter(sharing="network").get(), Enquiry.objects.filter(sharing="private").get()
    assert "2 enquiries have had no new stage, evidence or impact claim since" in page
    assert "1 of them private (counted, never listed)" in page
    assert f'id="dash-stalled-{shared.pk}"><a href="{shared.get_absolute_url()}">' in page
    assert f"dash-stalled-{private.pk}" not in page
    assert private.get_absolute_url() not in page
    assert 'id="dash-budget">£5,000.00' in page
    assert "Budget £5,000.00</text>" in page  # the money chart's mark, from the same network_money
    assert "£5,000.00 of the budget is not spent; £5,000.00 is not yet planned." in page
    # A teacher sees no money panel (the budget is for planners and the schools' leads).
    client.force_login(world.people.teacher_a)
    page = client.get(reverse("network_detail", args=[world.network_a.slug])).content.decode()
    assert "How the network sees itself" in page
    assert "dash-budget" not in page


def test_no_round_closed_yet_says_what_next(world, client):
    client.force_login(world.people.leader_a)
    page = client.get(reverse("network_detail", args=[world.network_a.slug])).content.decode()
    assert "No self-review round has closed yet" in page
    assert "No activities yet" in page


# Each opening's queries with the panels built (the enquiries counted once for the dashboard and
# the enquiry panel: 33 when they were counted twice), then with them kept ready.
DASHBOARD_QUERIES = {"leader_a": (32, 8), "teacher_a": (24, 8), "consortium_staff": (32, 8)}


@pytest.mark.parametrize("who", sorted(DASHBOARD_QUERIES))
def test_the_dashboard_costs_the_same_pinned_queries_with_5_and_50(world, client, framework, who):
    world.rounds = []
    client.force_login(getattr(world.people, who))
    url = reverse("network_detail", args=[world.network_a.slug])
    grow(world, framework, 5)
    client.get(url)  # the session's first request reads one thing more, once
    with_five = cold_and_warm(client, url, world.network_a)
    grow(world, framework, 45)
    with_fifty = cold_and_warm(client, url, world.network_a)
    assert (with_five, with_fifty) == (DASHBOARD_QUERIES[who], DASHBOARD_QUERIES[who])
