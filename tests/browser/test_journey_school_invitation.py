"""In the browser (issue 19 item 4): a network leader invites a school lead of one of the network's
schools, who accepts on a phone and belongs to the network and the school; the leader, who has no
school, is asked to choose one on the home page; on the members page the leader sees who has no
school and places them. Every page is checked with axe and saved in
test-artifacts/school-invitation-NN-<name>.png."""

import re

import pytest
from playwright.sync_api import expect

from networks.models import Membership, Role
from tests.browser.helpers import sign_in
from tests.browser.test_journey_foundation import PHONE, Visit, live_world  # noqa: F401
from tests.factories import MembershipFactory

pytestmark = pytest.mark.browser

INVITEE = "head.maes@example.org"
INVITEE_PASSWORD = "quill-harbour-lantern-42"
LAPTOP = {"width": 1280, "height": 900}


def test_leader_invites_a_school_lead_who_joins_the_network_and_the_school(
    live_server,
    live_world,  # noqa: F811
    browser,
    settings,
    mailoutbox,
    artifacts,
):
    world = live_world
    settings.SITE_URL = base = live_server.url
    visit = Visit(artifacts, "school-invitation")
    newcomer = MembershipFactory(network=world.network_a, user__full_name="Rhys Morgan")

    # The leader, on a laptop, invites the head of Maes y Coed as its school lead.
    leader = visit.watch(browser.new_context(viewport=LAPTOP).new_page())
    sign_in(leader, base, world.people.leader_a.email)
    leader.goto(f"{base}/networks/valleys-writing/invite/")
    leader.get_by_label("Email address").fill(INVITEE)
    # Sending without a school says what is missing.
    leader.get_by_role("button", name="Send the invitation").click()
    expect(leader.get_by_text("Choose the school they work at.")).to_be_visible()
    visit.check(leader, "invite-no-school")
    leader.get_by_label("Their school").select_option(label="Maes y Coed Primary")
    leader.get_by_label("School lead").check()
    leader.get_by_role("button", name="Send the invitation").click()
    expect(leader.get_by_role("status")).to_have_text(f"An invitation is on its way to {INVITEE} as network member.")
    expect(leader.get_by_role("region", name="Invited, not yet accepted")).to_contain_text(
        "school lead at Maes y Coed Primary"
    )
    visit.check(leader, "invite-sent")

    # The email names the school; the head accepts on a phone.
    assert len(mailoutbox) == 1
    assert "and Maes y Coed Primary as school lead" in mailoutbox[0].body
    link = re.search(rf"{re.escape(base)}/invitations/\S+/", mailoutbox[0].body).group(0)
    head = visit.watch(browser.new_context(viewport=PHONE).new_page())
    head.goto(link)
    expect(head.get_by_text("and Maes y Coed Primary as school lead")).to_be_visible()
    visit.check(head, "accept-phone")
    head.get_by_label("Your full name").fill("Carys Head")
    head.get_by_label("Password*", exact=True).fill(INVITEE_PASSWORD)
    head.get_by_label("Password again*", exact=True).fill(INVITEE_PASSWORD)
    head.get_by_role("button", name="Create my account and join").click()
    expect(head.get_by_role("status")).to_have_text("Welcome to Valleys Writing Network.")
    memberships = set(Membership.objects.filter(user__email=INVITEE).values_list("role", "network", "school"))
    assert memberships == {
        (Role.NETWORK_MEMBER, world.network_a.pk, None),
        (Role.SCHOOL_LEAD, None, world.school_2.pk),
    }
    head.goto(f"{base}/")
    expect(head.get_by_role("region", name="Your schools", exact=True)).to_contain_text("Maes y Coed Primary")
    expect(head.get_by_role("link", name="Choose your school")).to_have_count(0)
    visit.check(head, "head-home-phone")

    # Rhys, a member with no school, is asked on his phone's home page too.
    rhys = visit.watch(browser.new_context(viewport=PHONE).new_page())
    sign_in(rhys, base, newcomer.user.email)
    expect(rhys.get_by_role("region", name="Your school", exact=True)).to_contain_text("Valleys Writing Network")
    visit.check(rhys, "member-home-phone")
    rhys.get_by_role("link", name="Choose your school").click()
    expect(rhys.get_by_label("Your school")).to_be_visible()
    visit.check(rhys, "choose-school-phone")

    # The leader has no school in the network: the home page asks for one.
    leader.goto(f"{base}/")
    leader.get_by_role("link", name="Choose your school").click()
    visit.check(leader, "choose-school")
    leader.get_by_label("Your school").select_option(label="Ysgol Gynradd Llanwern")
    leader.get_by_role("button", name="Save").click()
    expect(leader.get_by_role("status")).to_have_text("You are now staff at Ysgol Gynradd Llanwern.")
    expect(leader.get_by_role("link", name="Choose your school")).to_have_count(0)
    visit.check(leader, "home-school-chosen")

    # The members page: Rhys has no school; the leader makes him school lead of Llanwern.
    leader.goto(f"{base}/networks/valleys-writing/")
    leader.get_by_role("link", name="Everyone's school, and who has none").click()
    expect(leader.locator("#without-school")).to_have_text(
        "1 member has no school in the network. Set their school below."
    )
    visit.check(leader, "members")
    leader.get_by_role("link", name="Set school of Rhys Morgan").click()
    visit.check(leader, "member-school")
    leader.get_by_label("Their school").select_option(label="Ysgol Gynradd Llanwern")
    leader.get_by_label("School lead").check()
    leader.get_by_role("button", name="Save").click()
    expect(leader.get_by_role("status")).to_have_text("Rhys Morgan is now school lead at Ysgol Gynradd Llanwern.")
    expect(leader.locator("#without-school")).to_have_count(0)
    assert Membership.objects.filter(user=newcomer.user, school=world.school_1, role=Role.SCHOOL_LEAD).exists()

    # The same pages on a phone.
    phone = visit.watch(browser.new_context(viewport=PHONE, storage_state=leader.context.storage_state()).new_page())
    phone.goto(f"{base}/networks/valleys-writing/members/")
    visit.check(phone, "members-phone")
    phone.goto(f"{base}/networks/valleys-writing/members/{newcomer.pk}/school/")
    visit.check(phone, "member-school-phone")
    rhys.goto(f"{base}/")
    expect(rhys.get_by_role("link", name="Choose your school")).to_have_count(0)
