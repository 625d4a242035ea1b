"""In the browser (issue 19 items 1 to 3, issue 18 items 3 and 5): the leader changes the roles of
visiting teachers in one go and sees the costs' hints; the school lead, on a phone, finds the costs
waiting for them on the home page with the total and approves them all in one tap; a critical friend
finds the enquiry at home; preferences are reached from the profile; the operator sees when each
sweep last ran. Every page is checked with axe and saved in test-artifacts/needs-you-NN-<name>.png."""

import pytest
from playwright.sync_api import expect

from activities import services
from activities.models import CostLine, CostStatus
from enquiry import services as enquiry_services
from networks.models import Role
from plc_platform.scheduler import EmbeddedScheduler
from tests.activities.helpers import plan
from tests.browser.helpers import sign_in
from tests.browser.test_journey_activities import PHONE, journey_world  # noqa: F401
from tests.browser.test_journey_foundation import Visit

pytestmark = pytest.mark.browser


def test_needs_you_pages(live_server, journey_world, browser, settings, artifacts):  # noqa: F811
    world = journey_world
    settings.SITE_URL = live_server.url
    base = live_server.url
    visit = Visit(artifacts, "needs-you")
    p = world.people
    activity = plan(world, title="Learning visit to Maes y Coed")
    visiting = list(
        type(p.teacher_a).objects.filter(memberships__school=world.school_1, memberships__role=Role.SCHOOL_STAFF)
    )
    services.participants_add(activity=activity, users=visiting, role="participant")

    # The leader, on a laptop: a visit of participants costs nothing, and the page says why.
    leader = visit.watch(browser.new_context(viewport={"width": 1280, "height": 900}).new_page())
    sign_in(leader, base, p.leader_a.email)
    leader.goto(f"{base}{activity.get_absolute_url()}")
    expect(leader.locator("#zero-cost-reason")).to_contain_text("Nobody taking part has a role this template costs")
    visit.check(leader, "activity-zero-cost")

    # Adds people: the picker shows their schools, and a visit starts them as visitors.
    leader.goto(f"{base}/activities/{activity.pk}/people/add/")
    expect(leader.locator("#id_role")).to_have_value("visitor")
    visit.check(leader, "add-people")
    # Makes all of them visitors at once.
    for teacher in visiting:
        leader.get_by_role("group", name="People taking part").get_by_label(teacher.full_name, exact=False).check()
    leader.locator("#id_change-role").select_option("visitor")
    leader.get_by_role("button", name="Change their role").click()
    expect(leader.get_by_role("status").first).to_contain_text("people are now visitors")
    expect(leader.get_by_text("No rate set: the consortium sets it on Rates").first).to_be_visible()
    visit.check(leader, "activity-costed")

    # The school lead, on a phone: the home page lists the costs with their total.
    waiting = CostLine.objects.filter(activity=activity, school=world.school_1, status=CostStatus.PROPOSED)
    total = sum(line.amount for line in waiting)
    lead = visit.watch(browser.new_context(viewport=PHONE).new_page())
    sign_in(lead, base, p.school_lead.email)
    expect(lead.get_by_role("heading", name="Costs waiting for your approval")).to_be_visible()
    visit.check(lead, "lead-home-phone")
    lead.get_by_role("button", name=f"Approve all, £{total:,.2f}").click()
    expect(lead.get_by_role("status").first).to_contain_text(f"£{total:,.2f} in all")
    expect(lead.get_by_role("heading", name="Costs waiting for your approval")).to_have_count(0)
    visit.check(lead, "lead-home-approved-phone")
    assert not waiting.all().exists()

    # A critical friend finds the enquiry at home; preferences from the profile.
    owned = enquiry_services.enquiry_create(
        owner=p.teacher_b, school=world.school_3, title="Talk for writing", question="Does talk help?"
    )
    enquiry_services.collaborator_invite(enquiry=owned, email=p.teacher_a.email, role="critical_friend", by=p.teacher_b)
    friend = visit.watch(browser.new_context(viewport=PHONE).new_page())
    sign_in(friend, base, p.teacher_a.email)
    expect(friend.get_by_role("heading", name="Enquiries waiting for your comments")).to_be_visible()
    visit.check(friend, "friend-home-phone")
    friend.goto(f"{base}/profile/")
    friend.get_by_role("link", name="Choose which emails you get").click()
    expect(friend.get_by_label("Costs to approve")).to_be_checked()
    visit.check(friend, "preferences-phone")

    # The operator's admin: when each sweep last ran.
    EmbeddedScheduler().tick()
    operator = visit.watch(browser.new_context(viewport={"width": 1280, "height": 900}).new_page())
    sign_in(operator, base, p.superuser.email)
    operator.goto(f"{base}/admin/networks/sweeprun/")
    expect(operator.get_by_text("reviews.tasks.sweep_notices")).to_be_visible()
    operator.screenshot(path=f"{artifacts}/needs-you-admin-sweeps.png", full_page=True)
