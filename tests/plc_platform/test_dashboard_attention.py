"""The network dashboard's needs-attention panel (issue 14) and its link to the statements of
account: each item appears when it needs doing and goes when it is done, the panel is for the
network's leaders and consortium staff only, and it costs the same queries with 5 and with 50 of
everything."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import CostLine, CostStatus, Evaluation, Participant
from activities.reads import term_bounds
from plc_platform.models import Statement, StatementStatus
from reviews.models import RoundStatus
from reviews.reads import audience_by_round
from tests.factories import NetworkSchoolFactory, SchoolFactory
from tests.reviews.test_results import make_framework, make_round, respond
from tests.test_query_counts import cold_and_warm

from .flow_helpers import at, engaged, hosted

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TERM_START, TERM_END = term_bounds(TODAY)


def page_for(client, user, network):
    client.force_login(user)
    return client.get(reverse("network_detail", args=[network.slug])).content.decode()


def attention_of(page):
    """The needs-attention section only, so an item is not found elsewhere on the page."""
    start = page.index('aria-labelledby="attention-heading"')
    return page[start : page.index("</section>", start)]


def busy_this_term(world):
    """Schools 1 and 2 of network A take part in an evaluated activity earlier today."""
    now = timezone.now()
    activity = hosted(world.network_a, world.school_1, [world.school_2], day=TODAY)
    activity.starts_at, activity.ends_at = now - timedelta(hours=2), now - timedelta(hours=1)
    activity.save()
    evaluate(activity)
    return activity


def evaluate(activity):
    participant = Participant.objects.filter(activity=activity).first()
    Evaluation.objects.create(participant=participant, learned="Talk first.", will_change="More talk.", usefulness=4)


def cost_line(activity, school, status=CostStatus.PROPOSED):
    return CostLine.objects.create(
        activity=activity,
        category="supply_cover",
        school=school,
        description="Supply cover",
        quantity=Decimal("1"),
        rate=Decimal("180.00"),
        amount=Decimal("180.00"),
        status=status,
    )


def test_all_is_well_when_nothing_needs_doing(world, client):
    busy_this_term(world)
    panel = attention_of(page_for(client, world.people.leader_a, world.network_a))
    assert 'id="attention-all-well"' in panel
    assert "<li" not in panel


def test_only_leaders_and_consortium_staff_see_the_panel(world, client):
    assert "Needs attention" in page_for(client, world.people.consortium_staff, world.network_a)
    assert "Needs attention" not in page_for(client, world.people.teacher_a, world.network_a)


def test_a_school_with_no_activity_this_term(world, client):
    busy_this_term(world)
    idle = SchoolFactory(consortium=world.consortium, name="Ysgol Idle")
    NetworkSchoolFactory(network=world.network_a, school=idle)
    last_term = at(TERM_START - timedelta(days=10))
    hosted(world.network_a, idle, [], day=last_term.date())  # last term's does not count
    panel = attention_of(page_for(client, world.people.leader_a, world.network_a))
    assert 'id="attention-schools">1 school with no activity this term' in panel
    assert idle.get_absolute_url() in panel
    assert reverse("activities:activity_type_choose", args=[world.network_a.slug]) in panel


def test_an_open_round_with_under_half_answered_and_one_that_does_not(world, client):
    busy_this_term(world)
    framework = make_framework()
    low = make_round(world.network_a, framework, RoundStatus.OPEN, opens_on=TODAY, closes_on=TODAY + timedelta(10))
    asked = len(audience_by_round([low])[low.pk])
    assert asked >= 3
    respond(low, 3, user=world.people.teacher_a)  # 1 of at least 3
    panel = attention_of(page_for(client, world.people.leader_a, world.network_a))
    assert f'id="attention-round-{low.pk}"' in panel
    assert f"1 of {asked} asked have answered" in panel
    assert reverse("reviews:round_detail", args=[low.pk]) in panel
    # Half or more have answered: nothing to chase.
    low.responses.all().delete()
    for user in (world.people.teacher_a, world.people.leader_a, world.people.school_lead):
        respond(low, 3, user=user)
    assert f'id="attention-round-{low.pk}"' not in attention_of(
        page_for(client, world.people.leader_a, world.network_a)
    )


def test_a_round_due_to_open_within_a_fortnight(world, client):
    busy_this_term(world)
    framework = make_framework()
    soon = make_round(
        world.network_a, framework, RoundStatus.DRAFT, opens_on=TODAY + timedelta(10), closes_on=TODAY + timedelta(30)
    )
    later = make_round(
        world.network_a, framework, RoundStatus.DRAFT, opens_on=TODAY + timedelta(20), closes_on=TODAY + timedelta(40)
    )
    panel = attention_of(page_for(client, world.people.leader_a, world.network_a))
    assert f'id="attention-round-{soon.pk}"' in panel
    assert "is due to open on" in panel
    assert f'id="attention-round-{later.pk}"' not in panel


def test_costs_waiting_for_approval(world, client):
    activity = busy_this_term(world)
    line = cost_line(activity, world.school_2)
    panel = attention_of(page_for(client, world.people.leader_a, world.network_a))
    assert f'id="attention-costs-{activity.pk}-{world.school_2.pk}"' in panel
    assert "£180.00" in panel
    assert f"{activity.get_absolute_url()}#costs-heading" in panel
    line.status = CostStatus.APPROVED
    line.save()
    assert "attention-costs" not in attention_of(page_for(client, world.people.leader_a, world.network_a))


def test_a_past_activity_nobody_evaluated(world, client):
    busy_this_term(world)
    past = hosted(world.network_a, world.school_1, [world.school_2], day=TODAY - timedelta(days=1))
    past.title = "Oral rehearsal visit"
    past.save()
    future = hosted(
        world.network_a, world.school_1, [world.school_2], day=TODAY + timedelta(days=3), status="confirmed"
    )
    panel = attention_of(page_for(client, world.people.leader_a, world.network_a))
    assert 'id="attention-activities"' in panel
    assert f'href="{past.get_absolute_url()}">Oral rehearsal visit' in panel
    assert future.get_absolute_url() + '"' not in panel
    evaluate(past)
    assert "attention-activities" not in attention_of(page_for(client, world.people.leader_a, world.network_a))


def test_an_engagement_with_no_outcome(world, client):
    busy_this_term(world)
    done = engaged(world.consortium, world.school_3, world.school_2, days="1", starts_on=TODAY, status="completed")
    engaged(world.consortium, world.school_1, world.school_3, days="1", starts_on=TODAY, status="completed")  # B's
    panel = attention_of(page_for(client, world.people.leader_a, world.network_a))
    assert 'id="attention-engagements"' in panel
    assert panel.count("/brokerage/engagements/") == 1
    assert reverse("brokerage:engagement_review", args=[done.pk]) in panel
    done.outcome = "Arithmetic scores rose."
    done.status = "reviewed"
    done.save()
    assert "attention-engagements" not in attention_of(page_for(client, world.people.leader_a, world.network_a))


def test_the_statements_link_follows_the_statement_rules(world, client):
    url = reverse("statements:list", args=[world.network_a.slug])
    assert url in page_for(client, world.people.leader_a, world.network_a)
    assert url not in page_for(client, world.people.teacher_a, world.network_a)  # drafts only, or none
    Statement.objects.create(
        network=world.network_a,
        starts_on=TERM_START,
        ends_on=TERM_END,
        period_label="This term",
        status=StatementStatus.PUBLISHED,
        figures={},
        published_at=timezone.now(),
    )
    assert url in page_for(client, world.people.teacher_a, world.network_a)


def grow(world, framework, n):
    """n of every item: schools with no activity this term, past activities with no evaluation and
    a cost waiting, engagements with no outcome, rounds about to open."""
    for i in range(n):
        school = SchoolFactory(consortium=world.consortium)
        NetworkSchoolFactory(network=world.network_a, school=school)
        activity = hosted(world.network_a, world.school_1, [world.school_2], day=TERM_START - timedelta(days=i + 1))
        cost_line(activity, world.school_2)
        engaged(world.consortium, world.school_3, world.school_1, days="1", starts_on=TODAY, status="completed")
        make_round(
            world.network_a,
            framework,
            RoundStatus.DRAFT,
            opens_on=TODAY + timedelta(3),
            closes_on=TODAY + timedelta(30),
        )


# Built, then kept ready (plc_platform.dashboard_cache); the leader has the open round to answer.
ATTENTION_QUERIES = {"leader_a": (33, 11), "consortium_staff": (30, 8)}


@pytest.mark.parametrize("who", sorted(ATTENTION_QUERIES))
def test_every_item_at_once_costs_the_same_queries_with_5_and_50(world, client, who):
    framework = make_framework()
    make_round(world.network_a, framework, RoundStatus.OPEN, opens_on=TODAY, closes_on=TODAY + timedelta(10))
    client.force_login(getattr(world.people, who))
    url = reverse("network_detail", args=[world.network_a.slug])
    grow(world, framework, 5)
    client.get(url)  # the session's first request reads one thing more, once
    with_five = cold_and_warm(client, url, world.network_a)
    page = client.get(url).content.decode()
    for item in (
        "attention-round-",
        "attention-costs-",
        "attention-activities",
        "attention-engagements",
        "attention-schools",
    ):
        assert item in page
    grow(world, framework, 45)
    with_fifty = cold_and_warm(client, url, world.network_a)
    assert (with_five, with_fifty) == (ATTENTION_QUERIES[who], ATTENTION_QUERIES[who])
