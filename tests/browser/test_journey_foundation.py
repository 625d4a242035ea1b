"""Journey 2, first steps: a leader sets the network's focus and invites a teacher, who joins.

Every page visited is checked with axe and saved as a full-page screenshot in test-artifacts/.
"""

import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

NEW_FOCUS = "Oral rehearsal before writing, and paragraphing in Year 5."
INVITEE = "newteacher@example.org"
INVITEE_PASSWORD = "quill-harbour-lantern-42"
PHONE = {"width": 390, "height": 844}
AXE = Axe()


@pytest.fixture
def live_world(transactional_db, world):
    """The shared world, committed, so the live server's thread sees it."""
    return world


class Visit:
    """Checks each page a journey reaches: no CSP breach, no axe violation, a screenshot saved."""

    def __init__(self, artifacts, prefix):
        self.artifacts = artifacts
        self.prefix = prefix
        self.count = 0
        self.page_errors = []
        self.loads = 0  # full page loads of the watched pages (htmx swaps are not loads)

    def watch(self, page):
        page.set_default_timeout(15_000)  # a first page can take seconds when the 2 cores are busy
        page.on("load", lambda _: setattr(self, "loads", self.loads + 1))
        page.on("console", lambda msg: msg.type == "error" and self.page_errors.append(f"{page.url}: {msg.text}"))
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))
        return page

    def check(self, page, name):
        self.count += 1
        page.wait_for_load_state("load")
        page.screenshot(path=os.path.join(self.artifacts, f"{self.prefix}-{self.count:02d}-{name}.png"), full_page=True)
        results = AXE.run(page)
        assert results.violations_count == 0, f"{name} ({page.url}): {results.generate_report()}"
        assert not self.page_errors, "\n".join(self.page_errors)


def test_leader_sets_focus_and_invites_a_teacher_who_joins(
    live_server, live_world, browser, page, settings, mailoutbox, artifacts
):
    settings.SITE_URL = live_server.url
    visit = Visit(artifacts, "foundation")
    visit.watch(page)

    # The leader signs in.
    page.goto(f"{live_server.url}/accounts/login/")
    visit.check(page, "login")
    page.locator("input[name=login]").fill("leader.a@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Leader")
    assert page.url == f"{live_server.url}/"
    visit.check(page, "home")

    # Opens the network from the home page.
    page.get_by_role("link", name="Valleys Writing Network").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Valleys Writing Network")
    visit.check(page, "network")

    # Edits its focus.
    page.get_by_role("link", name="Edit purpose and focus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Purpose and focus of Valleys Writing Network")
    visit.check(page, "network-edit")
    page.get_by_label("Focus").fill(NEW_FOCUS)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("The network's purpose and focus are saved.")
    expect(page.locator("#network-focus")).to_have_text(NEW_FOCUS)
    assert page.url == f"{live_server.url}/networks/valleys-writing/"
    visit.check(page, "network-saved")

    # Invites a teacher as a network member.
    page.get_by_role("link", name="Invite people").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite people to Valleys Writing Network")
    visit.check(page, "invite")
    page.get_by_label("Email address").fill(INVITEE)
    expect(page.get_by_label("Network member")).to_be_checked()
    page.get_by_label("Their school").select_option(label="Ysgol Gynradd Llanwern")
    expect(page.get_by_label("School staff")).to_be_checked()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("status")).to_have_text(f"An invitation is on its way to {INVITEE} as network member.")
    pending = page.get_by_role("region", name="Invited, not yet accepted")
    expect(pending).to_contain_text(INVITEE)
    visit.check(page, "invite-sent")

    # The invitation email carries the link.
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [INVITEE]
    link = re.search(rf"{re.escape(live_server.url)}/invitations/\S+/", email.body).group(0)

    # The teacher opens it in a browser of their own, sets up an account and sees the network.
    teacher_context = browser.new_context()
    teacher = visit.watch(teacher_context.new_page())
    teacher.goto(link)
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Join Valleys Writing Network")
    visit.check(teacher, "invitation")
    teacher.get_by_label("Your full name").fill("Nia Teacher")
    teacher.get_by_label("Job title").fill("Year 5 teacher")
    teacher.get_by_label("Password*", exact=True).fill(INVITEE_PASSWORD)
    teacher.get_by_label("Password again*", exact=True).fill(INVITEE_PASSWORD)
    teacher.get_by_role("button", name="Create my account and join").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Valleys Writing Network")
    assert teacher.url == f"{live_server.url}/networks/valleys-writing/"
    expect(teacher.get_by_role("status")).to_have_text("Welcome to Valleys Writing Network.")
    expect(teacher.locator("#network-focus")).to_have_text(NEW_FOCUS)
    expect(teacher.get_by_role("region", name="Members (2)")).to_contain_text("Nia Teacher")
    visit.check(teacher, "teacher-network")

    # On a phone the menu folds behind a button, which opens it.
    phone_context = browser.new_context(
        viewport=PHONE, reduced_motion="reduce", storage_state=teacher_context.storage_state()
    )
    phone = visit.watch(phone_context.new_page())
    phone.goto(f"{live_server.url}/networks/valleys-writing/")
    expect(phone.locator("#network-focus")).to_have_text(NEW_FOCUS)
    menu_button = phone.get_by_role("button", name="Show menu")
    expect(menu_button).to_be_visible()
    expect(phone.get_by_role("link", name="Schools", exact=True)).to_be_hidden()
    visit.check(phone, "phone-network")
    menu_button.click()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(phone.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
    expect(phone.get_by_role("link", name="Schools", exact=True)).to_be_visible()
    expect(phone.get_by_role("button", name="Sign out")).to_be_visible()
    visit.check(phone, "phone-menu")

    phone_context.close()
    teacher_context.close()


def test_consortium_staff_add_schools_to_a_network_without_a_page_load_for_each(
    live_server, live_world, browser, artifacts
):
    """Journey 1: the officer adds schools by typing a few letters of each name; each Add answers
    in place ("Added", and the network's list grows) with no page load."""
    from tests.factories import SchoolFactory

    from .helpers import sign_in

    SchoolFactory(consortium=live_world.consortium, name="Ysgol Gynradd Cwmaman", town="Aberdare")
    visit = Visit(artifacts, "school-add")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = visit.watch(context.new_page())
    sign_in(page, live_server.url, "officer@example.org")
    page.goto(f"{live_server.url}/networks/valleys-writing/schools/add/")
    members = page.locator("#network-members")
    expect(members.get_by_role("heading")).to_have_text("In the network (2)")
    loads = visit.loads
    results = page.locator("#search-results")
    for letters, name, count in [("cwma", "Ysgol Gynradd Cwmaman", 3), ("celyn", "Heol y Celyn Primary", 4)]:
        page.get_by_label("Type a few letters").fill(letters)
        results.get_by_role("button", name=f"Add {name}").click()
        expect(results.get_by_text("Added")).to_be_visible()
        expect(members.get_by_role("heading")).to_have_text(f"In the network ({count})")
        expect(members).to_contain_text(name)
    assert visit.loads == loads  # the search and both adds swapped in place
    visit.check(page, "added")
    page.set_viewport_size(PHONE)
    visit.check(page, "added-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
