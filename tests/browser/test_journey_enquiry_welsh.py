"""Journey 4 in Welsh at phone size (issue 16), as tests/browser/test_journey_enquiry.py drives it in
English: a Welsh-speaking teacher signs in, starts an enquiry, records a baseline, moves it on
through the stages, attaches a photo, invites a critical friend, records the outcome, claims the
impact and shares it with the network; a Welsh-speaking colleague finds it in the practice library
and comments; the teacher sees the comment and opens the printable page.

On every page each heading and button is the Welsh of the catalogues (asserted against them), no
heading or button is left as an English msgid, and axe finds nothing. Each page's screenshot is in
test-artifacts/enquiry-cy-*.png. The practice area and the level of learning are ticked by their
Welsh names (reference data: the world fills the levels' Welsh as enquiry migration 0013 does)."""

import functools
import re

import pytest
from django.utils import translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from enquiry.models import Comment, Enquiry, Evidence
from networks.models import User
from tests.enquiry.helpers import png_bytes
from tests.factories import PASSWORD

from .test_journey_enquiry import live_world  # noqa: F401 (the fixture: journey 4's world, committed)
from .test_journey_foundation import PHONE, Visit

pytestmark = pytest.mark.browser

TITLE = "Ymarfer llafar cyn ysgrifennu"
QUESTION = "A yw ymarfer llafar yn gwella paragraffu bechgyn Blwyddyn 5?"
MEASURE = "Bechgyn sy'n paragraffu'n gywir"
# What a person reads as a heading or a button: headings, buttons, links styled as buttons, and
# their accessible names; with the forms' labels and the tables' headings. Not those marked as in
# another language (the switch to "English").
HEADINGS_AND_BUTTONS = (
    "h1, h2, h3, h4, h5, h6, button, [role=button], input[type=submit], a.btn, legend, label, th, caption, summary"
)
TEXTS = """els => els
    .filter(e => (e.closest("[lang]")?.lang || "cy").startsWith("cy"))
    .flatMap(e => [e.tagName === "INPUT" ? e.value : e.innerText, e.getAttribute("aria-label") || ""])"""
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def cy(msgid, context=None, same=False, **values):
    """The Welsh of a catalogue string; one with no Welsh fails here rather than passing unseen
    (`same` for a word Welsh spells as English does, such as "Data")."""
    with translation.override("cy"):
        text = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
        known = (f"{context}\x04{msgid}" if context else msgid) in translation.trans_real.catalog()._catalog
    assert known, f"{msgid!r} is in no catalogue"
    assert same or text != msgid, f"no Welsh for {msgid!r}"
    return text % values if values else text


@functools.cache
def english():
    """Every English msgid of the catalogues that has a different Welsh: the exact ones, and those
    with placeholders as patterns (only those with a few words of their own)."""
    with translation.override("cy"):
        catalogue = translation.trans_real.catalog()._catalog
    exact, patterns = set(), []
    for key, welsh in catalogue.items():
        msgid = (key[0] if isinstance(key, tuple) else key).split("\x04")[-1]
        if not msgid or msgid == welsh:
            continue
        if PLACEHOLDER.search(msgid):
            if len(re.findall(r"[A-Za-z]{3,}", PLACEHOLDER.sub("", msgid))) >= 2:
                patterns.append(".+".join(re.escape(part) for part in PLACEHOLDER.split(msgid)))
        else:
            exact.add(" ".join(msgid.split()))
    return exact, re.compile("|".join(f"(?:{p})" for p in patterns))


def english_left(page):
    exact, pattern = english()
    texts = {" ".join(t.split()) for t in page.locator(HEADINGS_AND_BUTTONS).evaluate_all(TEXTS)}
    return sorted(t for t in texts if t and (t in exact or pattern.fullmatch(t)))


def check(visit, page, name):
    """The page in Welsh: its language, no heading or button in English, axe clean, a screenshot."""
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    left = english_left(page)
    assert not left, f"English headings or buttons on {name} ({page.url}): {left}"
    visit.check(page, name)


def sign_in(page, base_url, email):
    page.goto(f"{base_url}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text(cy("Sign in"))
    page.get_by_label(cy("Email")).fill(email)
    page.get_by_label(cy("Password")).fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/")


@pytest.mark.usefixtures("live_world")
def test_a_welsh_speaking_teacher_logs_and_shares_an_enquiry_and_a_colleague_comments_in_welsh(
    live_server, world, browser, settings, artifacts
):
    settings.SITE_URL = live_server.url
    User.objects.filter(email__in=["teacher.a@example.org", "teacher.c@example.org"]).update(language="cy")
    network = world.network_a.name
    visit = Visit(artifacts, "enquiry-cy")
    context = browser.new_context(viewport=PHONE, reduced_motion="reduce", locale="cy-GB")
    page = visit.watch(context.new_page())

    # The sign-in page speaks Welsh to a Welsh browser, with the switch to English on a phone.
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("button", name="English")).to_be_visible()
    check(visit, page, "mewngofnodi")
    sign_in(page, live_server.url, "teacher.a@example.org")

    page.goto(f"{live_server.url}/enquiries/")
    expect(page.get_by_role("heading", level=1)).to_have_text(cy("My enquiries"))
    check(visit, page, "fy-ymholiadau")

    # Starts an enquiry.
    page.get_by_role("link", name=cy("Start an enquiry")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cy("Start an enquiry"))
    page.get_by_role("textbox", name=re.compile("^" + cy("Title"))).fill(TITLE)
    page.get_by_label(capfirst(cy("enquiry question"))).fill(QUESTION)
    expect(page.get_by_label(cy("Network"), exact=True)).to_have_value(str(world.network_a.pk))
    page.get_by_label(capfirst(cy("pupils involved"))).fill("Bechgyn Blwyddyn 5")
    page.get_by_label(capfirst(cy("number of pupils"))).fill("14")
    page.get_by_label("Llythrennedd").check()  # the practice area, in Welsh
    page.get_by_label("Dysgu disgyblion", exact=True).check()  # the level of learning, in Welsh
    check(visit, page, "dechrau-ymholiad")
    page.get_by_role("button", name=cy("Start the enquiry")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_contain_text(
        cy("Your enquiry is started. It is private: only you see it until you share it or invite someone.")
    )
    check(visit, page, "ymholiad")
    enquiry = Enquiry.objects.get()

    # Records a baseline measure.
    page.locator("#stage-investigate").get_by_role("link", name=cy("a measure")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cy("Add a measure"))
    page.get_by_label(capfirst(cy("what is measured"))).fill(MEASURE)
    page.get_by_label(cy("Unit"), exact=True).fill("%")
    page.get_by_label(cy("Baseline")).first.fill("38")
    page.get_by_label(capfirst(cy("baseline date"))).fill("2026-10-12")
    check(visit, page, "mesur")
    measure = cy("Measure").lower()
    page.get_by_role("button", name=cy("Add the %(label)s", label=measure)).click()
    expect(page.get_by_role("status")).to_have_text(cy("The %(kind)s is added.", kind=measure))
    baseline = cy("%(value)s on %(date)s", value="38%", date="12 Hydref 2026")
    expect(page.get_by_role("region", name=cy("Measures"))).to_contain_text(
        f"{MEASURE}: {baseline} → {cy('outcome not recorded yet')}"
    )

    # Moves to "plan", then "implement", on the stage strip.
    plan, implement, observe = cy("Plan"), cy("Implement changes"), cy("Observe")
    page.wait_for_load_state("load")
    page.get_by_role("button", name=f"{cy('Move to')} {plan}").click()
    expect(page.get_by_role("status")).to_have_text(cy("Moved forward to “%(stage)s”.", stage=plan))
    expect(page.locator(".cycle [aria-current=step]")).to_have_text(f"{cy('Now at')} {plan}")
    page.get_by_role("button", name=f"{cy('Move to')} {implement}").click()
    expect(page.get_by_role("status")).to_have_text(cy("Moved forward to “%(stage)s”.", stage=implement))
    history = page.get_by_role("region", name=cy("History"))
    expect(history).to_contain_text(cy("On to “%(to_stage)s”", to_stage=implement))
    check(visit, page, "gweithredu")

    # Attaches a photo of the writing frame.
    page.locator("#stage-implement").get_by_role("link", name=cy("a file")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cy("Add a file"))
    page.get_by_label(cy("File")).set_input_files(
        {"name": "ffram-ysgrifennu.png", "mimeType": "image/png", "buffer": png_bytes(40, 30)}
    )
    page.get_by_label(cy("Caption")).fill("Ein ffrâm ysgrifennu")
    check(visit, page, "ffeil")
    page.get_by_role("button", name=cy("Attach the file")).click()
    expect(page.get_by_role("status")).to_have_text(cy("The %(kind)s is added.", kind=cy("File").lower()))
    expect(page.locator("#stage-implement img.evidence-image")).to_have_attribute("alt", "Ein ffrâm ysgrifennu")
    assert Evidence.objects.filter(kind="file", stage="implement").exists()

    # Invites a colleague from a partner school as a critical friend.
    page.get_by_role("link", name=cy("Critical friends and co-enquirers")).click()
    page.get_by_label(cy("Their email address")).fill("teacher.c@example.org")
    page.get_by_role("radio", name=re.compile("^" + cy("Critical friend"))).check()
    check(visit, page, "pobl")
    page.get_by_role("button", name=cy("Invite"), exact=True).click()
    expect(page.get_by_role("status")).to_have_text(
        cy("%(user)s is now a critical friend of this enquiry.", user="Nia Colleague")
    )
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.wait_for_load_state("load")

    # Moves on to "observe" and records the outcome in place: a date before the baseline is refused.
    page.get_by_role("button", name=f"{cy('Move to')} {observe}").click()
    expect(page.get_by_role("status")).to_have_text(cy("Moved forward to “%(stage)s”.", stage=observe))
    measures = page.get_by_role("region", name=cy("Measures"))
    measures.get_by_label(cy("Outcome (%(unit)s)", unit="%")).fill("61")
    measures.get_by_label(cy("Date measured")).fill("2026-09-01")
    measures.get_by_role("button", name=cy("Record the outcome")).click()
    expect(measures).to_contain_text(cy("The outcome comes after the baseline: check the dates."))
    check(visit, page, "canlyniad-gwall")
    measures.get_by_label(cy("Date measured")).fill("2026-12-01")
    measures.get_by_role("button", name=cy("Record the outcome")).click()
    outcome = cy("%(value)s on %(date)s", value="61%", date="1 Rhagfyr 2026")
    change = cy("up %(size)s", size=f"23 {cy('points')}")
    expect(page.get_by_role("status")).to_have_text(
        cy(
            "The outcome is recorded. %(measure)s: %(summary)s.",
            measure=MEASURE,
            summary=f"{baseline} → {outcome}: {change}",
        )
    )
    expect(measures).to_contain_text(f"{MEASURE}: {baseline} → {outcome}: {change}")
    check(visit, page, "arsylwi")

    # Claims the impact, with the strength "data".
    page.get_by_role("link", name=cy("Claim an impact")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cy("Claim an impact"))
    page.get_by_label(cy("What changed")).fill("23 pwynt yn fwy o fechgyn yn paragraffu'n gywir.")
    page.get_by_label(cy("Data", same=True), exact=True).check()
    check(visit, page, "effaith")
    page.get_by_role("button", name=cy("Add the claim")).click()
    expect(page.get_by_role("status")).to_have_text(cy("Your impact claim is added."))

    # Shares it with the network.
    page.get_by_role("link", name=cy("Share this enquiry")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cy("Who may see “%(title)s”?", title=TITLE))
    page.get_by_label(cy("My network: the schools and members of %(network)s", network=network)).check()
    check(visit, page, "rhannu")
    page.get_by_role("button", name=cy("Save"), exact=True).click()
    expect(page.get_by_role("status")).to_have_text(re.compile(re.escape(network)))
    check(visit, page, "rhannwyd")
    enquiry.refresh_from_db()
    assert (enquiry.sharing, enquiry.stage) == ("network", "observe")

    # A Welsh-speaking teacher of another school in the network finds it in the practice library.
    colleague_context = browser.new_context(viewport=PHONE, reduced_motion="reduce", locale="cy-GB")
    colleague = visit.watch(colleague_context.new_page())
    sign_in(colleague, live_server.url, "teacher.c@example.org")
    colleague.goto(f"{live_server.url}/library/")
    expect(colleague.get_by_role("heading", level=1)).to_have_text(cy("Practice library"))
    colleague.get_by_role("searchbox", name=cy("Search")).fill("ymarfer llafar")
    colleague.get_by_role("button", name=cy("Search"), exact=True).click()
    result = colleague.get_by_role("article", name=TITLE)
    expect(result).to_contain_text(cy("Stage: %(stage)s", stage=observe))
    check(visit, colleague, "llyfrgell")
    result.get_by_role("link", name=TITLE).click()
    expect(colleague.get_by_role("heading", level=1)).to_have_text(TITLE)
    check(visit, colleague, "cydweithiwr-yn-darllen")

    # ...and comments as a critical friend.
    colleague.get_by_role("radio", name=cy("Question"), exact=True).check()
    colleague.get_by_label(cy("Your comment")).fill("Sut dewisoch chi pa fechgyn sy'n ymarfer gyntaf?")
    colleague.get_by_role("button", name=cy("Add the comment")).click()
    expect(colleague.get_by_role("status")).to_have_text(cy("Your comment is added. The enquiry's owner will see it."))
    check(visit, colleague, "sylw")
    assert Comment.objects.filter(enquiry=enquiry, kind="question").exists()

    # The teacher sees the new comment on their list, then on the enquiry, then the printable page.
    page.goto(f"{live_server.url}/enquiries/")
    with translation.override("cy"):
        one_new = translation.ngettext("%(new_comments)s new comment", "%(new_comments)s new comments", 1)
    expect(page.get_by_text(one_new % {"new_comments": 1})).to_be_visible()
    check(visit, page, "rhestr-perchennog")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator(".comment.is-new")).to_contain_text("Sut dewisoch chi")
    check(visit, page, "perchennog-yn-gweld-sylw")
    page.get_by_role("link", name=cy("Printable page")).click()
    expect(page.get_by_role("button", name=cy("Print"))).to_be_visible()
    check(visit, page, "argraffu")

    colleague_context.close()
    context.close()
