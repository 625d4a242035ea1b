"""reviews.reads.network_review_summary: what the dashboard, the statement of account and the
consortium overview all read about a network's self-reviews."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import ResponseGroup, RoundStatus
from reviews.reads import network_review_summary, round_results

from .test_results import make_framework, make_round, respond

SPRING = {"opens_on": date(2025, 3, 3), "closes_on": date(2025, 3, 24)}
AUTUMN = {"opens_on": date(2025, 10, 6), "closes_on": date(2025, 10, 27)}


def everyone_answers(round, ratings, *, leaders=3, staff=3):
    for _ in range(leaders):
        respond(round, ratings, group=ResponseGroup.LEADER)
    for _ in range(staff):
        respond(round, ratings, group=ResponseGroup.STAFF)


def test_the_latest_closed_round_against_the_one_before(world):
    framework = make_framework()
    spring = make_round(world.network_a, framework, **SPRING)
    autumn = make_round(world.network_a, framework, **AUTUMN)
    make_round(
        world.network_a, framework, status=RoundStatus.OPEN, opens_on=date(2026, 1, 5), closes_on=date(2026, 2, 1)
    )
    everyone_answers(spring, {"Purpose and focus": 3, "Collaboration": 2, "Accountability": 2})
    for _ in range(3):
        respond(autumn, {"Purpose and focus": 4, "Collaboration": 3, "Accountability": 1}, group=ResponseGroup.LEADER)
        respond(autumn, {"Purpose and focus": 2, "Collaboration": 3, "Accountability": 1}, group=ResponseGroup.STAFF)

    [summary] = network_review_summary(world.network_a)
    assert summary.round == autumn
    assert summary.previous_round == spring
    by_name = {f.feature.name: f for f in summary.features}
    assert by_name["Collaboration"].mean == 3
    assert by_name["Collaboration"].previous_mean == 2
    assert by_name["Purpose and focus"].gap.gap == 2
    assert by_name["Accountability"].gap.gap == 0
    assert summary.sentence == "Accountability is weakest; Collaboration rose 1.0 since March 2025."
    # The same figures as the round's own results page.
    page = round_results(autumn)
    assert [f.figures.mean for f in page.features] == [f.mean for f in summary.features]
    assert [f.previous_mean for f in page.features] == [f.previous_mean for f in summary.features]

    [before] = network_review_summary(world.network_a, until=date(2025, 6, 30))
    assert before.round == spring
    assert before.previous_round is None
    assert before.sentence == "Collaboration is weakest."
    assert network_review_summary(world.network_a, until=date(2025, 1, 1)) == []
    assert network_review_summary(world.network_b) == []


def test_groups_under_three_are_folded_in(world):
    framework = make_framework()
    spring = make_round(world.network_a, framework, **SPRING)
    autumn = make_round(world.network_a, framework, **AUTUMN)
    respond(spring, 3)
    respond(spring, 3)  # two people: too few to compare with
    everyone_answers(autumn, 2, leaders=2, staff=4)  # two leaders: no gap shown
    [summary] = network_review_summary(world.network_a)
    assert all(f.gap is None and f.previous_mean is None for f in summary.features)
    assert all(f.mean == 2 for f in summary.features)

    few = make_round(world.network_b, framework, **AUTUMN)
    respond(few, 4)
    respond(few, 1)
    [hidden] = network_review_summary(world.network_b)
    assert all(f.mean is None for f in hidden.features)
    assert hidden.sentence.startswith("Too few people answered")


def test_four_queries_however_many_rounds_and_frameworks(world):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            network_review_summary(world.network_a)
        return len(captured)

    seven = make_framework()
    everyone_answers(make_round(world.network_a, seven, **SPRING), 3)
    assert queries() == 4
    eight = make_framework(features=("Shared values", "Mutual trust"), slug="eight")
    for n in range(5):
        year = 2020 + n
        everyone_answers(make_round(world.network_a, seven, opens_on=date(year, 5, 1), closes_on=date(year, 5, 20)), 2)
        everyone_answers(make_round(world.network_a, eight, opens_on=date(year, 5, 1), closes_on=date(year, 5, 20)), 4)
    assert len(network_review_summary(world.network_a)) == 2
    assert queries() == 4
