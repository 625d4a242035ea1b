"""Journeys 4 and 5 at phone size: a teacher logs an enquiry and shares it with the network; a
teacher in another school of the network finds it in the practice library and comments.

Every page visited is checked with axe and saved as a full-page screenshot in test-artifacts/.
"""

import re

import pytest
from playwright.sync_api import expect

from enquiry.models import Comment, Enquiry, Evidence
from networks.models import Role
from tests.enquiry.conftest import ensure_reference_terms
from tests.enquiry.helpers import png_bytes
from tests.factories import MembershipFactory, UserFactory

from .helpers import sign_in
from .test_journey_foundation import PHONE, Visit

pytestmark = pytest.mark.browser

TITLE = "Oral rehearsal before writing"
QUESTION = "Does oral rehearsal before writing improve Year 5 boys' paragraphing?"


@pytest.fixture
def live_world(transactional_db, world, settings, tmp_path):
    """The shared world, committed, plus a teacher of school 2 in network A; files to a tmp folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    ensure_reference_terms()
    world.people.teacher_c = UserFactory(email="teacher.c@example.org", full_name="Nia Colleague")
    MembershipFactory(user=world.people.teacher_c, role=Role.SCHOOL_STAFF, school=world.school_2)
    MembershipFactory(user=world.people.teacher_c, role=Role.NETWORK_MEMBER, network=world.network_a)
    return world


def move_to(page, stage):
    """One tap on the stage strip's button: the enquiry moves on to the stage and says so."""
    page.get_by_role("button", name=f"Move to {stage}").click()
    expect(page.get_by_role("status")).to_have_text(f"Moved forward to “{stage}”.")


def test_teacher_logs_and_shares_an_enquiry_a_colleague_finds_it_and_comments(
    live_server, live_world, browser, settings, mailoutbox, artifacts
):
    settings.SITE_URL = live_server.url
    visit = Visit(artifacts, "enquiry")
    context = browser.new_context(viewport=PHONE, reduced_motion="reduce")
    page = visit.watch(context.new_page())

    # The teacher signs in on a phone and opens their enquiries.
    sign_in(page, live_server.url, "teacher.a@example.org")
    page.goto(f"{live_server.url}/enquiries/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My enquiries")
    visit.check(page, "my-enquiries-empty")

    # Starts an enquiry: the question, literacy and pupil learning; their one network is chosen already.
    page.get_by_role("link", name="Start an enquiry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start an enquiry")
    page.get_by_role("textbox", name=re.compile(r"^Title")).fill(TITLE)
    page.get_by_label("Enquiry question").fill(QUESTION)
    expect(page.get_by_label("Network", exact=True)).to_have_value(str(live_world.network_a.pk))
    page.get_by_label("Pupils involved").fill("Year 5 boys")
    page.get_by_label("Number of pupils").fill("14")
    page.get_by_label("Literacy").check()
    page.get_by_label("Pupil learning").check()
    visit.check(page, "start")
    page.get_by_role("button", name="Start the enquiry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_contain_text("Your enquiry is started. It is private")
    visit.check(page, "started")
    enquiry = Enquiry.objects.get()
    assert enquiry.network == live_world.network_a

    # Records a baseline measure at the first stage.
    page.locator("#stage-investigate").get_by_role("link", name="a measure").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a measure")
    page.get_by_label("What is measured").fill("Boys who paragraph correctly")
    page.get_by_label("Unit").fill("%")
    page.get_by_label("Baseline", exact=False).first.fill("38")
    page.get_by_label("Baseline date").fill("2026-10-12")
    visit.check(page, "measure")
    page.get_by_role("button", name="Add the measure").click()
    expect(page.get_by_role("status")).to_have_text("The measure is added.")
    expect(page.get_by_role("region", name="Measures")).to_contain_text(
        "Boys who paragraph correctly: 38% on 12 October 2026 → outcome not recorded yet"
    )

    # Moves to "plan", then "implement": one tap each on the stage strip, without a page load.
    page.wait_for_load_state("load")
    loads = visit.loads
    page.evaluate("window.sameDocument = true")
    move_to(page, "Plan")
    expect(page.locator(".cycle [aria-current=step]")).to_have_text("Now at Plan")
    move_to(page, "Implement changes")
    expect(page.get_by_role("region", name="History")).to_contain_text("On to “Plan”")
    expect(page.get_by_role("region", name="History")).to_contain_text("On to “Implement changes”")
    expect(page.get_by_role("button", name="Now at Implement changes")).to_be_focused()
    assert page.evaluate("window.sameDocument") is True
    assert visit.loads == loads
    visit.check(page, "implement")

    # Attaches a photo of the writing frame at the "implement" stage.
    page.locator("#stage-implement").get_by_role("link", name="a file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a file")
    page.get_by_label("File").set_input_files(
        {"name": "writing-frame.png", "mimeType": "image/png", "buffer": png_bytes(40, 30)}
    )
    page.get_by_label("Caption").fill("Our writing frame")
    visit.check(page, "file")
    page.get_by_role("button", name="Attach the file").click()
    expect(page.get_by_role("status")).to_have_text("The file is added.")
    image = page.locator("#stage-implement img.evidence-image")
    expect(image).to_have_attribute("alt", "Our writing frame")
    # The image comes through the permission-checked download view; wait for it under load.
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert page.evaluate("(img) => img.naturalWidth", image.element_handle()) == 40
    assert Evidence.objects.filter(kind="file", stage="implement", content_type="image/png").exists()

    # Invites a colleague from a partner school as a critical friend.
    page.get_by_role("link", name="Critical friends and co-enquirers").click()
    page.get_by_label("Their email address").fill("teacher.c@example.org")
    page.get_by_role("radio", name=re.compile("^Critical friend")).check()
    visit.check(page, "people")
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_role("status")).to_have_text("Nia Colleague is now a critical friend of this enquiry.")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.wait_for_load_state("load")

    # Moves on to "observe" with one tap, and records the outcome in place, on the same page.
    loads = visit.loads
    page.evaluate("window.sameDocument = true")
    move_to(page, "Observe")
    expect(page.locator(".cycle [aria-current=step]")).to_have_text("Now at Observe")
    expect(page.get_by_role("region", name="History")).to_contain_text("On to “Observe”")
    measures = page.get_by_role("region", name="Measures")
    measures.get_by_label("Outcome (%)").fill("61")
    measures.get_by_label("Date measured").fill("2026-09-01")
    measures.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_role("region", name="Measures")).to_contain_text("The outcome comes after the baseline")
    visit.check(page, "outcome-error")
    measures = page.get_by_role("region", name="Measures")
    measures.get_by_label("Date measured").fill("2026-12-01")
    measures.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_role("status")).to_contain_text("The outcome is recorded.")
    expect(page.get_by_role("region", name="Measures")).to_contain_text(
        "Boys who paragraph correctly: 38% on 12 October 2026 → 61% on 1 December 2026: up 23 points"
    )
    assert page.evaluate("window.sameDocument") is True
    assert visit.loads == loads
    visit.check(page, "observe")

    # Claims the impact, with the strength "data".
    page.get_by_role("link", name="Claim an impact").click()
    page.get_by_label("What changed").fill("23 points more boys paragraph correctly.")
    page.get_by_label("Data", exact=True).check()
    visit.check(page, "impact")
    page.get_by_role("button", name="Add the claim").click()
    expect(page.get_by_role("status")).to_have_text("Your impact claim is added.")

    # Shares it with the network.
    page.get_by_role("link", name="Share this enquiry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Who may see “{TITLE}”?")
    page.get_by_label(re.compile("My network: ")).check()
    visit.check(page, "share")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Shared with Valleys Writing Network.")
    visit.check(page, "shared")
    enquiry.refresh_from_db()
    assert enquiry.sharing == "network"
    assert enquiry.stage == "observe"
    assert list(enquiry.stage_changes.values_list("to_stage", flat=True)) == [
        "investigate",
        "plan",
        "implement",
        "observe",
    ]

    # A teacher of another school in the network finds it in the practice library.
    colleague_context = browser.new_context(viewport=PHONE, reduced_motion="reduce")
    colleague = visit.watch(colleague_context.new_page())
    sign_in(colleague, live_server.url, "teacher.c@example.org")
    colleague.goto(f"{live_server.url}/library/")
    expect(colleague.get_by_role("heading", level=1)).to_have_text("Practice library")
    colleague.get_by_role("searchbox", name="Search").fill("oral rehearsal writing")
    colleague.get_by_role("button", name="Search", exact=True).click()
    result = colleague.get_by_role("article", name=TITLE)
    expect(result).to_contain_text("From Ysgol Gynradd Llanwern (primary), Valleys Writing Network")
    expect(result).to_contain_text("Stage: Observe")
    expect(result).to_contain_text("Literacy")
    visit.check(colleague, "library")
    result.get_by_role("link", name=TITLE).click()
    expect(colleague.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(colleague.get_by_role("link", name="Edit")).to_have_count(0)
    visit.check(colleague, "colleague-reads")

    # ...and comments as a critical friend.
    colleague.get_by_role("radio", name="Question").check()
    colleague.get_by_label("Your comment").fill("How did you choose which boys rehearse first?")
    colleague.get_by_role("button", name="Add the comment").click()
    expect(colleague.get_by_role("status")).to_have_text("Your comment is added. The enquiry's owner will see it.")
    expect(colleague.get_by_role("article", name="Question from Nia Colleague")).to_contain_text("How did you choose")
    visit.check(colleague, "commented")
    assert Comment.objects.filter(enquiry=enquiry, author=live_world.people.teacher_c, kind="question").exists()

    # The owner is told by email, with the link to their email preferences.
    to_owner = [mail for mail in mailoutbox if mail.to == ["teacher.a@example.org"]]
    assert len(to_owner) == 1
    assert f"{live_server.url}/enquiries/{enquiry.pk}/" in to_owner[0].body
    assert f"{live_server.url}/emails/" in to_owner[0].body

    # The owner sees the new comment on their list, then marked new on the enquiry.
    page.goto(f"{live_server.url}/enquiries/")
    expect(page.get_by_text("1 new comment")).to_be_visible()
    visit.check(page, "owner-list")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator(".comment.is-new")).to_contain_text("How did you choose")
    visit.check(page, "owner-sees-comment")

    # The printable page.
    page.get_by_role("link", name="Printable page").click()
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    visit.check(page, "print")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    visit.check(page, "print-media")

    colleague_context.close()
    context.close()


def test_a_teacher_in_another_network_finds_the_enquiry_and_asks_to_visit_its_school(
    live_server, live_world, browser, artifacts
):
    """Journey 5 on a laptop: library search, the enquiry with its measures and strength, and a
    learning-visit request filled in from it, which the teacher's school lead then sees."""
    from datetime import date
    from decimal import Decimal

    from brokerage.models import SupportRequest
    from enquiry import services
    from tests.enquiry.helpers import make_enquiry

    w = live_world
    literacy = w.consortium.practice_areas.get(name="Literacy")
    enquiry = make_enquiry(
        w.people.teacher_a, w.school_1, w.network_a, title=TITLE, question=QUESTION, practice_areas=[literacy]
    )
    services.evidence_add(
        enquiry=enquiry,
        kind="measure",
        by=w.people.teacher_a,
        measure="Boys who paragraph correctly",
        unit="%",
        baseline_value=Decimal(38),
        baseline_on=date(2026, 10, 12),
        outcome_value=Decimal(61),
        outcome_on=date(2026, 12, 1),
    )
    services.impact_claim_add(enquiry=enquiry, by=w.people.teacher_a, area="pupils", claim="23 points.", strength=4)
    services.enquiry_share(enquiry=enquiry, sharing="consortium")

    visit = Visit(artifacts, "visit-request")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = visit.watch(context.new_page())
    sign_in(page, live_server.url, "teacher.b@example.org")  # school 3, network B
    loads = visit.loads
    page.goto(f"{live_server.url}/library/")
    page.get_by_role("searchbox", name="Search").fill("oral rehearsal writing")
    page.get_by_role("button", name="Search", exact=True).click()
    result = page.get_by_role("article", name=TITLE)
    expect(result).to_contain_text("Valleys Writing Network, Central South Consortium")
    expect(result).to_contain_text("Data")
    visit.check(page, "library")
    result.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("Ysgol Gynradd Llanwern · Valleys Writing Network")
    expect(page.get_by_role("region", name="Measures")).to_contain_text("up 23 points")
    visit.check(page, "enquiry")
    page.get_by_role("link", name="Ask to visit this school").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask the consortium for support")
    expect(page.locator("#visit-from")).to_contain_text("A learning visit to Ysgol Gynradd Llanwern")
    expect(page.get_by_label("Title")).to_have_value("Learning visit to Ysgol Gynradd Llanwern")
    expect(page.get_by_role("radio", name="Learning visit")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Literacy")).to_be_checked()
    visit.check(page, "request-form")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("status")).to_have_text(
        "Your request is with the consortium. You will see its proposals here."
    )
    expect(page.locator("main")).to_contain_text("Ysgol Gynradd Llanwern, after reading its enquiry")
    visit.check(page, "request")
    request = SupportRequest.objects.get()
    assert (request.school, request.host_school, request.enquiry) == (w.school_3, w.school_1, enquiry)
    assert request.raised_by == w.people.teacher_b
    assert list(request.practice_areas.all()) == [literacy]
    # Searching, reading and asking: five page loads and six actions (type, search, open, ask, send).
    assert visit.loads - loads == 5
    context.close()


VIEWPORTS = {"phone": PHONE, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def page_world(live_world):
    """One enquiry with something of every kind, shared with the network, and a public one."""
    from datetime import date
    from decimal import Decimal

    from enquiry import services
    from tests.enquiry.helpers import attach_file, make_enquiry

    w = live_world
    a = w.people.teacher_a
    literacy = w.consortium.practice_areas.get(name="Literacy")
    w.enquiry = make_enquiry(
        a,
        w.school_1,
        w.network_a,
        sharing="network",
        title=TITLE,
        question=QUESTION,
        why_it_matters="Boys' writing lags girls' by 20 points.",
        practice_areas=[literacy],
        current_provision="Few boys plan orally.",
    )
    services.evidence_add(
        enquiry=w.enquiry,
        kind="measure",
        by=a,
        measure="Boys who paragraph correctly",
        unit="%",
        baseline_value=Decimal(38),
        baseline_on=date(2026, 10, 12),
        outcome_value=Decimal(61),
        outcome_on=date(2026, 12, 1),
    )
    services.evidence_add(enquiry=w.enquiry, kind="note", by=a, note="Talk partners before writing.")
    services.evidence_add(
        enquiry=w.enquiry, kind="link", by=a, title="Research summary", url="https://example.org/oral-rehearsal"
    )
    w.file = attach_file(w.enquiry, a)
    w.claim = services.impact_claim_add(
        enquiry=w.enquiry, by=a, area="pupils", claim="23 points more boys paragraph correctly.", strength=4
    )
    w.friend = services.collaborator_invite(
        enquiry=w.enquiry, email=w.people.teacher_c.email, role="critical_friend", by=a
    )
    services.comment_add(enquiry=w.enquiry, author=w.people.teacher_c, kind="strength", text="A clear baseline.")
    services.enquiry_move_stage(enquiry=w.enquiry, to_stage="observe", by=a)
    w.public = make_enquiry(a, w.school_1, w.network_a, sharing="public", title="Pupil voice walks")
    return w


def every_page(w):
    """(who, name, path): every page of the enquiry app, as someone who may open it."""
    from django.urls import reverse

    e = w.enquiry.pk
    return [
        (None, "library-signed-out", reverse("enquiry:library") + "?q=pupil"),
        (None, "public-signed-out", reverse("enquiry:enquiry_detail", args=[w.public.pk])),
        ("teacher.a@example.org", "list", reverse("enquiry:enquiry_list")),
        ("teacher.a@example.org", "create", reverse("enquiry:enquiry_create")),
        ("teacher.a@example.org", "detail-owner", reverse("enquiry:enquiry_detail", args=[e])),
        ("teacher.a@example.org", "print", reverse("enquiry:enquiry_print", args=[e])),
        ("teacher.a@example.org", "edit", reverse("enquiry:enquiry_edit", args=[e])),
        ("teacher.a@example.org", "share", reverse("enquiry:enquiry_share", args=[e])),
        ("teacher.a@example.org", "people", reverse("enquiry:enquiry_people", args=[e])),
        ("teacher.a@example.org", "people-remove", reverse("enquiry:collaborator_remove", args=[e, w.friend.pk])),
        ("teacher.a@example.org", "delete", reverse("enquiry:enquiry_delete", args=[e])),
        ("teacher.a@example.org", "note-add", reverse("enquiry:evidence_add", args=[e, "note"])),
        ("teacher.a@example.org", "link-add", reverse("enquiry:evidence_add", args=[e, "link"])),
        ("teacher.a@example.org", "file-add", reverse("enquiry:evidence_add", args=[e, "file"])),
        ("teacher.a@example.org", "measure-add", reverse("enquiry:evidence_add", args=[e, "measure"])),
        ("teacher.a@example.org", "evidence-edit", reverse("enquiry:evidence_edit", args=[e, w.file.pk])),
        ("teacher.a@example.org", "evidence-delete", reverse("enquiry:evidence_delete", args=[e, w.file.pk])),
        ("teacher.a@example.org", "impact-add", reverse("enquiry:impact_add", args=[e])),
        ("teacher.a@example.org", "impact-delete", reverse("enquiry:impact_delete", args=[e, w.claim.pk])),
        ("teacher.a@example.org", "library", reverse("enquiry:library") + "?q=oral&area=literacy"),
        ("leader.a@example.org", "detail-reader", reverse("enquiry:enquiry_detail", args=[e])),
        ("leader.a@example.org", "network", reverse("enquiry:network_enquiries", args=[w.network_a.slug])),
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_enquiry_page(viewport, live_server, page_world, browser, artifacts):
    from tests.browser.test_every_page import AXE, WIDEST_ELEMENTS

    problems = {}
    contexts = {}
    for who, name, path in every_page(page_world):
        if who not in contexts:
            context = browser.new_context(viewport=VIEWPORTS[viewport], reduced_motion="reduce")
            tab = context.new_page()
            tab.set_default_timeout(10_000)
            errors = []
            tab.on("console", lambda msg, errors=errors: msg.type == "error" and errors.append(msg.text))
            tab.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            if who:
                sign_in(tab, live_server.url, who)
            contexts[who] = (context, tab, errors)
        _, tab, errors = contexts[who]
        errors.clear()
        found = []
        response = tab.goto(live_server.url + path)
        tab.wait_for_load_state("load")
        if response is None or response.status != 200:
            found.append(f"status {response and response.status}")
        tab.screenshot(path=f"{artifacts}/enquiry-page-{name}-{viewport}.png", full_page=True)
        results = AXE.run(tab)
        if results.violations_count:
            found.append(results.generate_report())
        if viewport == "phone":
            scroll, window = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > window + 1:
                found.append(f"scrolls sideways ({scroll}px): {tab.evaluate(WIDEST_ELEMENTS)}")
        found += [f"console: {text}" for text in errors]
        if found:
            problems[f"{name} ({path})"] = found
    for context, _, _ in contexts.values():
        context.close()
    report = "\n\n".join(f"== {where}\n" + "\n".join(found) for where, found in problems.items())
    assert not problems, f"{len(problems)} pages with problems at {viewport} size:\n\n{report}"
