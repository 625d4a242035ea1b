"""Cost approvals (issue 18, item 3; issue 19, item 2): the school lead is emailed when costs wait for
them (if they want it), finds them on their home page with each activity's total, and approves all of
their school's lines of an activity at once."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from activities import services
from activities.models import CostLine, CostStatus
from networks.models import EmailPreference, Role
from tests.factories import MembershipFactory, UserFactory

from .helpers import plan, visiting_teachers

pytestmark = pytest.mark.django_db


def cost_emails():
    return [m for m in mail.outbox if m.subject.startswith("Costs waiting for your approval")]


@pytest.fixture
def visit(world, django_capture_on_commit_callbacks):
    """Network A's visit to school 2, with three of school 1's teachers visiting (one event)."""
    activity = plan(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.participants_add(activity=activity, users=visiting_teachers(world.school_1, 3), role="visitor")
    return activity


def test_the_school_lead_gets_one_email_listing_the_lines_and_their_total(world, visit):
    emails = cost_emails()
    assert [m.to for m in emails] == [[world.people.school_lead.email]]
    body = emails[0].body
    waiting = CostLine.objects.filter(activity=visit, school=world.school_1, status=CostStatus.PROPOSED)
    total = sum(line.amount for line in waiting)
    assert waiting.count() >= 3
    assert f"Total: £{total:,.2f}" in body
    assert "Supply cover for Visiting Teacher 0 (visitor), 1 day" in body
    assert visit.get_absolute_url() + "#costs-heading" in body
    assert "/emails/" in body  # the preferences link


def test_changing_roles_again_is_not_a_new_email_but_new_lines_are(world, visit, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    participant = visit.participants.first()
    with django_capture_on_commit_callbacks(execute=True):
        services.participant_update(participant=participant, role="visitor", attendance="attended")
    assert cost_emails() == []
    with django_capture_on_commit_callbacks(execute=True):
        services.participants_add(activity=visit, users=visiting_teachers(world.school_1, 1), role="visitor")
    assert len(cost_emails()) == 1


def test_a_lead_who_turned_cost_emails_off_gets_none(world, django_capture_on_commit_callbacks):
    EmailPreference.objects.create(user=world.people.school_lead, cost_approvals=False)
    activity = plan(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.participants_add(activity=activity, users=visiting_teachers(world.school_1, 2), role="visitor")
    assert cost_emails() == []


def test_the_home_page_lists_each_activity_with_its_total_and_approves_them_all_at_once(world, visit, client):
    lead = world.people.school_lead
    client.force_login(lead)
    waiting = CostLine.objects.filter(activity=visit, school=world.school_1, status=CostStatus.PROPOSED)
    total = sum(line.amount for line in waiting)
    html = client.get(reverse("home")).content.decode()
    assert "Costs waiting for your approval" in html
    assert f"Approve all, £{total:,.2f}" in html
    url = reverse("activities:costs_approve_school", args=[visit.pk, world.school_1.pk])
    assert url in html

    response = client.post(url, {"next": reverse("home")}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert not waiting.all().exists()
    lines = CostLine.objects.filter(activity=visit, school=world.school_1)
    assert all(line.status == CostStatus.APPROVED and line.approved_by == lead for line in lines)
    assert f"£{total:,.2f} in all" in response.content.decode()
    assert "Costs waiting for your approval" not in response.content.decode()
    # The host school's hosting and refreshments are not school 1's lead's to approve.
    assert CostLine.objects.filter(activity=visit, school=world.school_2, status=CostStatus.PROPOSED).count() == 2


def test_the_activity_page_offers_the_lead_their_school_total(world, visit, client):
    client.force_login(world.people.school_lead)
    waiting = CostLine.objects.filter(activity=visit, school=world.school_1, status=CostStatus.PROPOSED)
    html = client.get(visit.get_absolute_url()).content.decode()
    total = sum((line.amount for line in waiting), Decimal("0"))
    assert f"Approve all {waiting.count()}, £{total:,.2f}" in html
    client.force_login(world.people.leader_a)  # sees the budget, approves nothing of school 1's
    assert "Approve all" not in client.get(visit.get_absolute_url()).content.decode()


def test_another_schools_lead_cannot_approve_them(world, visit, client):
    other_lead = UserFactory()
    MembershipFactory(user=other_lead, school=world.school_2, role=Role.SCHOOL_LEAD)
    client.force_login(other_lead)
    url = reverse("activities:costs_approve_school", args=[visit.pk, world.school_1.pk])
    assert client.post(url).status_code == 404
    assert not CostLine.objects.filter(activity=visit, school=world.school_1, status=CostStatus.APPROVED).exists()


def test_a_welsh_reading_lead_gets_the_email_in_welsh(world, django_capture_on_commit_callbacks):
    """Issue 16: the lead's own language, not that of whoever planned the activity."""
    lead = world.people.school_lead
    lead.language = "cy"
    lead.save(update_fields=["language"])
    activity = plan(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.participants_add(activity=activity, users=visiting_teachers(world.school_1, 1), role="visitor")
    [email] = [m for m in mail.outbox if m.to == [lead.email]]
    assert email.subject.startswith("Costau'n aros am eich cymeradwyaeth: ")
    assert "Gallwch eu cymeradwyo i gyd ar unwaith" in email.body
    assert "Total:" not in email.body
