"""Self-review pages: rounds, answering (htmx and plain form), review settings, maturity stages."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from networks.models import NetworkSchool, Role
from reviews import services as review_services
from reviews.models import (
    Answer,
    Feature,
    Framework,
    Question,
    Rating,
    ReviewResponse,
    ReviewRound,
    RoundStatus,
    SchoolMaturity,
)
from reviews.reads import audience_by_round, round_audience, rounds_to_answer

from ..factories import SEVEN_KEY_FEATURES, MembershipFactory, SchoolFactory, UserFactory

TODAY = timezone.localdate


def days(n):
    return TODAY() + timezone.timedelta(days=n)


def make_framework(slug="test-key-features", features=("Purpose and focus", "Enquiry", "Accountability"), per=2):
    framework = Framework.objects.create(slug=slug, name=f"Framework {slug}", source="Test")
    for f, name in enumerate(features, start=1):
        feature = Feature.objects.create(
            framework=framework, position=f, slug=f"f{f}", name=name, description=f"About {name.lower()}."
        )
        for q in range(1, per + 1):
            Question.objects.create(feature=feature, position=q, text=f"{name}: statement {q}?")
    return framework


@pytest.fixture
def framework(db):
    return make_framework()


@pytest.fixture
def questions(framework):
    return list(Question.objects.filter(feature__framework=framework))


def open_round(world, framework, **kwargs):
    options = {"opens_on": TODAY(), "closes_on": days(21), **kwargs}
    return review_services.round_create(
        network=world.network_a, framework=framework, created_by=world.people.leader_a, **options
    )


@pytest.fixture
def round(world, framework):
    return open_round(world, framework)


def save_url(round, question):
    return reverse("reviews:answer_save", args=[round.pk, question.pk])


def htmx_answer(client, round, question, rating, comment=""):
    data = {f"q{question.pk}-rating": rating, f"q{question.pk}-comment": comment}
    return client.post(save_url(round, question), data, HTTP_HX_REQUEST="true")


def page_answers(questions, ratings, comments=None):
    """The whole answering page as a browser without JavaScript posts it."""
    data = {}
    for question, rating in zip(questions, ratings, strict=False):
        if rating is not None:
            data[f"q{question.pk}-rating"] = rating
        data[f"q{question.pk}-comment"] = (comments or {}).get(question.pk, "")
    return data


def checked(html, question, rating):
    return re.search(rf'id="q{question.pk}-r{rating}"[^>]*checked', html) is not None


# Rounds.


def test_leader_creates_a_round_for_chosen_schools_and_roles(world, framework, client):
    client.force_login(world.people.leader_a)
    url = reverse("reviews:round_create", args=[world.network_a.slug])
    form = client.get(url).context["form"]
    assert form["opens_on"].value() == TODAY()
    assert form["closes_on"].value() == days(21)
    response = client.post(
        url,
        {
            "framework": framework.pk,
            "title": "Autumn self-review",
            "opens_on": TODAY().isoformat(),
            "closes_on": days(21).isoformat(),
            "audience_schools": [world.school_1.pk],
            "audience_roles": [Role.SCHOOL_STAFF, Role.NETWORK_MEMBER],
        },
    )
    round = ReviewRound.objects.get(network=world.network_a)
    assert response.url == reverse("reviews:round_detail", args=[round.pk])
    assert round.status == RoundStatus.OPEN
    assert round.title == "Autumn self-review"
    assert list(round.audience_schools.all()) == [world.school_1]
    page = client.get(response.url).content.decode()
    assert "Ysgol Gynradd Llanwern" in page
    assert "School staff" in page
    assert "0</strong> of 1 submitted" in page


def test_a_closing_date_before_the_opening_date_is_refused(world, framework, client):
    client.force_login(world.people.leader_a)
    url = reverse("reviews:round_create", args=[world.network_a.slug])
    data = {"framework": framework.pk, "opens_on": days(10).isoformat(), "closes_on": days(3).isoformat()}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "must be on or after the opening date" in response.context["form"].errors["closes_on"][0]
    assert "must be on or after the opening date" in response.content.decode()
    response = client.post(url, {**data, "opens_on": days(-30).isoformat(), "closes_on": days(-1).isoformat()})
    assert "has passed already" in response.context["form"].errors["closes_on"][0]
    response = client.post(url, {**data, "closes_on": "not a date"})
    assert response.context["form"].errors["closes_on"]
    assert not ReviewRound.objects.exists()


def test_a_school_of_another_network_cannot_be_chosen(world, framework, client):
    client.force_login(world.people.consortium_staff)
    url = reverse("reviews:round_create", args=[world.network_a.slug])
    data = {
        "framework": framework.pk,
        "opens_on": TODAY().isoformat(),
        "closes_on": days(5).isoformat(),
        "audience_schools": [world.school_3.pk],
    }
    assert client.post(url, data).context["form"].errors["audience_schools"]
    assert not ReviewRound.objects.exists()


def test_leader_opens_a_planned_round_extends_it_and_closes_it_early(world, framework, client):
    round = open_round(world, framework, opens_on=days(7), closes_on=days(28))
    assert round.status == RoundStatus.DRAFT
    client.force_login(world.people.leader_a)
    detail = reverse("reviews:round_detail", args=[round.pk])
    assert "Open now" in client.get(detail).content.decode()

    assert client.post(reverse("reviews:round_open", args=[round.pk])).url == detail
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN
    assert round.opens_on == TODAY()

    extend = reverse("reviews:round_extend", args=[round.pk])
    response = client.post(extend, {"closes_on": days(20).isoformat()})
    assert "after the current closing date" in response.context["form"].errors["closes_on"][0]
    assert client.post(extend, {"closes_on": days(35).isoformat()}).url == detail
    round.refresh_from_db()
    assert round.closes_on == days(35)

    close = reverse("reviews:round_close", args=[round.pk])
    assert "Close the round" in client.get(close).content.decode()
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN  # asking first changes nothing
    assert client.post(close).url == detail
    round.refresh_from_db()
    assert round.status == RoundStatus.CLOSED
    assert client.get(extend).url == detail  # a closed round cannot be extended
    messages = [str(m) for m in client.get(detail).context["messages"]]
    assert any("start a new round" in m for m in messages)


def test_members_cannot_manage_a_round(world, round, client):
    client.force_login(world.people.teacher_a)
    for name in ("round_extend", "round_close"):
        assert client.get(reverse(f"reviews:{name}", args=[round.pk])).status_code == 404
    assert client.post(reverse("reviews:round_close", args=[round.pk])).status_code == 404
    assert client.get(reverse("reviews:round_create", args=[world.network_a.slug])).status_code == 404
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN


def test_round_list_shows_counts_and_what_each_person_may_do(world, round, questions, client):
    client.force_login(world.people.teacher_a)
    url = reverse("reviews:round_list", args=[world.network_a.slug])
    page = client.get(url).content.decode()
    audience = round_audience(round).count()
    assert f"0 of {audience} answered" in page
    assert reverse("reviews:response_edit", args=[round.pk]) in page
    assert ">Answer<" in page
    assert "Start a self-review" not in page
    client.force_login(world.people.leader_a)
    assert "Start a self-review" in client.get(url).content.decode()
    client.force_login(world.people.teacher_b)
    assert client.get(url).status_code == 404


# Answering.


def test_a_teacher_answers_one_at_a_time_leaves_and_finds_every_answer(world, round, questions, client):
    client.force_login(world.people.teacher_a)
    url = reverse("reviews:response_edit", args=[round.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "0</strong> of 6 answered" in page.content.decode()
    enquiry = questions[2]
    assert enquiry.feature.name == "Enquiry"

    reply = htmx_answer(client, round, questions[0], Rating.DEVELOPING)
    assert reply.status_code == 200
    body = reply.content.decode()
    assert "<html" not in body
    assert "Saved" in body
    assert 'id="review-progress"' in body
    assert 'data-hx-swap-oob="true"' in body
    assert "1</strong> of 6" in body
    assert reply["X-Review-Answer"] == "saved"
    htmx_answer(client, round, questions[1], Rating.DONT_KNOW)
    htmx_answer(client, round, enquiry, Rating.EMERGING, "  We started lesson study in spring.  ")
    htmx_answer(client, round, questions[0], Rating.EMBEDDED)  # changes her mind

    client.get(reverse("home"))  # leaves; comes back later
    html = client.get(url).content.decode()
    assert checked(html, questions[0], Rating.EMBEDDED)
    assert not checked(html, questions[0], Rating.DEVELOPING)
    assert checked(html, questions[1], Rating.DONT_KNOW)
    assert checked(html, enquiry, Rating.EMERGING)
    assert "We started lesson study in spring.</textarea>" in html
    assert "3</strong> of 6 answered" in html

    assert ReviewResponse.objects.filter(round=round, user=world.people.teacher_a).count() == 1
    answers = Answer.objects.filter(response__round=round)
    assert answers.count() == 3
    assert answers.get(question=enquiry).comment == "We started lesson study in spring."


def test_the_answering_page_is_accessible_markup(world, round, questions, client):
    client.force_login(world.people.teacher_a)
    html = client.get(reverse("reviews:response_edit", args=[round.pk])).content.decode()
    assert html.count("<fieldset") == 6
    assert html.count("<legend") == 6
    assert html.count('type="radio"') == 30
    assert "<progress" in html
    assert 'aria-labelledby="review-progress-label"' in html
    assert html.count('role="status"') >= 6  # each question's "Saved" is announced
    assert 'data-hx-trigger="change, keyup changed delay:800ms from:find textarea"' in html
    assert "style=" not in html
    assert "<script>" not in html


def test_submitting_with_questions_left_lists_them_then_succeeds(world, round, questions, client):
    client.force_login(world.people.teacher_a)
    submit = reverse("reviews:response_submit", args=[round.pk])
    client.get(reverse("reviews:response_edit", args=[round.pk]))
    # The page posts every answer given; the last two are not given.
    response = client.post(submit, page_answers(questions, [1, 2, 3, 4, None, None]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 questions still to answer" in page
    for question in questions[4:]:
        assert f'href="#q-{question.pk}"' in page
    assert f'href="#q-{questions[0].pk}"' not in page
    mine = ReviewResponse.objects.get(round=round, user=world.people.teacher_a)
    assert mine.submitted_at is None
    assert mine.answers.count() == 4  # what was given is kept

    response = client.post(submit, page_answers(questions, [1, 2, 3, 4, 0, 0]))
    assert response.url == reverse("reviews:round_detail", args=[round.pk])
    mine.refresh_from_db()
    assert mine.submitted_at is not None
    message = [str(m) for m in client.get(response.url).context["messages"]][0]
    assert message.startswith("Thank you: your answers are in.")
    assert f"until the round closes on {round.closes_on:%-d %B %Y}" in message
    # Still editable until the round closes; the submission stands.
    assert htmx_answer(client, round, questions[0], Rating.EMBEDDED).status_code == 200
    detail = client.get(response.url).content.decode()
    assert "Change your answers" in detail


def test_without_javascript_the_whole_page_saves(world, round, questions, client):
    client.force_login(world.people.teacher_a)
    url = reverse("reviews:response_edit", args=[round.pk])
    comments = {questions[2].pk: "Note under enquiry"}
    response = client.post(url, page_answers(questions, [1, None, 3, None, None, 0], comments))
    assert response.url == url
    answers = dict(Answer.objects.filter(response__round=round).values_list("question_id", "rating"))
    assert answers == {questions[0].pk: 1, questions[2].pk: 3, questions[5].pk: 0}
    # A plain post to one answer's address saves it and returns to the page at that question.
    response = client.post(save_url(round, questions[1]), {f"q{questions[1].pk}-rating": 4})
    assert response.url == f"{url}#q-{questions[1].pk}"
    assert Answer.objects.filter(response__round=round).count() == 4


@pytest.mark.parametrize("rating", ["7", "x", "-1", ""])
def test_a_rating_outside_the_scale_is_refused(world, round, questions, client, rating):
    client.force_login(world.people.teacher_a)
    response = htmx_answer(client, round, questions[0], rating)
    assert response.status_code == 400
    assert "Choose" in response.content.decode()
    assert "rating" in response.content.decode()
    if rating != "":
        assert "Choose one of the ratings" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_page_with_one_bad_rating_saves_nothing_and_keeps_what_was_posted(world, round, questions, client):
    client.force_login(world.people.teacher_a)
    url = reverse("reviews:response_edit", args=[round.pk])
    response = client.post(
        url, page_answers(questions, [1, 2, "7", None, None, None], {questions[3].pk: "Only a note"})
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved: 2 answers below need a change." in page
    assert "Choose one of the ratings" in page
    assert "your comment is saved with it" in page
    assert checked(page, questions[0], 1)
    assert checked(page, questions[1], 2)
    assert "Only a note</textarea>" in page
    assert not Answer.objects.exists()


def test_answers_after_the_round_closes_are_refused(world, round, questions, client):
    client.force_login(world.people.teacher_a)
    htmx_answer(client, round, questions[0], Rating.EMERGING)
    review_services.round_close(round=round)
    response = htmx_answer(client, round, questions[0], Rating.EMBEDDED)
    assert response.status_code == 400
    assert "has closed" in response.content.decode()
    assert Answer.objects.get().rating == Rating.EMERGING
    url = reverse("reviews:response_edit", args=[round.pk])
    page = client.get(url).content.decode()
    assert "has closed" in page
    assert "<fieldset" not in page
    assert 'type="radio"' not in page
    assert client.post(url, page_answers(questions, [4] * 6)).status_code == 400
    submit = client.post(reverse("reviews:response_submit", args=[round.pk]), page_answers(questions, [4] * 6))
    assert submit.status_code == 400
    assert Answer.objects.get().rating == Rating.EMERGING
    assert ReviewResponse.objects.get().submitted_at is None


def test_a_second_response_is_impossible(world, round, questions, client):
    client.force_login(world.people.teacher_a)
    url = reverse("reviews:response_edit", args=[round.pk])
    client.get(url)
    client.get(url)
    htmx_answer(client, round, questions[0], Rating.EMERGING)
    htmx_answer(client, round, questions[0], Rating.EMERGING)
    client.post(url, page_answers(questions, [2, 2, 2, 2, 2, 2]))
    client.post(url, page_answers(questions, [3, 3, 3, 3, 3, 3]))
    assert ReviewResponse.objects.filter(round=round, user=world.people.teacher_a).count() == 1
    assert Answer.objects.count() == 6
    assert set(Answer.objects.values_list("rating", flat=True)) == {3}


def test_people_the_round_does_not_ask_get_a_404(world, round, questions, client):
    for who in ("teacher_b", "consortium_staff", "specialist"):
        client.force_login(getattr(world.people, who))
        assert client.get(reverse("reviews:response_edit", args=[round.pk])).status_code == 404
        assert htmx_answer(client, round, questions[0], Rating.EMERGING).status_code == 404
    client.force_login(world.people.teacher_b)  # another network: not even the round
    assert client.get(reverse("reviews:round_detail", args=[round.pk])).status_code == 404
    client.force_login(world.people.consortium_staff)  # sees the round, is not asked
    detail = client.get(reverse("reviews:round_detail", args=[round.pk]))
    assert detail.status_code == 200
    assert "Answer the self-review" not in detail.content.decode()
    assert not ReviewResponse.objects.exists()
    assert not Answer.objects.exists()


def test_a_round_for_one_school_does_not_ask_another(world, framework, questions, client):
    round = open_round(world, framework, audience_schools=[world.school_2])
    client.force_login(world.people.teacher_a)  # school 1
    assert client.get(reverse("reviews:response_edit", args=[round.pk])).status_code == 404
    teacher_2 = UserFactory()
    MembershipFactory(user=teacher_2, school=world.school_2, role=Role.SCHOOL_STAFF)
    client.force_login(teacher_2)
    assert client.get(reverse("reviews:response_edit", args=[round.pk])).status_code == 200


def test_a_question_of_another_framework_is_a_404(world, round, client):
    other = make_framework(slug="test-characteristics", features=("Shared values",), per=1)
    client.force_login(world.people.teacher_a)
    question = Question.objects.get(feature__framework=other)
    assert htmx_answer(client, round, question, Rating.EMERGING).status_code == 404


def test_a_planned_round_cannot_be_answered_yet(world, framework, questions, client):
    round = open_round(world, framework, opens_on=days(3), closes_on=days(20))
    client.force_login(world.people.teacher_a)
    page = client.get(reverse("reviews:response_edit", args=[round.pk])).content.decode()
    assert "not open yet" in page
    assert "<fieldset" not in page
    assert htmx_answer(client, round, questions[0], Rating.EMERGING).status_code == 400
    assert not Answer.objects.exists()


# Audiences and tasks.


def test_audiences_worked_out_in_bulk_agree_with_the_service(world, framework):
    MembershipFactory(user=world.people.teacher_b, school=world.school_2, role=Role.SCHOOL_LEAD)
    MembershipFactory(network=world.network_a, role=Role.NETWORK_CO_LEADER)
    inactive = UserFactory(is_active=False)
    MembershipFactory(user=inactive, school=world.school_1, role=Role.SCHOOL_STAFF)
    rounds = [
        open_round(world, framework),
        open_round(world, framework, audience_schools=[world.school_1]),
        open_round(world, framework, audience_schools=[world.school_2], audience_roles=[Role.SCHOOL_LEAD]),
        open_round(world, framework, audience_roles=[Role.NETWORK_LEADER, Role.NETWORK_CO_LEADER]),
        open_round(world, framework, audience_schools=[world.school_1], audience_roles=[Role.NETWORK_MEMBER]),
    ]
    bulk = audience_by_round(rounds)
    for round in rounds:
        assert bulk[round.pk] == set(round_audience(round).values_list("pk", flat=True)), round
    assert world.people.teacher_a.pk in bulk[rounds[4].pk]  # a network member counted at her school


def test_rounds_to_answer_until_submitted(world, round, questions, client):
    teacher = world.people.teacher_a
    tasks = rounds_to_answer(teacher)
    assert [r.pk for r in tasks] == [round.pk]
    assert tasks[0].response is None
    assert tasks[0].total == 6
    assert rounds_to_answer(world.people.teacher_b) == []
    assert rounds_to_answer(world.people.consortium_staff) == []
    html = render_to_string("reviews/_home_tasks.html", {"review_tasks": tasks})
    assert "Self-reviews to answer" in html
    assert ">Answer<" in html
    response = review_services.response_start(round=round, user=teacher)
    for question in questions:
        review_services.answer_save(response=response, question=question, rating=Rating.EMERGING)
    assert rounds_to_answer(teacher, network=world.network_a)[0].answered == 6
    review_services.response_submit(response=response)
    assert rounds_to_answer(teacher) == []
    assert rounds_to_answer(teacher, network=world.network_b) == []


def test_network_page_template_shows_stages_and_the_answer_link(world, round):
    SchoolMaturity.objects.create(school=world.school_1, stage="developer", rationale="Enquiry in every year group.")
    network_schools = NetworkSchool.objects.filter(network=world.network_a).select_related("school")
    for ns in network_schools:
        ns.maturity_stage_label = "Developer" if ns.school == world.school_1 else None
        ns.maturity_on = TODAY()
    request = RequestFactory().get("/")
    request.user = world.people.teacher_a
    # The schools are a dashboard panel the page is given drawn (plc_platform.dashboard_cache).
    schools = render_to_string(
        "plc_platform/_dash_schools.html",
        {"network": world.network_a, "network_schools": network_schools, "can_manage_schools": False},
        request=request,
    )
    html = render_to_string(
        "plc_platform/network_detail.html",
        {
            "network": world.network_a,
            "dashboard": {"schools": mark_safe(schools)},  # noqa: S308 (drawn by the template above)
            "rounds_to_answer": rounds_to_answer(world.people.teacher_a, network=world.network_a),
            "can_manage_rounds": False,
        },
        request=request,
    )
    assert "Answer the self-review" in html
    assert "Start a self-review" not in html
    assert "<strong>Developer</strong>" in html
    assert "not recorded yet" in html
    assert reverse("reviews:round_list", args=[world.network_a.slug]) in html


# Settings and maturity stages.


def test_review_settings(world, client):
    client.force_login(world.people.leader_a)
    url = reverse("reviews:review_settings", args=[world.network_a.slug])
    assert 'value="7, 2"' in client.get(url).content.decode()
    assert client.post(url, {"reminder_days": "2, 10,7", "review_cadence": "term"}).status_code == 302
    world.network_a.refresh_from_db()
    assert world.network_a.reminder_days == [10, 7, 2]
    assert world.network_a.review_cadence == "term"
    for bad, message in [("7, x", "not a whole number"), ("0", "from 1 to 60"), ("61", "from 1 to 60")]:
        response = client.post(url, {"reminder_days": bad, "review_cadence": "year"})
        assert message in response.context["form"].errors["reminder_days"][0]
    assert client.post(url, {"reminder_days": "7", "review_cadence": "daily"}).context["form"].errors["review_cadence"]
    world.network_a.refresh_from_db()
    assert world.network_a.reminder_days == [10, 7, 2]
    assert world.network_a.review_cadence == "term"
    client.force_login(world.people.teacher_a)
    assert client.get(url).status_code == 404


def test_school_lead_records_the_maturity_stage(world, client):
    client.force_login(world.people.school_lead)
    url = reverse("reviews:maturity_record", args=[world.school_1.urn])
    assert client.get(url).context["form"]["recorded_on"].value() == TODAY()
    data = {
        "stage": "early_starter",
        "rationale": "Staff are starting to visit each other.",
        "recorded_on": "2024-09-01",
    }
    assert client.post(url, data).url == world.school_1.get_absolute_url()
    data = {"stage": "developer", "rationale": "Enquiry groups meet monthly.", "recorded_on": TODAY().isoformat()}
    client.post(url, data)
    records = list(SchoolMaturity.objects.filter(school=world.school_1))
    assert [r.stage for r in records] == ["developer", "early_starter"]  # newest first
    assert records[0].recorded_by == world.people.school_lead
    page = client.get(url).content.decode()
    assert page.index("Enquiry groups meet monthly.") < page.index("Staff are starting to visit each other.")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"stage": "mature", "rationale": "   "}, "rationale", "Say why you chose this stage"),
        ({"stage": "mature", "rationale": "Why", "recorded_on": days(1).isoformat()}, "recorded_on", "future"),
        ({"stage": "expert", "rationale": "Why"}, "stage", "Select a valid choice"),
        ({"rationale": "Why"}, "stage", "Choose the school's stage"),
    ],
)
def test_maturity_bad_input_saves_nothing(world, client, data, field, message):
    client.force_login(world.people.school_lead)
    url = reverse("reviews:maturity_record", args=[world.school_1.urn])
    response = client.post(url, {"recorded_on": TODAY().isoformat(), **data})
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not SchoolMaturity.objects.exists()


def test_only_the_school_lead_records_the_stage(world, client):
    for who in ("teacher_a", "leader_a", "consortium_staff"):
        client.force_login(getattr(world.people, who))
        assert client.get(reverse("reviews:maturity_record", args=[world.school_1.urn])).status_code == 404
    client.force_login(world.people.school_lead)
    assert client.get(reverse("reviews:maturity_record", args=[world.school_2.urn])).status_code == 404


# Query counts.


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(world, framework, rounds, responses):
    """Rounds of network A, each with responses (and answers) from new teachers of school 2."""
    question = Question.objects.filter(feature__framework=framework).first()
    made = []
    for _ in range(rounds):
        round = open_round(world, framework, audience_schools=[world.school_1, world.school_2])
        for _ in range(responses):
            teacher = UserFactory()
            MembershipFactory(user=teacher, school=world.school_2, role=Role.SCHOOL_STAFF)
            response = review_services.response_start(round=round, user=teacher)
            review_services.answer_save(response=response, question=question, rating=Rating.EMERGING)
        made.append(round)
    return made


@pytest.mark.parametrize("who", ["leader_a", "teacher_a"])
def test_round_list_query_count_does_not_grow(world, framework, client, who):
    client.force_login(getattr(world.people, who))
    url = reverse("reviews:round_list", args=[world.network_a.slug])
    _grow(world, framework, rounds=1, responses=1)
    with_one = _queries(client, url)
    _grow(world, framework, rounds=19, responses=3)
    SchoolFactory.create_batch(3, consortium=world.consortium)
    with_twenty = _queries(client, url)
    assert with_twenty == with_one, f"{with_one} queries with 1 round, {with_twenty} with 20"


@pytest.mark.parametrize("who", ["leader_a", "teacher_a"])
def test_round_detail_query_count_does_not_grow(world, framework, client, who):
    client.force_login(getattr(world.people, who))
    (round,) = _grow(world, framework, rounds=1, responses=1)
    url = reverse("reviews:round_detail", args=[round.pk])
    with_one = _queries(client, url)
    for _ in range(19):
        teacher = UserFactory()
        MembershipFactory(user=teacher, school=world.school_2, role=Role.SCHOOL_STAFF)
        review_services.response_start(round=round, user=teacher)
    with_twenty = _queries(client, url)
    assert with_twenty == with_one, f"{with_one} queries with 1 response, {with_twenty} with 20"


def test_answering_page_query_count_does_not_grow_with_questions(world, client):
    small = make_framework(slug="test-small", features=("One",), per=1)
    large = make_framework(slug="test-large", features=tuple(f"Feature {n}" for n in range(7)), per=5)
    client.force_login(world.people.teacher_a)
    counts = []
    for framework in (small, large):
        round = open_round(world, framework)
        url = reverse("reviews:response_edit", args=[round.pk])
        client.get(url)  # starts the response
        response = ReviewResponse.objects.get(round=round, user=world.people.teacher_a)
        for question in Question.objects.filter(feature__framework=framework):
            review_services.answer_save(response=response, question=question, rating=Rating.DEVELOPING)
        counts.append(_queries(client, url))
    assert counts[0] == counts[1], counts


def test_the_first_visit_to_an_open_round_is_pinned(world, framework, client):
    """The first visit starts the person's response: who the round asks is read once, and serves
    both the rule that lets them answer and the group and school their response records."""
    round = open_round(world, framework)
    client.force_login(world.people.teacher_a)
    client.get(reverse("reviews:round_detail", args=[round.pk]))  # what the process reads once, before counting
    assert not ReviewResponse.objects.filter(round=round).exists()
    assert _queries(client, reverse("reviews:response_edit", args=[round.pk])) == 18
    assert ReviewResponse.objects.filter(round=round, user=world.people.teacher_a).exists()


# In a real browser: journey 3's answering, on a phone, with the signal lost halfway.


@pytest.fixture
def live_round(transactional_db, world):
    framework = make_framework(slug="test-seven", features=SEVEN_KEY_FEATURES, per=4)
    Question.objects.filter(feature__framework=framework, feature__position__gt=5, position=4).delete()  # 26
    for feature in Feature.objects.filter(framework=framework):
        for question in feature.questions.all():
            question.text = (
                f"In {feature.name.lower()}, people across our schools notice and act on statement {question.position}."
            )
            question.save()
    return open_round(world, framework, title="Autumn self-review")


@pytest.mark.browser
def test_a_teacher_answers_on_a_phone_and_loses_signal_halfway(live_server, live_round, world, browser, artifacts):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    from ..factories import PASSWORD

    axe = Axe()
    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce", has_touch=True)
    page = context.new_page()
    page.set_default_timeout(5000)
    errors, offline = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # htmx logs a failed send as a console error: expected while the signal is gone, nowhere else.
    page.on("console", lambda msg: msg.type == "error" and not offline and errors.append(msg.text))

    def look(name, full_page=True):
        page.wait_for_load_state("load")
        page.screenshot(path=f"{artifacts}/review-{name}.png", full_page=full_page)
        results = axe.run(page)
        assert results.violations_count == 0, f"{name}: {results.generate_report()}"

    page.goto(f"{live_server.url}{reverse('account_login')}")
    page.locator("input[name=login]").fill(world.people.teacher_a.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{reverse('reviews:round_detail', args=[live_round.pk])}")
    look("round-detail-teacher")
    page.get_by_role("link", name="Answer the self-review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Autumn self-review")
    look("answer-top", full_page=False)
    questions = list(Question.objects.filter(feature__framework=live_round.framework))
    total = len(questions)
    progress = page.locator("#review-progress-label")

    def tap(question, label):
        page.locator(f"#q-{question.pk}").get_by_text(label, exact=True).tap()

    for n, question in enumerate(questions[:12], start=1):
        tap(question, ["Not yet", "Emerging", "Developing", "Embedded"][n % 4])
        expect(progress).to_have_text(f"{n} of {total} answered")
    expect(page.locator(f"#q{questions[11].pk}-status")).to_contain_text("Saved")

    # The signal goes; she answers two more and writes a note under Enquiry.
    context.set_offline(True)
    offline.append(True)
    enquiry = [q for q in questions if q.feature.name == "Enquiry"][1]  # questions[12] is the first
    tap(questions[12], "Developing")
    tap(enquiry, "Emerging")
    page.locator(f"#q-{enquiry.pk} summary").tap()
    page.locator(f"#q{enquiry.pk}-comment").fill("Two of us ran lesson study on questioning.")
    expect(page.locator(f"#q{questions[12].pk}-status")).to_contain_text("Not saved yet")
    expect(page.locator(f"#q{enquiry.pk}-status")).to_contain_text("Not saved yet")
    page.locator(f"#q-{enquiry.pk}").scroll_into_view_if_needed()
    look("answer-offline", full_page=False)
    assert Answer.objects.count() == 12

    # It comes back: what was kept is sent.
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator(f"#q{enquiry.pk}-status")).to_contain_text("Saved")
    expect(page.locator(f"#q{questions[12].pk}-status")).to_contain_text("Saved")
    expect(progress).to_have_text(f"14 of {total} answered")
    offline.clear()
    assert Answer.objects.get(question=enquiry).comment == "Two of us ran lesson study on questioning."

    # Later, she opens the page again and finds every answer there.
    page.reload()
    expect(progress).to_have_text(f"14 of {total} answered")
    expect(page.locator(f"#q{enquiry.pk}-r{Rating.EMERGING}")).to_be_checked()
    expect(page.locator(f"#q{enquiry.pk}-comment")).to_have_value("Two of us ran lesson study on questioning.")
    rest = [q for q in questions if not Answer.objects.filter(question=q).exists()]
    for question in rest[:2]:
        tap(question, "Don't know")
    for question in rest[2:-1]:
        tap(question, "Embedded")
    expect(progress).to_have_text(f"{total - 1} of {total} answered")

    # Submitting with one left says which, and links to it; the keyboard answers it.
    page.get_by_role("button", name="Submit your answers").tap()
    expect(page.get_by_role("alert")).to_contain_text("1 question still to answer")
    look("answer-missing", full_page=False)
    page.get_by_role("alert").get_by_role("link").click()
    page.locator(f"#q{rest[-1].pk}-r{Rating.NOT_YET}").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator(f"#q{rest[-1].pk}-r{Rating.EMERGING}")).to_be_checked()
    expect(progress).to_have_text(f"{total} of {total} answered")
    page.get_by_role("button", name="Submit your answers").tap()
    expect(page.get_by_role("status").first).to_contain_text("Thank you: your answers are in.")
    look("round-detail-submitted")
    assert ReviewResponse.objects.get().submitted_at is not None
    assert Answer.objects.count() == total
    assert set(Answer.objects.filter(rating=Rating.DONT_KNOW).values_list("question", flat=True)) == {
        q.pk for q in rest[:2]
    }
    assert not errors, errors


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}])
def test_the_other_self_review_pages_pass_axe_without_sideways_scrolling(
    live_server, live_round, world, browser, artifacts, viewport
):
    from axe_playwright_python.sync_playwright import Axe

    from ..factories import PASSWORD

    SchoolMaturity.objects.create(school=world.school_1, stage="early_starter", rationale="A first enquiry group.")
    axe, size = Axe(), "phone" if viewport["width"] < 500 else "desktop"
    context = browser.new_context(viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(5000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))

    def sign_in(person):
        context.clear_cookies()
        page.goto(f"{live_server.url}{reverse('account_login')}")
        page.locator("input[name=login]").fill(person.email)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/")

    def look(name, url):
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, (name, response.status)
        page.screenshot(path=f"{artifacts}/review-{name}-{size}.png", full_page=True)
        results = axe.run(page)
        assert results.violations_count == 0, f"{name}: {results.generate_report()}"
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] + 1, f"{name} scrolls sideways: {width}"

    sign_in(world.people.leader_a)
    slug, pk = world.network_a.slug, live_round.pk
    look("round-list", reverse("reviews:round_list", args=[slug]))
    look("round-create", reverse("reviews:round_create", args=[slug]))
    page.locator("#id_opens_on").fill(days(9).isoformat())
    page.locator("#id_closes_on").fill(days(2).isoformat())
    page.get_by_role("button", name="Start the self-review").click()
    page.wait_for_load_state("load")
    assert "must be on or after the opening date" in page.content()
    assert axe.run(page).violations_count == 0
    page.screenshot(path=f"{artifacts}/review-round-create-error-{size}.png", full_page=True)
    look("round-detail-leader", reverse("reviews:round_detail", args=[pk]))
    look("round-extend", reverse("reviews:round_extend", args=[pk]))
    look("round-close", reverse("reviews:round_close", args=[pk]))
    look("review-settings", reverse("reviews:review_settings", args=[slug]))
    look("answer-leader", reverse("reviews:response_edit", args=[pk]))
    sign_in(world.people.school_lead)
    look("maturity-record", reverse("reviews:maturity_record", args=[world.school_1.urn]))
    look("school-detail", reverse("school_detail", args=[world.school_1.urn]))
    assert not errors, errors
