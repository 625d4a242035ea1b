"""Journey 9: the statement of account. A leader picks the school year, writes the introduction
and next steps, publishes, downloads the PDF and the CSV, and makes a link that a governor with no
account opens. Every page is checked with axe and saved as a screenshot in test-artifacts/."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from activities.models import CostCategory, CostLine, NetworkBudget
from tests.activities.helpers import plan
from tests.factories import PASSWORD

from .test_every_page import load_reference_data
from .test_journey_foundation import Visit

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def live_world(transactional_db, world):
    from activities import services

    load_reference_data()  # an earlier transactional test's flush may have removed the activity types
    today = timezone.localdate()
    this_year = today.year if today.month >= 9 else today.year - 1
    NetworkBudget.objects.create(
        network=world.network_a, starts_on=date(this_year, 9, 1), ends_on=date(this_year + 1, 8, 31), amount="8000.00"
    )
    activity = plan(world, day=date(this_year, 10, 7), title="Visit to Maes y Coed")
    CostLine.objects.filter(activity=activity).delete()
    services.cost_line_save(
        line=CostLine(
            activity=activity,
            category=CostCategory.SUPPLY_COVER,
            school=world.school_1,
            description="Cover",
            quantity=Decimal("2"),
            rate=Decimal("173.00"),
        )
    )
    return world


def test_a_leader_publishes_the_statement_and_a_governor_opens_the_link(
    live_server, live_world, browser, page, artifacts
):
    visit = Visit(artifacts, "statement")
    page.set_viewport_size(DESKTOP)
    visit.watch(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill("leader.a@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")

    page.goto(f"{live_server.url}/networks/valleys-writing/statements/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Statements of account")
    visit.check(page, "list")
    page.get_by_role("button", name="Start the draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statement of account")
    expect(page.locator("#money-budget")).to_have_text("£8,000.00")
    expect(page.locator("#money-planned")).to_have_text("£346.00")
    page.get_by_label("Introduction").fill("This year our schools worked on extended writing together.")
    page.get_by_label("Next steps").fill("Every school hosts a visit next year.")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("status")).to_have_text("The draft is saved.")
    visit.check(page, "draft")

    page.get_by_role("link", name="Publish…").click()
    visit.check(page, "publish")
    page.get_by_role("button", name="Publish the statement").click()
    expect(page.get_by_text("Published on")).to_be_visible()

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download the figures (CSV)").click()
    assert "346.00" in Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    pdf = page.request.get(live_server.url + page.get_by_role("link", name="Download PDF").get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body()[:5] == b"%PDF-"

    page.get_by_label("Who it is for").fill("Governors")
    page.get_by_role("button", name="Make a link").click()
    link = page.locator("input[id^=share-url-]").input_value()
    visit.check(page, "published")

    governor = browser.new_context(viewport=DESKTOP)
    shared = visit.watch(governor.new_page())
    shared.goto(link)
    expect(shared.get_by_role("heading", level=1)).to_have_text("Statement of account")
    expect(shared.locator("#money-planned")).to_have_text("£346.00")
    expect(shared.get_by_text("This year our schools worked on extended writing together.")).to_be_visible()
    visit.check(shared, "shared")
    # A governor opening it on a phone: nothing wider than the screen but the tables' own scroll.
    shared.set_viewport_size(PHONE)
    shared.reload()
    assert shared.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    visit.check(shared, "shared-phone")
    governor.close()
