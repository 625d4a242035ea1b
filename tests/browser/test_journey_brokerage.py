"""Journey 7, brokering support: a school lead asks for help; consortium staff see the ranked
candidates with their reasons and propose two; the school lead accepts one; staff agree the plan and
book the days (a clash elsewhere is refused, naming it); afterwards the school records the outcome.

Every page visited is checked with axe and saved as a full-page screenshot in test-artifacts/. A
second test opens every brokerage page at phone and desktop width: axe clean, no console error, no
sideways scrolling on a phone.
"""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from brokerage import services
from brokerage.digest_services import digest_token
from brokerage.matching import Candidate
from brokerage.models import (
    AvailabilityBlock,
    AvailabilityKind,
    Engagement,
    EngagementStatus,
    EvidenceStrength,
    PastEngagement,
    RequestStatus,
    Specialist,
    SupportRequest,
)
from tests.brokerage.helpers import area, entry, locate, next_weekday, time_passes

from .helpers import sign_in
from .test_every_page import Checker
from .test_journey_foundation import PHONE, Visit

pytestmark = pytest.mark.browser


def brokerage_world(world):
    """Schools on the map with practice in literacy, two specialists, one with an account."""
    locate(world.school_1, 310000, 190000, local_authority="Newport")
    locate(world.school_2, 311000, 200500, local_authority="Newport")
    locate(world.school_3, 321000, 187000, local_authority="Cardiff")
    literacy = area(world.consortium, "Literacy")
    entry(
        world.school_2,
        literacy,
        EvidenceStrength.DATA,
        title="Oral rehearsal before writing",
        summary="Year 6 boys rehearse orally before writing: paragraphing rose from 38% to 61%.",
        evidence="Baseline and end-of-term writing samples, marked blind.",
    )
    entry(world.school_3, literacy, EvidenceStrength.ANECDOTE, title="Writing journals")
    world.sian = services.specialist_save(
        specialist=Specialist(
            consortium=world.consortium,
            user=world.people.specialist,
            name="Siân Davies",
            organisation="Writing Matters",
            summary="Led extended writing across twelve primary schools.",
            day_rate=Decimal("450"),
            base_school=world.school_3,
        ),
        by=world.people.consortium_staff,
        practice_areas=[literacy],
        phases=["primary"],
        travel_areas=[],
    )
    world.alex = services.specialist_save(
        specialist=Specialist(consortium=world.consortium, name="Alex Adviser", day_rate=Decimal("850")),
        by=world.people.consortium_staff,
        practice_areas=[literacy],
        phases=["secondary"],
        travel_areas=[],
    )
    PastEngagement.objects.create(
        specialist=world.sian, client="Heol y Celyn Primary", practice_area=literacy, rating=5, evidence_strength=4
    )
    world.first_day = next_weekday(21)
    world.second_day = next_weekday(22) if next_weekday(22) != world.first_day else next_weekday(23)
    AvailabilityBlock.objects.create(
        specialist=world.sian,
        kind=AvailabilityKind.OFFERED,
        starts_on=world.first_day - timedelta(days=7),
        ends_on=world.first_day + timedelta(days=21),
    )
    world.literacy = literacy
    return world


@pytest.fixture
def live_world(transactional_db, world):
    return brokerage_world(world)


def test_a_school_lead_asks_staff_propose_the_school_accepts_and_the_outcome_is_recorded(
    live_server, live_world, browser, settings, artifacts
):
    settings.SITE_URL = live_server.url
    w = live_world
    visit = Visit(artifacts, "brokerage")
    base = live_server.url

    # The school lead asks for support.
    lead_context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    lead = visit.watch(lead_context.new_page())
    sign_in(lead, base, "lead@example.org")
    lead.goto(f"{base}{reverse('brokerage:request_list')}")
    expect(lead.get_by_role("heading", level=1)).to_have_text("Brokerage")
    visit.check(lead, "lead-brokerage")
    lead.get_by_role("link", name="Ask for support").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Ask the consortium for support")
    visit.check(lead, "request-form")
    lead.get_by_label("Specialist consultancy").check()
    lead.get_by_label("Title").fill("Year 6 writing")
    lead.get_by_label("Literacy", exact=True).check()
    lead.get_by_label("What is needed").fill("We want to see strong practice and get two days of specialist help.")
    lead.get_by_label("Why").fill("Boys' extended writing lags behind girls'.")
    lead.get_by_label("Preferred dates: from").fill(next_weekday(14).isoformat())
    lead.get_by_label("Preferred dates: to").fill(next_weekday(40).isoformat())
    lead.get_by_label("Days of support").fill("2")
    lead.get_by_label("Budget (GBP)").fill("-5")
    lead.get_by_role("button", name="Send the request").click()
    expect(lead.get_by_text("The budget cannot be below zero.")).to_be_visible()
    assert not SupportRequest.objects.exists()
    visit.check(lead, "request-form-error")
    lead.get_by_label("Budget (GBP)").fill("1500")
    lead.get_by_role("button", name="Send the request").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Year 6 writing")
    expect(lead.locator("#request-status")).to_have_text("Submitted")
    visit.check(lead, "request-submitted")
    support = SupportRequest.objects.get()

    # Consortium staff open it and see the ranked candidates, with their reasons.
    staff_context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    staff = visit.watch(staff_context.new_page())
    sign_in(staff, base, "officer@example.org")
    staff.goto(f"{base}{reverse('brokerage:request_list')}")
    expect(staff.get_by_role("heading", name="Your desk")).to_be_visible()
    visit.check(staff, "staff-desk")
    staff.get_by_role("link", name="Year 6 writing").click()
    staff.get_by_role("link", name="Find candidates").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Candidates for “Year 6 writing”")
    ranked = staff.get_by_role("list", name="Ranked candidates").locator(":scope > li")
    expect(ranked).to_have_count(4)
    expect(ranked.nth(0)).to_contain_text("Siân Davies")
    expect(ranked.nth(0)).to_contain_text("2 days at £450.00 = £900.00, within the £1,500.00 budget")
    expect(ranked.nth(0)).to_contain_text("Rated 5.0 out of 5 over 1 past engagement")
    expect(ranked.nth(1)).to_contain_text("Maes y Coed Primary")
    expect(ranked.nth(1)).to_contain_text("Evidence in Literacy: data-backed impact")
    expect(ranked.nth(1)).to_contain_text("11 km from Ysgol Gynradd Llanwern")
    expect(staff.get_by_text("Evidence in Literacy: an anecdote")).to_be_visible()
    expect(ranked.nth(3)).to_contain_text("Alex Adviser")
    expect(ranked.nth(3)).to_contain_text("over the £1,500.00 budget")
    visit.check(staff, "candidates")
    staff.get_by_label("Propose Siân Davies").check()
    staff.get_by_label("Propose Maes y Coed Primary").check()
    staff.get_by_label("Note for the requester (optional)").fill("Both have strong evidence in writing.")
    staff.get_by_role("button", name="Propose the chosen candidates").click()
    expect(staff.get_by_role("status")).to_have_text(
        "Proposed Siân Davies and Maes y Coed Primary. The requester is asked to accept or decline."
    )
    expect(staff.locator("#request-status")).to_have_text("Proposed")
    visit.check(staff, "proposed")

    # The school lead accepts the specialist.
    lead.reload()
    expect(lead.locator("#request-status")).to_have_text("Proposed")
    visit.check(lead, "proposals")
    lead.get_by_role("link", name="Accept or decline Siân Davies").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Siân Davies for “Year 6 writing”")
    visit.check(lead, "respond")
    lead.get_by_label("Accept").check()
    lead.get_by_role("button", name="Send my answer").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Siân Davies for Ysgol Gynradd Llanwern")
    expect(lead.locator("#engagement-status")).to_have_text("Planned")
    visit.check(lead, "engagement-planned")
    engagement = Engagement.objects.get(request=support)

    # Staff agree the plan and book the days.
    staff.goto(f"{base}{engagement.get_absolute_url()}")
    staff.get_by_role("link", name="Agree the plan and book").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Plan and book Siân Davies")
    visit.check(staff, "book")
    staff.get_by_label("Agreed objectives").fill("Plan two extended writing units with Year 6.")
    staff.get_by_label("Expected impact").fill("More Year 6 boys at the expected standard.")
    staff.get_by_label("Approach").fill("Meet the head; observe two lessons; feedback; an action plan.")
    staff.get_by_label("Day 1").fill(w.first_day.isoformat())
    staff.get_by_label("Day 2", exact=True).fill(w.second_day.isoformat())
    staff.get_by_role("button", name="Book").click()
    expect(staff.locator("#engagement-status")).to_have_text("Booked")
    expect(staff.locator("#engagement-cost")).to_contain_text("2 days at £450.00 = £900.00")
    visit.check(staff, "booked")

    # Booking Siân on one of those days for another school is refused, with the clash named.
    other = services.request_raise(
        by=w.people.consortium_staff,
        school=w.school_3,
        kind="specialist_consultancy",
        title="Writing at Heol y Celyn",
        need="Help with writing.",
        practice_areas=[w.literacy],
    )
    proposal = services.proposal_create(
        request=other, by=w.people.consortium_staff, candidates=[Candidate("specialist", w.sian, 50, {})]
    )[0]
    clash = services.proposal_accept(proposal=proposal, by=w.people.consortium_staff)
    staff.goto(f"{base}{reverse('brokerage:engagement_book', args=[clash.pk])}")
    staff.get_by_label("Agreed objectives").fill("Writing.")
    staff.get_by_label("Expected impact").fill("Better writing.")
    staff.get_by_label("Day 1").fill(w.second_day.isoformat())
    staff.get_by_role("button", name="Book").click()
    expect(staff.locator("#booking-errors")).to_have_text(
        re.compile(r"Siân Davies is already booked on \d+ \w+ \(engagement at Ysgol Gynradd Llanwern\)")
    )
    clash.refresh_from_db()
    assert clash.status == EngagementStatus.PLANNED
    visit.check(staff, "book-clash")

    # The specialist sees the engagement.
    specialist_context = browser.new_context(viewport=PHONE, reduced_motion="reduce")
    specialist_page = visit.watch(specialist_context.new_page())
    sign_in(specialist_page, base, "specialist@example.org")
    specialist_page.goto(f"{base}{engagement.get_absolute_url()}")
    expect(specialist_page.locator("#engagement-status")).to_have_text("Booked")
    visit.check(specialist_page, "specialist-engagement")

    # Afterwards, the school lead records what the school achieved.
    time_passes(engagement)
    lead.goto(f"{base}{engagement.get_absolute_url()}")
    lead.get_by_role("link", name="Record the outcome").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("What the school achieved")
    visit.check(lead, "outcome-form")
    lead.get_by_label("What the school achieved").fill(
        "Year 6 boys meeting the expected standard in writing rose from 48% to 66%."
    )
    lead.get_by_label("How strong is the evidence").select_option("4")
    lead.get_by_label("5", exact=True).check()
    lead.get_by_label("Feedback for the provider (optional)").fill("Practical and kind.")
    lead.get_by_role("button", name="Record the outcome").click()
    expect(lead.locator("#engagement-status")).to_have_text("Reviewed")
    expect(lead.locator("#engagement-outcome")).to_contain_text("48% to 66%")
    visit.check(lead, "reviewed")
    support.refresh_from_db()
    assert support.status == RequestStatus.REVIEWED
    assert [e.to_status for e in support.events.all()] == [
        "submitted",
        "proposed",
        "accepted",
        "booked",
        "completed",
        "reviewed",
    ]

    for context in (lead_context, staff_context, specialist_context):
        context.close()


# Every page --------------------------------------------------------------------------------------

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def page_world(world):
    """A request at each stage, so every page has something to show."""
    brokerage_world(world)
    people = world.people
    staff = people.consortium_staff
    world.support = services.request_raise(
        by=people.school_lead,
        school=world.school_1,
        kind="specialist_consultancy",
        title="Year 6 writing",
        need="Two days of specialist help.",
        practice_areas=[world.literacy],
        preferred_from=world.first_day - timedelta(days=5),
        preferred_to=world.first_day + timedelta(days=20),
        days=Decimal("2"),
        budget=Decimal("1000"),
    )
    candidates = [Candidate("specialist", world.sian, 80, {}), Candidate("school", world.school_2, 70, {})]
    world.proposal = services.proposal_create(request=world.support, by=staff, candidates=candidates)[0]
    booked = services.request_raise(
        by=people.school_lead,
        school=world.school_1,
        kind="learning_visit",
        title="A visit to see oral rehearsal",
        need="See it in Year 5.",
        practice_areas=[world.literacy],
    )
    visit_proposal = services.proposal_create(
        request=booked, by=staff, candidates=[Candidate("school", world.school_2, 75, {})]
    )[0]
    world.engagement = services.proposal_accept(proposal=visit_proposal, by=people.school_lead)
    services.engagement_book(
        engagement=world.engagement,
        dates=[world.first_day],
        by=staff,
        objectives="See oral rehearsal in Year 5.",
        expected_impact="Teachers try it in Year 6.",
    )
    world.block = world.sian.availability.first()
    world.entry = world.school_2.practice_entries.first()
    world.token = digest_token(people.teacher_a)
    return world


PAGES_AS_STAFF = [
    ("list", "brokerage:request_list", lambda w: []),
    ("request", "brokerage:request_detail", lambda w: [w.support.pk]),
    ("triage", "brokerage:request_triage", lambda w: [w.support.pk]),
    ("withdraw", "brokerage:request_withdraw", lambda w: [w.support.pk]),
    ("match", "brokerage:request_match", lambda w: [w.support.pk]),
    ("engagements", "brokerage:engagement_list", lambda w: []),
    ("engagement", "brokerage:engagement_detail", lambda w: [w.engagement.pk]),
    ("engagement-book", "brokerage:engagement_book", lambda w: [w.engagement.pk]),
    ("engagement-complete", "brokerage:engagement_complete", lambda w: [w.engagement.pk]),
    ("engagement-cancel", "brokerage:engagement_cancel", lambda w: [w.engagement.pk]),
    ("specialists", "brokerage:specialist_list", lambda w: [w.consortium.slug]),
    ("specialist-new", "brokerage:specialist_create", lambda w: [w.consortium.slug]),
    ("specialist", "brokerage:specialist_detail", lambda w: [w.sian.pk]),
    ("specialist-edit", "brokerage:specialist_edit", lambda w: [w.sian.pk]),
    ("availability", "brokerage:availability", lambda w: [w.sian.pk]),
    ("availability-remove", "brokerage:availability_remove", lambda w: [w.sian.pk, w.block.pk]),
    ("past-engagement", "brokerage:past_engagement_add", lambda w: [w.sian.pk]),
    ("practice", "brokerage:practice_list", lambda w: [w.consortium.slug]),
    ("practice-new", "brokerage:practice_create", lambda w: [w.consortium.slug]),
    ("practice-import", "brokerage:practice_import", lambda w: [w.consortium.slug]),
    ("practice-entry", "brokerage:practice_detail", lambda w: [w.entry.pk]),
    ("practice-edit", "brokerage:practice_edit", lambda w: [w.entry.pk]),
    ("practice-delete", "brokerage:practice_delete", lambda w: [w.entry.pk]),
    ("hosting", "brokerage:host_capacity", lambda w: [w.school_2.urn]),
    ("settings", "brokerage:desk_settings", lambda w: [w.consortium.slug]),
    ("exchange", "plc_platform:network_exchange", lambda w: [w.consortium.slug]),
    ("digest", "brokerage:digest_preferences", lambda w: []),
]
PAGES_AS_LEAD = [
    ("request-form", "brokerage:request_create", lambda w: []),
    ("respond", "brokerage:proposal_respond", lambda w: [w.proposal.pk]),
]
PAGES_SIGNED_OUT = [("digest-link", "brokerage:digest_by_link", lambda w: [w.token])]
# URLs with no page of their own, and why.
NOT_PAGES = {
    "brokerage:proposal_create": "POST only: the Propose button of the candidates page",
    "brokerage:specialist_me": "sends a specialist on to their profile",
    "brokerage:engagement_review": "shown in the journey once an engagement's days have passed",
}


def test_every_brokerage_page_is_checked():
    from tests.test_access_matrix import url_names

    ours = {name for name in url_names() if name.startswith("brokerage:")}
    checked = {name for _, name, _ in PAGES_AS_STAFF + PAGES_AS_LEAD + PAGES_SIGNED_OUT}
    assert sorted(ours - checked - NOT_PAGES.keys()) == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_brokerage_page(viewport, live_server, transactional_db, world, browser, artifacts):
    w = page_world(world)
    problems: dict[str, list[str]] = {}
    for who, pages in (
        ("officer@example.org", PAGES_AS_STAFF),
        ("lead@example.org", PAGES_AS_LEAD),
        (None, PAGES_SIGNED_OUT),
    ):
        context = browser.new_context(viewport=VIEWPORTS[viewport], reduced_motion="reduce")
        checker = Checker(context.new_page(), live_server.url, viewport, artifacts)
        if who:
            sign_in(checker.page, live_server.url, who)
        for name, url_name, args in pages:
            checker.check(f"brokerage-{name}", reverse(url_name, args=args(w)))
        problems.update(checker.problems)
        context.close()
    report = "\n\n".join(f"== {where}\n" + "\n".join(found) for where, found in problems.items())
    assert not problems, f"{len(problems)} pages with problems at {viewport} size:\n\n{report}"
