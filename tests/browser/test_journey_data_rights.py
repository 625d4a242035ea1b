"""Journey 10 on a phone (390 px): a teacher downloads a copy of their data from their profile,
then erases their account; consortium staff find the erasure page for requests made by letter.

Every page is checked with axe, with no console or CSP error, and saved as a screenshot."""

import json
import zipfile

import pytest
from playwright.sync_api import expect

from enquiry.models import Enquiry, Sharing
from networks.models import User
from tests.enquiry.helpers import make_enquiry
from tests.factories import PASSWORD

from .test_journey_api_sso import sign_in
from .test_journey_foundation import PHONE, Visit

pytestmark = pytest.mark.browser


@pytest.fixture
def live_world(transactional_db, world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    world.shared = make_enquiry(
        world.people.teacher_a,
        world.school_1,
        world.network_a,
        sharing=Sharing.NETWORK,
        title="Talk partners in Year 5",
    )
    return world


def test_a_teacher_downloads_their_data_and_erases_their_account(live_server, live_world, page, artifacts, tmp_path):
    visit = Visit(artifacts, "data-rights")
    visit.watch(page)
    page.set_default_navigation_timeout(30000)  # the live server's first page, on a busy machine
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "teacher.a@example.org")

    page.goto(f"{live_server.url}/profile/")
    page.get_by_role("link", name="Download my data, or erase my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    expect(page.get_by_text("You have not asked for a copy yet.")).to_be_visible()
    visit.check(page, "data")

    page.get_by_role("button", name="Prepare a copy of my data").click()
    expect(page.get_by_role("status")).to_contain_text("Your copy is being prepared")
    expect(page.get_by_role("link", name="Download the ZIP")).to_be_visible(timeout=15000)
    visit.check(page, "data-ready")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the ZIP").click()
    saved = tmp_path / "copy.zip"
    download_info.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        data = json.loads(archive.read("data.json"))
        assert [row["title"] for row in data["enquiry.enquiry.owner"]] == ["Talk partners in Year 5"]
        assert "index.html" in archive.namelist()
        assert "manifest.json" in archive.namelist()

    page.get_by_role("link", name="Erase my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erase my account")
    page.get_by_role("button", name="Erase my account").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    visit.check(page, "erase-errors")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand").check()
    visit.check(page, "erase")
    page.get_by_role("button", name="Erase my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is erased")
    visit.check(page, "erased")
    assert not User.objects.filter(email="teacher.a@example.org").exists()
    assert Enquiry.objects.get(pk=live_world.shared.pk).owner_name == "a former member"


def test_consortium_staff_erase_an_account_on_request(live_server, live_world, page, artifacts):
    visit = Visit(artifacts, "data-rights-staff")
    visit.watch(page)
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "officer@example.org")
    page.goto(f"{live_server.url}/consortia/{live_world.consortium.slug}/")
    page.get_by_role("link", name="Erase someone's account at their request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erase someone's account")
    visit.check(page, "erase-person")
    page.get_by_label("Their email address").fill("teacher.b@example.org")
    page.get_by_label("Where the request came from").fill("Letter to the data protection officer, 3 March")
    page.get_by_role("button", name="Find the account").click()
    expect(page.get_by_role("heading", name="Erase Teacher B (teacher.b@example.org)?")).to_be_visible()
    visit.check(page, "erase-person-confirm")
    page.get_by_role("button", name="Erase this account").click()
    expect(page.get_by_role("status")).to_contain_text("The account is erased.")
    assert not User.objects.filter(email="teacher.b@example.org").exists()
