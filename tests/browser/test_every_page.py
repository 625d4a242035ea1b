"""Every page works on a phone-sized screen and passes axe.

One browser context per viewport. In it, the signed-out pages first; then one sign-in through the
form, as a person does, and every signed-in page as consortium staff, who may open almost all of
them; last, the two-step activation page, after giving the password again as allauth asks. On each
page: no axe violation, no console error, no sideways scrolling on a phone, and a full-page
screenshot in test-artifacts/page-<name>-<phone|desktop>.png. Problems are collected and reported
together, so one run shows every page's.
"""

import os
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from networks.importer import schools_import
from networks.models import SchoolImport
from networks.services import invitation_token
from tests.factories import PASSWORD, InvitationFactory
from tests.test_access_matrix import url_names

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
AXE = Axe()
IMPORT_CSV = (
    "URN,Establishment name,Town,Postcode\n"
    "401001,Ysgol Gynradd Llanwern,Newport,NP18 2AA\n"
    "409001,Ysgol Gymraeg Treganna,Cardiff,CF11 9DX\n"
    "not-a-urn,Bad Row Primary,Nowhere,\n"
)


@dataclass
class Row:
    name: str
    url_name: str
    args: callable = None
    query: str = ""

    def url(self, world):
        return reverse(self.url_name, args=self.args(world) if self.args else []) + self.query


SIGNED_OUT = [
    Row("login", "account_login"),
    Row("password-reset", "account_reset_password"),
    Row("invitation-accept", "networks:invitation_accept", lambda w: [w.token]),
]
NETWORK_A = lambda w: [w.network_a.slug]  # noqa: E731
CONSORTIUM = lambda w: [w.consortium.slug]  # noqa: E731
SIGNED_IN = [
    Row("home", "home"),
    Row("network-list", "networks:network_list"),
    Row("network-detail", "networks:network_detail", NETWORK_A),
    Row("network-edit", "networks:network_edit", NETWORK_A),
    Row("network-school-add", "networks:network_school_add", NETWORK_A, query="?q=Primary"),
    Row("network-school-remove", "networks:network_school_remove", lambda w: [w.network_a.slug, w.school_1.urn]),
    Row("network-invite", "networks:network_invite", NETWORK_A),
    Row("school-list", "networks:school_list"),
    Row("school-detail", "networks:school_detail", lambda w: [w.school_1.urn]),
    Row("school-invite", "networks:school_invite", lambda w: [w.school_1.urn]),
    Row("consortium-detail", "networks:consortium_detail", CONSORTIUM),
    Row("consortium-invite", "networks:consortium_invite", CONSORTIUM),
    Row("network-create", "networks:network_create", CONSORTIUM),
    Row("school-import-upload", "networks:school_import_upload", CONSORTIUM),
    Row("school-import-preview", "networks:school_import_preview", lambda w: [w.consortium.slug, w.school_import.pk]),
    Row("practice-area-list", "networks:practice_area_list", CONSORTIUM),
    Row("practice-area-edit", "networks:practice_area_edit", lambda w: [w.consortium.slug, w.area.pk]),
    Row("practice-area-remove", "networks:practice_area_remove", lambda w: [w.consortium.slug, w.area.pk]),
    Row("profile", "networks:profile"),
    Row("password-change", "account_change_password"),
    Row("email", "account_email"),
    Row("sign-out", "account_logout"),
    Row("reauthenticate", "account_reauthenticate"),
    Row("two-step", "mfa_index"),
]
# Turning on two-step sign-in asks for the password again first: checked last, after giving it.
TWO_STEP_ACTIVATE = Row("two-step-activate", "mfa_activate_totp")
# The platform's URLs that answer no GET with a page of their own.
NOT_PAGES = {"networks:invitation_withdraw"}
# Self-review, results and email-preference URLs whose views and templates are still being written
# (their views are stubs). Each needs a row above, or a place in NOT_PAGES, once it renders a page.
NOT_YET_CHECKED = {
    "networks:answer_save",
    "networks:email_preferences",
    "networks:email_preferences_by_link",
    "networks:maturity_record",
    "networks:response_edit",
    "networks:response_submit",
    "networks:review_settings",
    "networks:round_close",
    "networks:round_create",
    "networks:round_detail",
    "networks:round_extend",
    "networks:round_list",
    "networks:round_open",
    "networks:round_results",
    "networks:round_results_csv",
}


def test_every_platform_page_is_checked():
    """A page added to networks/urls.py without a row here fails, naming it."""
    platform = {name for name in url_names() if name.startswith("networks:")} | {"home"}
    checked = {row.url_name for row in [*SIGNED_OUT, *SIGNED_IN, TWO_STEP_ACTIVATE]}
    unchecked = sorted(platform - checked - NOT_PAGES - NOT_YET_CHECKED)
    assert not unchecked, f"Pages with no row in test_every_page: {unchecked}"
    gone = sorted(NOT_YET_CHECKED - platform)
    assert not gone, f"URLs in NOT_YET_CHECKED that no longer exist: {gone}"


@pytest.fixture
def page_world(transactional_db, world):
    """The shared world, committed for the live server, plus an invitation and an import to preview."""
    world.area = world.consortium.practice_areas.order_by("name").first()
    world.token = invitation_token(InvitationFactory(network=world.network_a))
    world.school_import = SchoolImport.objects.create(
        consortium=world.consortium,
        uploaded_by=world.people.consortium_staff,
        filename="gias-extract.csv",
        content=IMPORT_CSV,
        report=schools_import(consortium=world.consortium, text=IMPORT_CSV, dry_run=True).to_dict(),
    )
    return world


class Checker:
    """Opens pages in one browser page and writes down every problem it finds on each."""

    def __init__(self, page, base_url, viewport, artifacts):
        self.page = page
        self.base_url = base_url
        self.viewport = viewport
        self.artifacts = artifacts
        self.console = []
        self.problems = {}
        page.set_default_timeout(10_000)
        page.on("console", lambda msg: msg.type == "error" and self.console.append(msg.text))
        page.on("pageerror", lambda error: self.console.append(str(error)))

    def check(self, name, path):
        problems = []
        self.console.clear()
        try:
            self._check(name, path, problems)
        except PlaywrightError as error:
            problems.append(f"the browser gave up: {error}")
        problems += [f"console: {text}" for text in self.console]
        if problems:
            self.problems[f"{name} ({path})"] = problems

    def _check(self, name, path, problems):
        page = self.page
        response = page.goto(self.base_url + path)
        page.wait_for_load_state("load")
        if response is None or response.status != 200:
            problems.append(f"status {response and response.status} at {page.url}")
        if page.url != self.base_url + path:
            problems.append(f"ended at {page.url}")
        page.screenshot(path=os.path.join(self.artifacts, f"page-{name}-{self.viewport}.png"), full_page=True)
        results = AXE.run(page)
        if results.violations_count:
            problems.append(results.generate_report())
        if self.viewport == "phone":
            scroll_width, window_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll_width > window_width + 1:
                problems.append(
                    f"scrolls sideways: {scroll_width}px wide in a {window_width}px window; "
                    f"reaching past the edge: {page.evaluate(WIDEST_ELEMENTS)}"
                )


# The innermost elements that reach past the window's right edge, to say what to fix.
WIDEST_ELEMENTS = """() => {
  const over = [...document.querySelectorAll("body *")].filter(
    (el) => el.getBoundingClientRect().right > window.innerWidth + 1);
  return over.filter((el) => !over.some((other) => other !== el && el.contains(other)))
    .slice(0, 5).map((el) => el.outerHTML.slice(0, 120));
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page(viewport, live_server, page_world, browser, artifacts):
    context = browser.new_context(viewport=VIEWPORTS[viewport], reduced_motion="reduce")
    checker = Checker(context.new_page(), live_server.url, viewport, artifacts)

    for row in SIGNED_OUT:
        checker.check(row.name, row.url(page_world))

    # Signing in through the form, as a person does, not a forced login.
    tab = checker.page
    tab.goto(f"{live_server.url}{reverse('account_login')}")
    tab.locator("input[name=login]").fill(page_world.people.consortium_staff.email)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_url(f"{live_server.url}/")

    for row in SIGNED_IN:
        checker.check(row.name, row.url(page_world))

    # Turning on two-step sign-in first asks for the password again (allauth's reauthentication).
    activate = TWO_STEP_ACTIVATE.url(page_world)
    tab.goto(f"{live_server.url}{activate}")
    tab.wait_for_url(f"{live_server.url}{reverse('account_reauthenticate')}?*")
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_url(f"{live_server.url}{activate}")
    checker.check(TWO_STEP_ACTIVATE.name, activate)
    context.close()

    report = "\n\n".join(f"== {where}\n" + "\n".join(problems) for where, problems in checker.problems.items())
    assert not checker.problems, f"{len(checker.problems)} pages with problems at {viewport} size:\n\n{report}"
