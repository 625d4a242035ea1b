"""Journey 4 in Welsh at phone size (issue 16): a Welsh-speaking teacher signs in, starts an enquiry
and sees it, every heading and button in Welsh, axe clean. Covers the pages translated so far
(sign-in, the shared layout, enquiry); the practice areas' and levels' names are reference data
still in English (issue 16 point 3 is not done)."""

import re

import pytest
from playwright.sync_api import expect

from networks.models import User
from tests.enquiry.conftest import ensure_reference_terms
from tests.factories import PASSWORD

from .test_journey_foundation import PHONE, Visit

pytestmark = pytest.mark.browser

TITLE = "Ymarfer llafar cyn ysgrifennu"
# Headings and buttons of these pages in English: none may remain on the Welsh pages.
ENGLISH = ["Sign in", "My enquiries", "Start an enquiry", "Start the enquiry", "Skip to main content", "Sign out"]


def no_english(page):
    text = page.locator("body").inner_text()
    for words in ENGLISH:
        assert not re.search(rf"\b{re.escape(words)}\b", text), f"{words!r} on {page.url}"


def test_a_welsh_speaking_teacher_starts_an_enquiry_in_welsh(live_server, world, browser, settings, artifacts):
    settings.SITE_URL = live_server.url
    ensure_reference_terms()
    User.objects.filter(email="teacher.a@example.org").update(language="cy")
    visit = Visit(artifacts, "enquiry-cy")
    context = browser.new_context(viewport=PHONE, reduced_motion="reduce", locale="cy-GB")
    page = visit.watch(context.new_page())

    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mewngofnodi")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("button", name="English")).to_be_visible()  # the switch, on a phone
    no_english(page)
    visit.check(page, "mewngofnodi")
    page.get_by_label("E-bost").fill("teacher.a@example.org")
    page.get_by_label("Cyfrinair").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/enquiries/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fy ymholiadau")
    no_english(page)
    visit.check(page, "fy-ymholiadau")

    page.get_by_role("link", name="Dechrau ymholiad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dechrau ymholiad")
    # Its label is still English ("Title"): enquiry.Enquiry.title has no translated verbose_name.
    page.locator("#id_title").fill(TITLE)
    page.get_by_label("Cwestiwn yr ymholiad").fill("A yw ymarfer llafar yn gwella paragraffu bechgyn Blwyddyn 5?")
    page.get_by_label("Disgyblion dan sylw").fill("Bechgyn Blwyddyn 5")
    page.get_by_label("Nifer y disgyblion").fill("14")
    no_english(page)
    visit.check(page, "dechrau-ymholiad")
    page.get_by_role("button", name="Dechrau'r ymholiad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    visit.check(page, "ymholiad")
