"""Journey 3: a leader opens a self-review, a teacher answers it on a phone, the leader reads the results.

The leader works at a desk (1280x900); the teacher on a 390x844 touch screen. The round uses the
real "Seven key features" framework (29 questions), loaded by data migration 0003. Two more people
of the teacher's school answer through review_services, so the school has the three respondents it
needs for a row of its own in the heat map. Every page visited is checked with axe and saved as a
full-page screenshot in test-artifacts/selfreview-NN-<name>.png; no page may log a console error.
"""

import csv
import importlib
import os
import re
from urllib.parse import parse_qs

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from playwright.sync_api import expect

from networks.models import Role
from reviews import services as review_services
from reviews.models import Answer, Framework, Question, Rating, ReviewResponse, ReviewRound, RoundStatus
from reviews.reads import CSV_HEADER, round_audience
from tests.browser.helpers import sign_in
from tests.browser.test_journey_foundation import Visit
from tests.factories import SEVEN_KEY_FEATURES, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
FRAMEWORK = "Seven key features of learning networks"
QUESTIONS = 29
FEATURES = list(SEVEN_KEY_FEATURES)
ENQUIRY = 4  # the fourth feature; the teacher writes a comment under its first question
COMMENT = "Two of us ran lesson study on questioning this term."
LABELS = {
    Rating.NOT_YET: "Not yet",
    Rating.EMERGING: "Emerging",
    Rating.DEVELOPING: "Developing",
    Rating.EMBEDDED: "Embedded",
    Rating.DONT_KNOW: "Don't know",
}
# The teacher's answers, question by question: two "Don't know" among them.
TEACHER = [3, 2, 3, 4, 2, 3, 2, 2, 0, 3, 3, 2, 1, 2, 3, 3, 2, 3, 2, 2, 0, 3, 2, 1, 2, 2, 3, 2, 1]
# The two others of her school, answering through the services.
OTHERS = {
    "school_lead": [4, 3, 3, 4, 3, 3, 3, 2, 3, 3, 4, 3, 2, 2, 3, 3, 3, 3, 2, 3, 2, 3, 3, 2, 2, 3, 3, 2, 2],
    "colleague": [2, 2, 3, 3, 2, 2, 1, 2, 2, 2, 3, 2, 1, 1, 2, 2, 0, 2, 1, 2, 1, 2, 2, 1, 1, 2, 2, 1, 1],
}


def load_real_frameworks():
    """The frameworks as data migration 0003 loads them (it updates or creates: safe to run again).

    A transactional test's flush removes data-migration rows, so after one has run they are gone.
    `django_db(serialized_rollback=True)` does not bring them back here: once Playwright's browser
    is running, the test sees another connection object than the one the database was serialized
    on, so Django finds nothing to restore. Loading them again is simple and uses the same data.
    """
    migration = importlib.import_module("networks.migrations.0003_frameworks")
    migration.load_frameworks(MigrationLoader(connection).project_state(("networks", "0003_frameworks")).apps, None)


@pytest.fixture
def journey_world(transactional_db, world):
    """The shared world, committed for the live server, with the real frameworks and a colleague
    of teacher_a at school 1."""
    load_real_frameworks()
    assert Question.objects.filter(feature__framework__slug="seven-key-features").count() == QUESTIONS
    world.people.colleague = UserFactory(email="colleague@example.org", full_name="Colleague A")
    MembershipFactory(user=world.people.colleague, school=world.school_1, role=Role.SCHOOL_STAFF)
    return world


def glance(page, artifacts, name):
    """What the phone's screen shows at that moment (the full-page shots are 12,000px tall)."""
    page.screenshot(path=os.path.join(artifacts, f"selfreview-phone-screen-{name}.png"))


def in_order(framework):
    return list(Question.objects.filter(feature__framework=framework).order_by("feature__position", "position"))


def answer_everything(round, person, ratings):
    """One person's whole response, given and submitted through the services."""
    response = review_services.response_start(round=round, user=person)
    for question, rating in zip(in_order(round.framework), ratings, strict=True):
        review_services.answer_save(response=response, question=question, rating=rating)
    return review_services.response_submit(response=response)


def expected_means(questions):
    """Each feature's mean of the three people's ratings, "don't know" left out, as the page rounds it."""
    given = {feature: [] for feature in FEATURES}
    for ratings in [TEACHER, *OTHERS.values()]:
        for question, rating in zip(questions, ratings, strict=True):
            if rating != Rating.DONT_KNOW:
                given[question.feature.name].append(rating)
    return [f"{sum(given[f]) / len(given[f]):.1f}" for f in FEATURES]


def test_leader_opens_a_round_teacher_answers_on_a_phone_leader_reads_the_heat_map(
    live_server, journey_world, browser, settings, artifacts
):
    settings.SITE_URL = live_server.url
    world, base = journey_world, live_server.url
    visit = Visit(artifacts, "selfreview")
    today = timezone.localdate()

    # The leader signs in at her desk and starts a self-review from the network's page.
    desk_context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    desk = visit.watch(desk_context.new_page())
    sign_in(desk, base, world.people.leader_a.email)
    desk.get_by_role("link", name="Valleys Writing Network").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Valleys Writing Network")
    visit.check(desk, "network")
    desk.get_by_role("link", name="Start a self-review").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Start a self-review")
    # The dates are filled in: opening today, closing in three weeks. Nobody is chosen: everyone is asked.
    expect(desk.get_by_label("Opens on")).to_have_value(today.isoformat())
    expect(desk.get_by_label("Closes on")).to_have_value((today + timezone.timedelta(days=21)).isoformat())
    for box in desk.locator("input[name=audience_schools], input[name=audience_roles]").all():
        expect(box).not_to_be_checked()
    visit.check(desk, "round-create")
    desk.get_by_label(FRAMEWORK).check()
    desk.get_by_role("button", name="Start the self-review").click()
    desk.wait_for_url(re.compile(r"/reviews/\d+/$"))

    round = ReviewRound.objects.get(network=world.network_a)
    assert round.framework == Framework.objects.get(slug="seven-key-features")
    assert round.status == RoundStatus.OPEN
    assert round.closes_on == today + timezone.timedelta(days=21)
    assert desk.url == f"{base}/reviews/{round.pk}/"
    expect(desk.get_by_role("heading", level=1)).to_contain_text(str(round))
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Open")
    expect(desk.get_by_role("status")).to_contain_text("The self-review is open until")
    asked = round_audience(round).count()
    progress_section = desk.get_by_role("region", name="Progress")
    expect(progress_section).to_contain_text(f"0 of {asked} submitted")
    visit.check(desk, "round-open")

    # The teacher, on her phone, signs in and finds the self-review waiting on her home page.
    phone_context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, reduced_motion="reduce")
    phone = visit.watch(phone_context.new_page())
    sign_in(phone, base, world.people.teacher_a.email)
    tasks = phone.get_by_role("region", name="Self-reviews to answer")
    expect(tasks).to_contain_text(str(round))
    expect(tasks).to_contain_text("Valleys Writing Network")
    visit.check(phone, "phone-home")
    tasks.get_by_role("link", name=f"Answer {round}").tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text(str(round))
    progress = phone.locator("#review-progress-label")
    expect(progress).to_have_text(f"0 of {QUESTIONS} answered")
    visit.check(phone, "phone-answer-start")
    glance(phone, artifacts, "top")

    questions = in_order(round.framework)
    assert len(questions) == len(TEACHER) == QUESTIONS
    enquiry = next(q for q in questions if q.feature.position == ENQUIRY)

    def tap(number):
        question = questions[number - 1]
        phone.locator(f"#q-{question.pk}").get_by_text(LABELS[TEACHER[number - 1]], exact=True).tap()
        expect(progress).to_have_text(f"{number} of {QUESTIONS} answered")  # saved: the server counted it

    # She answers down to the first question on Enquiry, and adds a comment to it.
    first_enquiry = questions.index(enquiry) + 1
    for number in range(1, first_enquiry + 1):
        tap(number)
    phone.locator(f"#q-{enquiry.pk} summary").tap()

    def sends_the_comment(response):
        # A pause in typing may send part of it first; this waits for the whole of it.
        posted = parse_qs(response.request.post_data or "")
        return f"/answer/{enquiry.pk}/" in response.url and posted.get(f"q{enquiry.pk}-comment") == [COMMENT]

    with phone.expect_response(sends_the_comment) as saved:
        phone.locator(f"#q{enquiry.pk}-comment").press_sequentially(COMMENT)  # saved once typing stops
    assert saved.value.ok
    expect(phone.locator(f"#q{enquiry.pk}-status")).to_contain_text("Saved")

    # Each answer was saved as she gave it: opening the page again finds them all, and the comment.
    phone.reload()
    expect(progress).to_have_text(f"{first_enquiry} of {QUESTIONS} answered")
    for number, question in enumerate(questions[:first_enquiry], start=1):
        expect(phone.locator(f"#q{question.pk}-r{TEACHER[number - 1]}")).to_be_checked()
    expect(phone.locator(f"#q{enquiry.pk}-comment")).to_have_value(COMMENT)
    expect(phone.locator(f"#q{questions[first_enquiry].pk}-r{TEACHER[first_enquiry]}")).not_to_be_checked()
    phone.locator(f"#q-{enquiry.pk}").scroll_into_view_if_needed()
    glance(phone, artifacts, "enquiry")

    # And the rest.
    for number in range(first_enquiry + 1, QUESTIONS + 1):
        tap(number)
    expect(phone.locator("#review-progress")).to_contain_text("All answered: submit at the end")
    visit.check(phone, "phone-answer-all")
    phone.get_by_role("button", name="Submit your answers").scroll_into_view_if_needed()
    glance(phone, artifacts, "submit")
    phone.get_by_role("button", name="Submit your answers").tap()
    expect(phone.get_by_role("heading", level=1)).to_contain_text(str(round))
    assert phone.url == f"{base}/reviews/{round.pk}/"
    expect(phone.get_by_role("status").filter(has_text="Thank you")).to_contain_text("Thank you: your answers are in.")
    expect(phone.get_by_role("region", name="Your answers")).to_contain_text("You submitted your answers on")
    visit.check(phone, "phone-thank-you")

    mine = ReviewResponse.objects.get(round=round, user=world.people.teacher_a)
    assert mine.submitted_at is not None
    assert mine.school == world.school_1
    saved = {a.question_id: a for a in mine.answers.all()}
    assert {q.pk: saved[q.pk].rating for q in questions} == {q.pk: r for q, r in zip(questions, TEACHER, strict=True)}
    assert sum(a.rating == Rating.DONT_KNOW for a in saved.values()) == 2
    assert saved[enquiry.pk].comment == COMMENT

    # Two others at her school answer (here, through the services), so the school has three.
    for who, ratings in OTHERS.items():
        answer_everything(round, getattr(world.people, who), ratings)
    assert Answer.objects.filter(response__round=round).count() == 3 * QUESTIONS

    # The leader sees three submitted, closes the round early, and reads the results.
    desk.reload()
    expect(progress_section).to_contain_text(f"3 of {asked} submitted")
    desk.get_by_role("link", name="Close now").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(f"Close {round} now?")
    expect(desk.get_by_role("main")).to_contain_text("3 people have submitted answers so far")
    visit.check(desk, "round-close")
    desk.get_by_role("button", name="Close the round").click()
    expect(desk.get_by_role("status")).to_have_text("The self-review is closed. Its results are ready.")
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Closed")
    round.refresh_from_db()
    assert round.status == RoundStatus.CLOSED
    visit.check(desk, "round-closed")

    desk.get_by_role("link", name="See the results").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(f"Results: {round}")
    expect(desk.locator("#respondents")).to_contain_text(f"3 people have answered, of {asked} asked")

    means = expected_means(questions)
    features = desk.locator("#features-table tbody tr")
    expect(features.locator("th")).to_have_text(FEATURES)
    expect(features.locator("td:nth-of-type(1)")).to_have_text(means)

    # All three are at the one school: a school row would repeat the network's, so a sentence says so.
    schools = desk.get_by_role("region", name="School by school")
    expect(schools).to_contain_text(
        "Everyone who answered is at Ysgol Gynradd Llanwern, so its figures are the whole network's above."
    )
    expect(desk.locator("#heatmap")).to_have_count(0)
    # The head answers as a leader: one leader and two staff are too few to compare.
    groups = desk.get_by_role("region", name="Leaders and staff")
    expect(groups).to_contain_text("the heads and PLC leads of its schools")
    expect(groups).to_contain_text("Too few leaders and staff answered to compare without identifying anyone.")
    expect(desk.get_by_role("region", name="Comments")).to_contain_text("Enquiry (1 comment)")
    visit.check(desk, "results")

    with desk.expect_download() as download:
        desk.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename == f"valleys-writing-self-review-{round.opens_on:%Y-%m-%d}.csv"
    path = os.path.join(artifacts, "selfreview-results.csv")
    download.value.save_as(path)
    with open(path, encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file))
    assert table[0] == CSV_HEADER
    assert [row[:4] for row in table[1:8]] == [["network", "Whole network", name, "3"] for name in FEATURES]
    assert not [row for row in table if row[0] == "school"]
    assert not visit.page_errors, visit.page_errors

    phone_context.close()
    desk_context.close()
