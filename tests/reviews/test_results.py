"""Self-review results: who may see them, what they show, and that no one's answers show through."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from reviews.models import Answer, Feature, Framework, Question, ResponseGroup, ReviewResponse, ReviewRound, RoundStatus
from reviews.reads import OTHER_SCHOOLS, Counts, compute, fold_schools

from ..factories import NetworkSchoolFactory, SchoolFactory, UserFactory

FEATURES = ("Purpose and focus", "Collaboration", "Accountability")


def make_framework(features=FEATURES, questions=2, slug="test-framework"):
    framework = Framework.objects.create(slug=slug, name="Seven key features", source="Written for the tests.")
    for position, name in enumerate(features, 1):
        feature = Feature.objects.create(framework=framework, position=position, slug=slugify(name), name=name)
        for q in range(1, questions + 1):
            Question.objects.create(feature=feature, position=q, text=f"{name}: question {q}")
    return framework


def make_round(network, framework, status=RoundStatus.CLOSED, opens_on=date(2025, 1, 6), closes_on=date(2025, 1, 27)):
    return ReviewRound.objects.create(
        network=network, framework=framework, status=status, opens_on=opens_on, closes_on=closes_on
    )


def respond(round, ratings, *, school=None, group=ResponseGroup.STAFF, comments=None, submitted=True, user=None):
    """One person's submitted answers. `ratings`: one rating for every question, a {feature name:
    rating} dict, or a {feature name: [rating per question]} dict. `comments`: {feature name: text}."""
    user = user or UserFactory(verified=False)
    response = ReviewResponse.objects.create(
        round=round, user=user, school=school, group=group, submitted_at=timezone.now() if submitted else None
    )
    answers = []
    comments = dict(comments or {})
    for question in Question.objects.filter(feature__framework=round.framework_id).select_related("feature"):
        name = question.feature.name
        rating = ratings if isinstance(ratings, int) else ratings[name]
        if isinstance(rating, list | tuple):
            rating = rating[question.position - 1]
        answers.append(Answer(response=response, question=question, rating=rating, comment=comments.pop(name, "")))
    Answer.objects.bulk_create(answers)
    return user


def results_url(round):
    return reverse("reviews:round_results", args=[round.pk])


def csv_url(round):
    return reverse("reviews:round_results_csv", args=[round.pk])


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def framework(db):
    return make_framework()


# --- Who may see them --------------------------------------------------------------------------


def test_another_networks_results_are_a_404(world, client, framework):
    round = make_round(world.network_b, framework, status=RoundStatus.CLOSED)
    for who in ("leader_a", "teacher_a", "school_lead"):
        client.force_login(getattr(world.people, who))
        assert client.get(results_url(round)).status_code == 404
        assert client.get(csv_url(round)).status_code == 404
    assert client.get(reverse("reviews:round_results", args=[999999])).status_code == 404


def test_a_member_sees_the_results_only_once_the_round_closes(world, client, framework):
    round = make_round(world.network_a, framework, status=RoundStatus.OPEN)
    for _ in range(3):
        respond(round, 3)
    client.force_login(world.people.teacher_a)
    assert client.get(results_url(round)).status_code == 404
    assert client.get(csv_url(round)).status_code == 404
    round.status = RoundStatus.CLOSED
    round.save()
    assert client.get(results_url(round)).status_code == 200
    assert client.get(csv_url(round)).status_code == 200


@pytest.mark.parametrize("who", ["leader_a", "consortium_staff", "superuser"])
def test_while_the_round_is_open_leaders_see_only_how_many_have_answered(world, client, framework, who):
    """Figures that moved with each submission would show what the last person to submit said."""
    round = make_round(world.network_a, framework, status=RoundStatus.OPEN)
    for rating in (1, 4, 4):
        respond(round, rating, school=world.school_1)
    client.force_login(getattr(world.people, who))
    response = client.get(results_url(round))
    page = response.content.decode()
    assert response.status_code == 200
    assert "This round is open until" in page
    assert "3 of" in page
    assert "features-table" not in page
    assert "heatmap" not in page
    assert "3.0" not in page
    assert client.get(csv_url(round)).status_code == 404
    round.status = RoundStatus.CLOSED
    round.save()
    assert "features-table" in client.get(results_url(round)).content.decode()
    assert client.get(csv_url(round)).status_code == 200


@pytest.mark.parametrize("who", ["teacher_b", "specialist"])
def test_people_outside_the_network_get_a_404_even_when_it_has_closed(world, client, framework, who):
    round = make_round(world.network_a, framework, status=RoundStatus.CLOSED)
    client.force_login(getattr(world.people, who))
    assert client.get(results_url(round)).status_code == 404
    assert client.get(csv_url(round)).status_code == 404


def test_results_only_answer_get(world, client, framework):
    round = make_round(world.network_a, framework, status=RoundStatus.OPEN)
    client.force_login(world.people.leader_a)
    assert client.post(results_url(round)).status_code == 405
    assert client.post(csv_url(round)).status_code == 405


# --- What they show ----------------------------------------------------------------------------


def test_with_fewer_than_three_respondents_there_are_no_figures(world, client, framework):
    round = make_round(world.network_a, framework)
    respond(round, 1, school=world.school_1)
    respond(round, 4, school=world.school_1)
    respond(round, 2, school=world.school_1, submitted=False)  # not submitted: does not count
    client.force_login(world.people.leader_a)
    page = client.get(results_url(round)).content.decode()
    assert "Results appear once at least three people have answered." in page
    assert "features-table" not in page
    assert "heatmap" not in page
    rows = read_csv(client.get(csv_url(round)))
    assert len(rows) == 1
    assert rows[0]["section"] == "note"
    assert all(not rows[0][column] for column in ("feature", "respondents", "mean", "not_yet", "embedded"))


def test_csv_has_the_exact_figures(world, client, framework):
    previous = make_round(
        world.network_a,
        framework,
        status=RoundStatus.CLOSED,
        opens_on=date(2024, 9, 9),
        closes_on=date(2024, 9, 30),
    )
    for rating in (2, 2, 2):
        respond(previous, rating)
    round = make_round(world.network_a, framework, status=RoundStatus.CLOSED)
    # Purpose: [1, 2], [3, 4], [0, 4] -> ratings 1,2,3,4,4 (mean 2.8), one don't know in six answers.
    # Collaboration: all 3 -> 3.00, up 1.00 from 2.00. Accountability: 2, 2, don't know twice.
    respond(round, {"Purpose and focus": [1, 2], "Collaboration": 3, "Accountability": 2}, school=world.school_1)
    respond(round, {"Purpose and focus": [3, 4], "Collaboration": 3, "Accountability": 2}, school=world.school_1)
    respond(round, {"Purpose and focus": [0, 4], "Collaboration": 3, "Accountability": 0}, school=world.school_1)
    client.force_login(world.people.leader_a)
    response = client.get(csv_url(round))
    assert response["Content-Disposition"] == 'attachment; filename="valleys-writing-self-review-2025-01-06.csv"'
    rows = read_csv(response)
    # Purpose's row, its columns in the CSV's order.
    purpose = {
        "section": "network",
        "group": "Whole network",
        "feature": "Purpose and focus",
        "respondents": "3",
        "mean": "2.80",
        "not_yet": "1",
        "emerging": "1",
        "developing": "1",
        "embedded": "2",
        "dont_know_share": "16.7",
        "previous_mean": "2.00",
        "change": "+0.80",
    }
    assert list(rows[0]) == list(purpose)
    network = {row["feature"]: row for row in rows if row["section"] == "network"}
    assert network["Purpose and focus"] == purpose
    assert (network["Collaboration"]["mean"], network["Collaboration"]["change"]) == ("3.00", "+1.00")
    assert network["Accountability"]["mean"] == "2.00"
    assert network["Accountability"]["dont_know_share"] == "33.3"
    assert network["Accountability"]["change"] == "+0.00"
    # All three are at one school: a school row would only repeat the network's.
    assert not [row for row in rows if row["section"] == "school"]
    # Three staff and no leaders: no comparison between the groups.
    assert not [row for row in rows if row["section"] == "group"]


def test_the_page_shows_the_journeys_findings(world, client):
    """Journey 3: the weakest features, leaders rating one far higher, a school that differs,
    and a feature that has risen since last term."""
    features = ("Purpose and focus", "Relationships", "Collaboration", "Accountability", "Building capacity")
    framework = make_framework(features, questions=1, slug="test-seven-key-features")
    previous = make_round(
        world.network_a, framework, status=RoundStatus.CLOSED, opens_on=date(2024, 9, 9), closes_on=date(2024, 9, 30)
    )
    for _ in range(4):
        respond(previous, {**dict.fromkeys(features, 3), "Collaboration": 2})
    round = make_round(world.network_a, framework, status=RoundStatus.CLOSED)
    school_3 = SchoolFactory(consortium=world.consortium, name="Ysgol y Cwm")
    NetworkSchoolFactory(network=world.network_a, school=school_3)
    base = {
        "Purpose and focus": 3,
        "Relationships": 2,
        "Collaboration": 3,
        "Accountability": 1,
        "Building capacity": 2,
    }
    for school in (world.school_1, world.school_2):
        for _ in range(3):
            respond(round, base, school=school)
        respond(round, {**base, "Relationships": 4}, school=school, group=ResponseGroup.LEADER)
    for _ in range(3):
        respond(round, {**base, "Purpose and focus": 1}, school=school_3)
    respond(round, {**base, "Relationships": 4}, school=school_3, group=ResponseGroup.LEADER)
    client.force_login(world.people.leader_a)
    response = client.get(results_url(round))
    results = response.context["results"]
    summary = " ".join(results.summary)
    assert "Weakest: Accountability (1.0) and Building capacity (2.0)" in summary
    assert "Leaders rate Relationships 2.0 higher than staff do (4.0 against 2.0)" in summary
    assert "Ysgol y Cwm sees Purpose and focus differently" in summary
    assert "Since the last round (September 2024), Collaboration has risen most: up 1.0." in summary
    page = response.content.decode()
    assert "up 1.0" in page  # the change in words, not only by colour or arrow
    assert 'role="img"' in page
    assert "<caption" in page
    assert 'scope="col"' in page
    assert "style=" not in page
    assert "<script>" not in page


def test_only_submitted_answers_count(world, client, framework):
    round = make_round(world.network_a, framework)
    for _ in range(3):
        respond(round, 4)
    respond(round, 1, submitted=False)
    client.force_login(world.people.leader_a)
    results = client.get(results_url(round)).context["results"]
    assert results.respondents == 3
    assert {f.figures.mean for f in results.features} == {4.0}


def test_leaders_and_staff_are_compared_only_when_both_have_three(world, client, framework):
    round = make_round(world.network_a, framework)
    for _ in range(3):
        respond(round, 2)
    for _ in range(2):
        respond(round, 4, group=ResponseGroup.LEADER)
    client.force_login(world.people.leader_a)
    response = client.get(results_url(round))
    assert "Too few leaders answered to compare without identifying anyone." in response.content.decode()
    assert not response.context["results"].gaps
    assert not [row for row in read_csv(client.get(csv_url(round))) if row["section"] == "group"]

    respond(round, 3, group=ResponseGroup.LEADER)
    response = client.get(results_url(round))
    gaps = response.context["results"].gaps
    assert [round_(g.gap) for g in gaps] == [1.67] * 3  # leaders (4+4+3)/3 against staff 2
    assert "leaders 1.7 higher" in response.content.decode()
    groups = [row for row in read_csv(client.get(csv_url(round))) if row["section"] == "group"]
    assert {(row["group"], row["respondents"], row["mean"]) for row in groups} == {
        ("Leaders", "3", "3.67"),
        ("Staff", "3", "2.00"),
    }


def round_(value):
    return round(value, 2)


def test_the_previous_round_is_the_latest_closed_one_of_the_same_framework(world, framework):
    from reviews.reads import previous_round_of

    other_framework = make_framework(slug="test-eight-characteristics")
    round = make_round(world.network_a, framework, opens_on=date(2025, 1, 6))
    older = make_round(world.network_a, framework, RoundStatus.CLOSED, date(2024, 1, 8), date(2024, 1, 29))
    latest = make_round(world.network_a, framework, RoundStatus.CLOSED, date(2024, 9, 9), date(2024, 9, 30))
    make_round(world.network_a, other_framework, RoundStatus.CLOSED, date(2024, 11, 4), date(2024, 11, 25))
    make_round(world.network_b, framework, RoundStatus.CLOSED, date(2024, 11, 4), date(2024, 11, 25))
    make_round(world.network_a, framework, RoundStatus.OPEN, date(2024, 12, 2), date(2024, 12, 20))
    assert previous_round_of(round) == latest
    assert previous_round_of(latest) == older
    assert previous_round_of(older) is None


def test_members_see_the_network_as_a_whole_not_school_by_school(world, client, framework):
    round = make_round(world.network_a, framework, status=RoundStatus.CLOSED)
    for _ in range(3):
        respond(round, 3, school=world.school_1)
    for _ in range(3):
        respond(round, 2, school=world.school_2)
    client.force_login(world.people.teacher_a)
    page = client.get(results_url(round)).content.decode()
    assert "features-table" in page
    assert "heatmap" not in page
    assert world.school_1.name not in page
    assert world.school_2.name not in page
    sections = {row["section"] for row in read_csv(client.get(csv_url(round)))}
    assert sections == {"network"}
    client.force_login(world.people.leader_a)
    page = client.get(results_url(round)).content.decode()
    assert world.school_1.name in page
    assert world.school_2.name in page


# --- Anonymity ---------------------------------------------------------------------------------


SMALL_SCHOOL = "Ysgol Fach Two Respondents"


@pytest.fixture
def small_school(world):
    school = SchoolFactory(consortium=world.consortium, name=SMALL_SCHOOL)
    NetworkSchoolFactory(network=world.network_a, school=school)
    return school


def everything_shown(client, round):
    """Every view of the results a person can get: the page (also as htmx asks) and the CSV."""
    pages = [
        client.get(results_url(round)).content.decode(),
        client.get(results_url(round), HTTP_HX_REQUEST="true").content.decode(),
    ]
    return pages, read_csv(client.get(csv_url(round)))


def assert_no_group_under_three(results, rows):
    """No row shows fewer than three people, and taking the shown schools away from the whole
    network leaves no one or at least three."""
    for row in results.school_rows + results.group_rows:
        assert row.respondents >= 3, row.label
    assert sum(row.respondents for row in results.school_rows) in (0, results.respondents)
    for row in rows:
        if row["respondents"]:
            assert int(row["respondents"]) >= 3, row


@pytest.mark.parametrize("network_leader_answers", [True, False])
def test_two_respondents_of_one_school_cannot_be_told_apart(
    world, client, framework, small_school, network_leader_answers
):
    """School A has two respondents, who answer 1 throughout; school B has five, who answer 4.
    Neither A's name nor any figure of A's two alone appears anywhere. With a network leader
    (no school, answering 3) "Other schools" holds A's two and the leader, so B may be shown; with
    no one else, "Other schools" would hold A's two alone, so B is folded in too."""
    round = make_round(world.network_a, framework)
    a_people = [respond(round, 1, school=small_school) for _ in range(2)]
    for _ in range(5):
        respond(round, 4, school=world.school_2)
    if network_leader_answers:
        respond(round, 3, group=ResponseGroup.LEADER)
    client.force_login(world.people.leader_a)
    results = client.get(results_url(round)).context["results"]
    pages, rows = everything_shown(client, round)

    for page in pages:
        assert SMALL_SCHOOL not in page
        assert all(person.full_name not in page for person in a_people)
    assert all(SMALL_SCHOOL not in value for row in rows for value in row.values())
    assert_no_group_under_three(results, rows)
    school_rows = [row for row in rows if row["section"] == "school"]
    if network_leader_answers:
        # Other = A's two and the leader: (1+1+3)/3; B keeps its row, which cannot be subtracted to A.
        assert all(OTHER_SCHOOLS in page for page in pages)
        assert [(r.label, r.respondents) for r in results.school_rows] == [
            (world.school_2.name, 5),
            (OTHER_SCHOOLS, 3),
        ]
        assert {row["mean"] for row in school_rows if row["group"] == OTHER_SCHOOLS} == {"1.67"}
        # No figure for school rows equals A's ratings alone (all 1s).
        assert all(row["mean"] != "1.00" for row in school_rows)
        assert all(cell.mean != 1.0 for row in results.school_rows for cell in row.cells)
    else:
        # Showing B alone would give A's two as the network minus B: B is folded in too, which
        # leaves one group, the whole network: no table, but a sentence saying why.
        assert results.school_rows == []
        assert not school_rows
        for page in pages:
            assert world.school_2.name not in page
            assert "heatmap" not in page
            assert "No school had enough people answering to show it on its own" in page
    # Leaders are fewer than three: no leader figures at all.
    assert not results.group_rows
    assert not [row for row in rows if row["section"] == "group"]


def test_comments_carry_no_names_and_are_not_in_answering_order(world, client, framework):
    round = make_round(world.network_a, framework)
    people = [
        UserFactory(full_name="Carys Evans", verified=False),
        UserFactory(full_name="Dafydd Jones", verified=False),
        UserFactory(full_name="Eleri Morgan", verified=False),
    ]
    texts = ["Zebra crossings of ideas", "Assemblies help", "More time to visit"]
    for person, text in zip(people, texts, strict=True):
        respond(round, 2, user=person, school=world.school_1, comments={"Collaboration": text})
    client.force_login(world.people.leader_a)
    response = client.get(results_url(round))
    page = response.content.decode()
    for person in people:
        assert person.full_name not in page
        assert person.email not in page
    collaboration = next(f for f in response.context["results"].features if f.feature.name == "Collaboration")
    assert collaboration.comments == ["Assemblies help", "More time to visit", "Zebra crossings of ideas"]
    assert page.index("Assemblies help") < page.index("More time to visit") < page.index("Zebra crossings")
    csv_text = client.get(csv_url(round)).content.decode("utf-8-sig")
    assert all(person.full_name not in csv_text for person in people)


def test_comments_are_not_shown_below_three_respondents(world, client, framework):
    round = make_round(world.network_a, framework)
    respond(round, 2, comments={"Collaboration": "Only two of us answered"})
    respond(round, 2)
    client.force_login(world.people.leader_a)
    assert "Only two of us answered" not in client.get(results_url(round)).content.decode()


def test_folding_schools():
    names = {1: "A", 2: "B", 3: "C", 4: "D"}
    # Two small schools make "Other" three: the rest keep their rows.
    assert fold_schools({1: 2, 2: 3, 3: 4, 4: 1}, names) == ([2, 3], 3)
    # One small school alone would be "Other" of one: the smallest shown school is folded in.
    assert fold_schools({1: 1, 2: 3, 3: 4}, names) == ([3], 4)
    # Two from no school and one small school of two: four in Other.
    assert fold_schools({None: 2, 1: 2, 2: 5}, names) == ([2], 4)
    # Everyone large: no Other.
    assert fold_schools({1: 3, 2: 3}, names) == ([1, 2], 0)
    # Other of two and only one school to fold: it is folded, and all are "Other".
    assert fold_schools({None: 2, 1: 5}, names) == ([], 7)


def test_compute_suppresses_everything_below_three():
    results = compute(
        features=[],
        counts=Counts(answers=[], respondents=[{"school": None, "school_name": None, "group": "staff", "n": 2}]),
    )
    assert not results.enough
    assert list(results.csv_rows())[1][0] == "note"


# --- Cost --------------------------------------------------------------------------------------


def test_the_results_page_costs_the_same_pinned_queries_with_5_and_50_respondents(world, client, framework):
    previous = make_round(
        world.network_a, framework, RoundStatus.CLOSED, opens_on=date(2024, 9, 9), closes_on=date(2024, 9, 30)
    )
    for _ in range(3):
        respond(previous, 2)
    round = make_round(world.network_a, framework)
    schools = [world.school_1, world.school_2, None]

    def grow(n):
        for i in range(n):
            group = ResponseGroup.LEADER if i % 4 == 0 else ResponseGroup.STAFF
            respond(round, 1 + i % 4, school=schools[i % 3], group=group, comments={"Collaboration": f"Note {i}"})

    client.force_login(world.people.leader_a)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    grow(5)
    client.get(results_url(round))  # what the process reads once (the site's settings) is read before counting
    with_five = queries(results_url(round)), queries(csv_url(round))
    grow(45)
    with_fifty = queries(results_url(round)), queries(csv_url(round))
    assert with_five == with_fifty == (15, 10), f"{with_five} queries with 5 respondents, {with_fifty} with 50"


def test_a_network_whose_respondents_are_all_at_one_school_gets_no_school_table(world, client, framework):
    round = make_round(world.network_a, framework)
    for _ in range(4):
        respond(round, 3, school=world.school_1)
    client.force_login(world.people.leader_a)
    response = client.get(results_url(round))
    page = response.content.decode()
    assert response.context["results"].school_rows == []
    assert f"Everyone who answered is at {world.school_1.name}, so its figures are the whole network" in page
    assert "heatmap" not in page
    assert not [row for row in read_csv(client.get(csv_url(round))) if row["section"] == "school"]
