"""The activities app's reads for the network dashboard: activities by kind of collaboration."""

from datetime import date

import pytest

from activities.reads import kinds_of_collaboration, school_levels
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


def test_each_school_has_its_highest_level_this_term_against_last_term(world):
    a, one, two, three = world.network_a, world.school_1, world.school_2, world.school_3
    today = date(2031, 2, 10)  # spring 2031; last term is autumn 2030
    hosted(a, one, [two], day=date(2030, 10, 1), level=1)
    hosted(a, one, [two], day=date(2030, 11, 1), level=2)
    hosted(a, one, [two, two], day=date(2031, 1, 20), level=3)  # two of school 2's people: one activity
    hosted(a, two, [], day=date(2031, 4, 2), level=1)  # summer
    hosted(a, one, [], day=date(2031, 2, 1), level=1, status="cancelled")
    hosted(a, three, [], day=date(2030, 10, 1), level=3)  # school 3 (network B) visits network A's schools
    hosted(a, one, [two], day=date(2030, 8, 31), level=3)  # the term before last
    levels = school_levels(a, today)
    assert (levels[one.pk].level, levels[one.pk].activities, levels[one.pk].change.words) == (
        3,
        1,
        "up 1 from level 2 last term",
    )
    assert (levels[two.pk].level, levels[two.pk].activities, levels[two.pk].change.words) == (
        3,
        1,
        "up 1 from level 2 last term",
    )
    # School 3 took part last term only: no level now, so no change to tell.
    assert (levels[three.pk].level, levels[three.pk].change.direction) == (None, "")
    later = school_levels(a, date(2031, 5, 1))  # summer: school 1 was at level 3 in spring, and is at none
    assert later[one.pk].level is None
    assert later[two.pk].change.words == "down 2 from level 3 last term"
