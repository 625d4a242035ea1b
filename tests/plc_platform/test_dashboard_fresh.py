"""The dashboard's panels are kept ready between writes (plc_platform.dashboard_cache), and never
shown stale: after each write through the platform's services, the next opening shows it. Another
network's write leaves the panels kept; a new day builds the panels that change with the day."""

import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from activities import services as activity_services
from activities.models import NetworkBudget
from enquiry import services as enquiry_services
from enquiry.models import Enquiry, Evidence, Stage
from networks import services as network_services
from plc_platform import dashboard_cache
from plc_platform.flowmap import academic_year
from reviews import services as review_services
from reviews.models import ResponseGroup, RoundStatus
from tests.enquiry.helpers import make_enquiry
from tests.factories import SchoolFactory
from tests.reviews.test_results import make_framework, make_round, respond
from tests.test_query_counts import queries_for

from .flow_helpers import hosted, person_at
from .test_dashboard_attention import cost_line

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = academic_year(TODAY)


@pytest.fixture
def opened(world, client):
    """The leader of network A opens its dashboard: after this, its panels are kept."""
    client.force_login(world.people.leader_a)
    url = reverse("network_detail", args=[world.network_a.slug])

    def page():
        return client.get(url).content.decode()

    page()
    return page


def test_a_closed_round_shows_at_the_next_opening(world, opened):
    round = make_round(world.network_a, make_framework(), RoundStatus.OPEN, opens_on=TODAY, closes_on=TODAY)
    for group in (ResponseGroup.LEADER, ResponseGroup.STAFF):
        for _ in range(3):
            respond(round, 3, group=group, school=world.school_1)
    assert "No self-review round has closed yet" in opened()
    review_services.round_close(round=round)
    page = opened()
    assert "No self-review round has closed yet" not in page
    assert f"Full results of {round}" in page


def test_a_school_added_and_its_stage_show_at_the_next_opening(world, opened):
    assert "Schools (2)" in opened()
    school = SchoolFactory(consortium=world.consortium, name="Ysgol Newydd")
    network_services.network_add_schools(network=world.network_a, schools=[school])
    assert "Schools (3)" in opened()
    review_services.maturity_record(
        school=school, stage="developer", rationale="Seen.", recorded_by=world.people.leader_a
    )
    page = opened()
    section = page[page.index(f'id="school-{school.pk}"') :]
    assert "Developer" in section[: section.index("</li>")]
    network_services.network_remove_school(network=world.network_a, school=school)
    assert "Schools (2)" in opened()


def test_an_activity_shows_at_the_next_opening(world, opened):
    assert "No activities yet" in opened()
    hosted(world.network_a, world.school_1, [world.school_2], day=TODAY, level=3)
    page = opened()
    assert "No activities yet" not in page
    assert "<strong>level 3</strong>" in page


def test_an_enquiry_and_its_stage_show_at_the_next_opening(world, opened):
    assert "0 enquiries" in opened()
    enquiry = make_enquiry(person_at(world.school_1), world.school_1, world.network_a, sharing="network")
    page = opened()
    assert "1 enquiry" in page
    assert "1 enquiry linked to the network, 1 of them shared" in page  # the enquiry panel, from the same count
    stage = Stage.values[1]
    enquiry_services.enquiry_move_stage(enquiry=enquiry, to_stage=stage, by=None)  # a QuerySet.update
    page = opened()
    by_stage = page[page.index("By stage") :]
    label = Stage(stage).label
    assert f'<th scope="row" class="fw-normal">{label}</th><td class="text-end">1</td>' in by_stage


def test_an_enquiry_moving_again_leaves_the_stalled_list_at_the_next_opening(world, opened):
    enquiry = make_enquiry(person_at(world.school_1), world.school_1, world.network_a, sharing="network")
    Enquiry.objects.filter(pk=enquiry.pk).update(stage_changed_at=timezone.now() - timedelta(weeks=7))
    assert f'id="dash-stalled-{enquiry.pk}"' in opened()
    Evidence.objects.create(enquiry=enquiry, stage=Stage.PLAN, kind="note", note="What we saw.")
    page = opened()
    assert f'id="dash-stalled-{enquiry.pk}"' not in page
    assert "Every enquiry under way has moved in the last six weeks" in page


def test_the_budget_and_approved_costs_show_at_the_next_opening(world, opened):
    assert 'id="dash-budget">Not set' in opened()
    NetworkBudget.objects.create(network=world.network_a, starts_on=YEAR.start, ends_on=YEAR.end, amount=5000)
    assert 'id="dash-budget">£5,000.00' in opened()
    activity = hosted(world.network_a, world.school_1, [world.school_2], day=TODAY)
    cost_line(activity, world.school_1)  # £180.00, waiting for approval
    page = opened()
    assert 'id="dash-planned">£180.00' in page
    assert f"attention-costs-{activity.pk}-{world.school_1.pk}" in page
    activity_services.cost_lines_approve(activity=activity, school=world.school_1, by=world.people.leader_a)
    page = opened()
    assert f"attention-costs-{activity.pk}-{world.school_1.pk}" not in page
    money = page[page.index('aria-labelledby="dash-money-heading"') :]
    assert "Approved" in money
    assert '<dd class="h5 mb-0">£180.00</dd>' in money


def test_another_networks_write_leaves_the_panels_kept(world, client, opened):
    url = reverse("network_detail", args=[world.network_a.slug])
    warm = queries_for(client, url)
    make_enquiry(person_at(world.school_3), world.school_3, world.network_b, sharing="network")
    hosted(world.network_b, world.school_3, [], day=TODAY)
    assert queries_for(client, url) == warm
    make_enquiry(person_at(world.school_1), world.school_1, world.network_a)
    assert queries_for(client, url) > warm


def test_a_new_day_builds_the_panels_that_change_with_the_day(world, client, opened, monkeypatch):
    url = reverse("network_detail", args=[world.network_a.slug])
    make_enquiry(person_at(world.school_1), world.school_1, world.network_a)
    opened()
    warm = queries_for(client, url)
    monkeypatch.setattr(dashboard_cache.timezone, "localdate", lambda: TODAY + timedelta(days=1))
    tomorrow = queries_for(client, url)
    assert tomorrow > warm
    assert queries_for(client, url) == warm


def test_a_welsh_reader_gets_the_panels_in_welsh(world, opened):
    assert "How the network sees itself" in opened()
    network_services.user_language_set(user=world.people.leader_a, language="cy")  # moves no version
    assert "rhwydwaith yn gweld ei hun" in opened()  # "How the network sees itself"


def test_for_a_while_after_redis_was_unreachable_the_panels_are_built_each_time(world, opened, monkeypatch):
    """Writes made while Redis was unreachable moved only their own process's versions
    (plc_platform.cache falls back to its memory): nothing kept is read until it has expired."""
    enquiry = make_enquiry(person_at(world.school_1), world.school_1, world.network_a)
    assert "1 enquiry" in opened()
    Enquiry.objects.filter(pk=enquiry.pk).update(network=world.network_b)  # a write no version saw
    assert "1 enquiry" in opened()  # kept
    monkeypatch.setattr(caches["default"], "unreachable_at", time.monotonic(), raising=False)
    assert "0 enquiries" in opened()
