from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from networks.models import Role
from reviews import services as review
from reviews.models import Answer, Feature, Framework, Question, ResponseGroup, ReviewResponse, RoundStatus
from reviews.reads import round_audience

from ..factories import MembershipFactory, leaders_round


@pytest.fixture
def framework(db):
    framework = Framework.objects.create(slug="test-framework", name="Test framework", source="Made in the test")
    for position, name in enumerate(["Purpose and focus", "Enquiry"], start=1):
        feature = Feature.objects.create(framework=framework, position=position, slug=name.lower(), name=name)
        for q in range(1, 3):
            Question.objects.create(feature=feature, position=q, text=f"{name} question {q}?")
    return framework


def open_round(world, framework, **kwargs):
    return leaders_round(world, framework, **kwargs)


def test_a_round_opening_today_opens_at_once(world, framework):
    round = open_round(world, framework)
    assert round.status == RoundStatus.OPEN
    assert round.opened_at


def test_a_round_opening_later_waits_as_a_draft_until_its_day(world, framework):
    today = timezone.localdate()
    round = leaders_round(world, framework, opens_in=3, closes_in=20)
    assert round.status == RoundStatus.DRAFT
    assert review.rounds_advance(today=today) == (0, 0)
    assert review.rounds_advance(today=today + timedelta(days=3)) == (1, 0)
    assert review.rounds_advance(today=today + timedelta(days=21)) == (0, 1)
    round.refresh_from_db()
    assert round.status == RoundStatus.CLOSED


def test_a_closing_date_before_the_opening_date_is_refused(world, framework):
    today = timezone.localdate()
    with pytest.raises(review.ReviewError, match="on or after the opening date"):
        review.round_create(
            network=world.network_a,
            framework=framework,
            opens_on=today,
            closes_on=today - timedelta(days=1),
            created_by=world.people.leader_a,
        )
    assert not world.network_a.review_rounds.exists()


def test_the_audience_is_the_networks_members_and_its_schools_staff(world, framework):
    round = open_round(world, framework)
    p = world.people
    assert set(round_audience(round)) == {p.teacher_a, p.school_lead, p.leader_a}


def test_the_audience_can_be_narrowed_to_schools_and_roles(world, framework):
    p = world.people
    colleague = MembershipFactory(school=world.school_2, role=Role.SCHOOL_STAFF).user
    by_school = open_round(world, framework, audience_schools=[world.school_2])
    assert set(round_audience(by_school)) == {colleague}
    by_role = open_round(world, framework, audience_roles=[Role.SCHOOL_LEAD])
    assert set(round_audience(by_role)) == {p.school_lead}


def test_schools_outside_the_network_cannot_be_chosen(world, framework):
    with pytest.raises(review.ReviewError):
        open_round(world, framework, audience_schools=[world.school_3])


def test_a_response_records_group_and_school_and_is_one_per_person(world, framework):
    round = open_round(world, framework)
    response = review.response_start(round=round, user=world.people.teacher_a)
    assert (response.group, response.school) == (ResponseGroup.STAFF, world.school_1)
    assert review.response_start(round=round, user=world.people.teacher_a) == response
    leader = review.response_start(round=round, user=world.people.leader_a)
    assert leader.group == ResponseGroup.LEADER
    with pytest.raises(IntegrityError):
        ReviewResponse.objects.create(round=round, user=world.people.teacher_a)


def test_heads_and_consortium_staff_answer_as_leaders(world, framework):
    """The leaders-versus-staff comparison counts school leads and consortium staff as leaders."""
    round = open_round(world, framework)
    head = review.response_start(round=round, user=world.people.school_lead)
    assert (head.group, head.school) == (ResponseGroup.LEADER, world.school_1)
    officer = world.people.consortium_staff
    MembershipFactory(user=officer, role=Role.NETWORK_MEMBER, network=world.network_a)
    assert review.response_start(round=round, user=officer).group == ResponseGroup.LEADER
    # A specialist who belongs to the network answers as staff.
    outsider = world.people.specialist
    MembershipFactory(user=outsider, role=Role.NETWORK_MEMBER, network=world.network_a)
    assert review.response_start(round=round, user=outsider).group == ResponseGroup.STAFF


def test_people_outside_the_audience_cannot_answer(world, framework):
    round = open_round(world, framework)
    with pytest.raises(review.ReviewError, match="not sent to you"):
        review.response_start(round=round, user=world.people.teacher_b)


def test_answers_are_saved_changed_and_submitted(world, framework):
    round = open_round(world, framework)
    response = review.response_start(round=round, user=world.people.teacher_a)
    questions = list(Question.objects.filter(feature__framework=framework))
    review.answer_save(response=response, question=questions[0], rating=2)
    review.answer_save(response=response, question=questions[0], rating=3, comment="  Evidence  ")
    answer = Answer.objects.get(response=response)
    assert (answer.rating, answer.comment) == (3, "Evidence")
    with pytest.raises(review.ReviewError, match="3 questions still to answer"):
        review.response_submit(response=response)
    for question in questions[1:]:
        review.answer_save(response=response, question=question, rating=0)  # don't know
    assert review.response_submit(response=response).submitted_at


def test_a_rating_outside_the_scale_is_refused(world, framework):
    round = open_round(world, framework)
    response = review.response_start(round=round, user=world.people.teacher_a)
    question = Question.objects.filter(feature__framework=framework).first()
    for rating in (5, -1, 7):
        with pytest.raises(review.ReviewError, match="Choose one of the ratings"):
            review.answer_save(response=response, question=question, rating=rating)
    assert not Answer.objects.exists()


def test_a_closed_round_takes_no_answers(world, framework):
    round = open_round(world, framework)
    response = review.response_start(round=round, user=world.people.teacher_a)
    question = Question.objects.filter(feature__framework=framework).first()
    review.round_close(round=round)
    with pytest.raises(review.ReviewError, match="closed"):
        review.answer_save(response=response, question=question, rating=2)
    round.refresh_from_db()
    with pytest.raises(review.ReviewError):
        review.response_start(round=round, user=world.people.school_lead)
    assert not Answer.objects.exists()


def test_extending_moves_the_closing_date_but_not_before_opening_or_after_close(world, framework):
    round = open_round(world, framework)
    later = round.closes_on + timedelta(days=7)
    assert review.round_extend(round=round, closes_on=later).closes_on == later
    with pytest.raises(review.ReviewError):
        review.round_extend(round=round, closes_on=round.opens_on - timedelta(days=1))
    review.round_close(round=round)
    with pytest.raises(review.ReviewError, match="has closed"):
        review.round_extend(round=round, closes_on=later + timedelta(days=1))
