"""The activities app's reads for the network dashboard: activities by kind of collaboration."""

from datetime import date

import pytest

from activities.reads import kinds_of_collaboration
from tests.plc_platform.flow_helpers import hosted

pytestmark = pytest.mark.django_db

START, END = date(2030, 9, 1), date(2031, 8, 31)


def test_activities_are_counted_by_kind_in_the_period_cancelled_ones_left_out(world):
    a, one, two = world.network_a, world.school_1, world.school_2
    for kind in ("joint_work", "joint_work", "sharing", ""):
        hosted(a, one, [two], day=date(2030, 10, 1), kind=kind)
    hosted(a, one, [two], day=date(2030, 10, 2), kind="joint_work", status="cancelled")
    hosted(a, one, [two], day=date(2030, 8, 31), kind="storytelling")  # the day before the period
    hosted(a, one, [two], day=date(2031, 9, 1), kind="storytelling")  # the day after it
    hosted(world.network_b, world.school_3, [], day=date(2030, 10, 1), kind="aid_assistance")  # another network
    kinds = kinds_of_collaboration(a, START, END)
    assert [(row.label, row.count) for row in kinds.rows] == [
        ("Storytelling and scanning for ideas", 0),
        ("Aid and assistance", 0),
        ("Sharing", 1),
        ("Joint work", 2),
        ("Not set", 1),
    ]
    assert kinds.total == 4
    assert [row.label for row in kinds.shown][-1] == "Not set"
    assert kinds.sentence == "Joint work is the commonest kind: 2 of 4 activities."


def test_ties_are_named_together_and_no_kind_is_said_in_words(world):
    a, one, two = world.network_a, world.school_1, world.school_2
    assert kinds_of_collaboration(a, START, END).sentence == "No activity has a kind of collaboration yet."
    for kind in ("sharing", "aid_assistance"):
        hosted(a, one, [two], day=date(2030, 10, 1), kind=kind)
    kinds = kinds_of_collaboration(a, START, END)
    assert kinds.sentence == "Aid and assistance and sharing are the commonest kinds: 1 of 2 activities each."
    assert "Not set" not in [row.label for row in kinds.shown]
