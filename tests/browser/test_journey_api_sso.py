"""A teacher creates and revokes an API token on their profile; consortium staff allow their schools'
domain to sign in with Google; the API's docs page and the sign-in page with its providers.

Every page is checked with axe, with no console or CSP error, and saved as a screenshot."""

import pytest
from allauth.socialaccount.models import SocialApp
from playwright.sync_api import expect

from api.models import AccessToken
from networks.models import SignInDomain

from . import helpers
from .test_journey_foundation import PHONE, Visit

pytestmark = pytest.mark.browser


@pytest.fixture
def live_world(transactional_db, world):
    return world


def sign_in(page, base_url, email):
    """Signed in, the home page welcomes them."""
    helpers.sign_in(page, base_url, email)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


# The page, or a box in the list of tokens (such as a table in a wrapper), that scrolls sideways.
SIDEWAYS_SCROLLERS = """() => [document.documentElement,
    ...document.querySelectorAll("section[aria-labelledby=tokens-heading] *")]
  .filter((el) => !el.matches(".visually-hidden") && getComputedStyle(el).overflowX !== "visible")
  .filter((el) => el.scrollWidth > el.clientWidth + 1)
  .map((el) => `${el.outerHTML.slice(0, 80)} ${el.scrollWidth}>${el.clientWidth}`)"""


def test_a_teacher_creates_and_revokes_a_token(live_server, live_world, page, artifacts):
    visit = Visit(artifacts, "api-tokens")
    visit.watch(page)
    page.set_default_timeout(20000)  # a loaded machine: wait for pages longer than the journeys' 5 s
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "teacher.a@example.org")
    page.goto(f"{live_server.url}/profile/")
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    expect(page.get_by_text("You have no tokens yet")).to_be_visible()
    visit.check(page, "empty")
    page.get_by_role("button", name="Create the token").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    visit.check(page, "error")
    page.get_by_label("Name").fill("Consortium data warehouse")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Create the token").click()
    secret = page.get_by_role("textbox", name="Token", exact=True).input_value()
    assert secret.startswith("plc_")
    expect(page.get_by_role("status")).to_contain_text("shown only this once")
    visit.check(page, "created")
    token_item = page.get_by_role("listitem").filter(has_text="Consortium data warehouse")
    expect(token_item).to_contain_text("Read and write")
    assert page.evaluate(SIDEWAYS_SCROLLERS) == []
    response = page.request.get(f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.json()["scope"] == "write"
    page.get_by_role("link", name="Revoke Consortium data warehouse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revoke “Consortium data warehouse”?")
    visit.check(page, "revoke")
    page.get_by_role("button", name="Revoke the token").click()
    expect(page.get_by_role("status")).to_contain_text("is revoked")
    expect(token_item).to_contain_text("Revoked")
    visit.check(page, "revoked")
    assert AccessToken.objects.get().revoked_at is not None
    refused = page.request.get(f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert refused.status == 401


def test_consortium_staff_allow_a_domain_to_sign_in_with_google(live_server, live_world, page, artifacts):
    visit = Visit(artifacts, "sign-in-settings")
    visit.watch(page)
    page.set_default_timeout(20000)  # a loaded machine: wait for pages longer than the journeys' 5 s
    sign_in(page, live_server.url, "officer@example.org")
    page.goto(f"{live_server.url}/consortia/central-south/")
    page.get_by_role("link", name="Sign-in settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signing in with Google or Microsoft")
    expect(page.get_by_text("No domains yet")).to_be_visible()
    visit.check(page, "empty")
    page.get_by_label("Email domain").fill("not a domain")
    page.get_by_role("button", name="Add the domain").click()
    expect(page.get_by_text("Give the part of the address after the @")).to_be_visible()
    visit.check(page, "error")
    page.get_by_label("Sign in with").select_option("google")
    page.get_by_label("Email domain").fill("@Llanwern.Cymru")
    page.get_by_role("button", name="Add the domain").click()
    expect(page.get_by_role("status")).to_contain_text("llanwern.cymru addresses may now sign in with Google Workspace")
    expect(page.get_by_role("cell", name="llanwern.cymru", exact=True)).to_be_visible()
    visit.check(page, "added")
    page.set_viewport_size(PHONE)
    visit.check(page, "phone")
    page.get_by_role("link", name="Remove llanwern.cymru (Google Workspace)").click()
    visit.check(page, "remove")
    page.get_by_role("button", name="Remove the domain").click()
    expect(page.get_by_role("status")).to_contain_text("may no longer sign in")
    assert not SignInDomain.objects.exists()


def test_the_docs_page_and_the_sign_in_page_with_providers(live_server, live_world, page, artifacts):
    visit = Visit(artifacts, "api-docs")
    visit.watch(page)
    page.set_default_timeout(20000)  # a loaded machine: wait for pages longer than the journeys' 5 s
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The platform's API")
    expect(
        page.get_by_role("heading", name="GET /api/v1/library: Shared enquiries: the practice library")
    ).to_be_visible()
    visit.check(page, "docs")
    SocialApp.objects.create(provider="google", name="Google", client_id="id", secret="s")
    SocialApp.objects.create(provider="microsoft", name="Microsoft", client_id="id", secret="s")
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("link", name="Google")).to_be_visible()
    expect(page.get_by_role("link", name="Microsoft")).to_be_visible()
    visit.check(page, "login-with-providers")
