"""Planning a visit (issue 19, items 3 and 5; issue 18, item 5): the template decides the role people
start with, a 0.00 proposal says why, zero rates point at Rates, the picker shows each person's school,
and the activity form links enquiries the planner may read."""

import re

import pytest
from django.urls import reverse

from activities import services
from activities.models import ActivityType, CostCategory, CostLine
from tests.enquiry.helpers import make_enquiry

from .helpers import plan

pytestmark = pytest.mark.django_db


def html(client, user, url):
    client.force_login(user)
    return client.get(url).content.decode()


def test_a_visit_adds_people_as_visitors_by_default_and_a_seminar_as_participants(world, client):
    visit = plan(world)
    page = html(client, world.people.leader_a, reverse("activities:participant_add", args=[visit.pk]))
    assert '<option value="visitor" selected>' in page
    seminar = plan(world, type_slug="shared-inset-seminar", title="INSET")
    page = html(client, world.people.leader_a, reverse("activities:participant_add", args=[seminar.pk]))
    assert '<option value="participant" selected>' in page
    assert ActivityType.objects.get(slug="enquiry-visit").default_role == "visitor"


def test_the_picker_shows_each_persons_school(world, client):
    visit = plan(world)
    page = html(client, world.people.leader_a, reverse("activities:participant_add", args=[visit.pk]))
    labels = [" ".join(label.split()) for label in re.findall(r"<label[^>]*>([^<]*)</label>", page)]
    assert f"Teacher A, {world.people.teacher_a.job_title}, {world.school_1.name}" in labels


def test_a_visit_of_participants_only_says_why_it_costs_nothing(world, client):
    visit = plan(world)
    services.participants_add(activity=visit, users=[world.people.teacher_a], role="participant")
    CostLine.objects.filter(activity=visit).delete()  # hosting and refreshments aside: no rate of 0.00 here
    page = html(client, world.people.leader_a, visit.get_absolute_url())
    assert "Proposed cost 0.00." in page
    assert "supply cover and travel are proposed for each Host or Visitor" in page


def test_a_line_at_a_zero_rate_says_the_consortium_sets_it_on_rates(world, client):
    visit = plan(world)
    services.participants_add(activity=visit, users=[world.people.teacher_a], role="visitor")
    hosting = CostLine.objects.get(activity=visit, category=CostCategory.HOSTING)
    assert hosting.rate == 0
    page = html(client, world.people.leader_a, visit.get_absolute_url())
    assert "No rate set: the consortium sets it on Rates" in page
    page = html(client, world.people.consortium_staff, visit.get_absolute_url())
    rates = reverse("activities:rate_list", args=[world.consortium.slug])
    assert f'No rate set: set it on <a href="{rates}">Rates</a>' in page


def test_the_activity_form_offers_only_enquiries_the_planner_may_read(world, client):
    teacher = (world.people.teacher_a, world.school_1, world.network_a)
    make_enquiry(*teacher, sharing="network", title="Oral rehearsal", question="Does talk help writing?")
    private = make_enquiry(*teacher, title="Private draft", question="Not yet?")
    url = reverse("activities:activity_create", args=[world.network_a.slug, "learning-visit"])
    page = html(client, world.people.leader_a, url)
    assert "Linked enquiry cycles" in page
    assert "Oral rehearsal" in page
    assert private.title not in page


def test_roles_missing_from_the_template_fall_back_to_participant():
    assert ActivityType(roles=["owner", "facilitator"]).default_role == "participant"
    assert ActivityType(roles=[]).default_role == "participant"


def test_several_people_get_a_new_role_at_once_and_the_costs_follow(world, client, django_capture_on_commit_callbacks):
    from django.core import mail

    visit = plan(world)
    p = world.people
    services.participants_add(activity=visit, users=[p.teacher_a, p.school_lead], role="participant")
    assert not CostLine.objects.filter(activity=visit, category=CostCategory.SUPPLY_COVER).exists()
    client.force_login(p.leader_a)
    page = client.get(reverse("activities:participant_add", args=[visit.pk])).content.decode()
    assert "Change their role" in page
    ids = list(visit.participants.filter(user__in=[p.teacher_a, p.school_lead]).values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("activities:participants_set_role", args=[visit.pk]),
            {"change-participants": ids, "change-role": "visitor"},
        )
    assert response.status_code == 302
    assert set(visit.participants.filter(pk__in=ids).values_list("role", flat=True)) == {"visitor"}
    assert CostLine.objects.filter(activity=visit, category=CostCategory.SUPPLY_COVER).count() == 2
    assert sorted(m.to[0] for m in mail.outbox if m.subject.startswith("Your role has changed")) == sorted(
        [p.teacher_a.email, p.school_lead.email]
    )
    bad = client.post(reverse("activities:participants_set_role", args=[visit.pk]), {"change-role": "visitor"})
    assert bad.status_code == 400
    assert "Choose at least one person." in bad.content.decode()


def test_template_names_read_well_in_a_sentence(world, client):
    assert ActivityType(name="Problem-solving team building (PSTB)").with_article == (
        "a problem-solving team building (PSTB)"
    )
    assert ActivityType(name="Action learning partnership").with_article == "an action learning partnership"
    assert ActivityType(name="INSET day").with_article == "an INSET day"
    page = html(client, world.people.leader_a, reverse("activities:activity_type_choose", args=[world.network_a.slug]))
    assert "Plan a problem-solving team building (PSTB)" in page
    assert "(pstb)" not in page
