"""A school's PLC stage on the network dashboard: the latest record against the one before it."""

from datetime import date

import pytest

from reviews.models import SchoolMaturity
from reviews.reads import schools_with_stage

pytestmark = pytest.mark.django_db


def record(school, stage, day):
    SchoolMaturity.objects.create(school=school, stage=stage, rationale="Seen in practice.", recorded_on=day)


def test_each_school_has_its_latest_stage_and_the_change_from_the_one_before(world):
    record(world.school_1, "early_starter", date(2029, 9, 1))
    record(world.school_1, "developer", date(2030, 3, 1))
    record(world.school_1, "mature", date(2030, 9, 1))
    record(world.school_2, "mature", date(2030, 3, 1))
    record(world.school_2, "developer", date(2030, 9, 1))
    record(world.school_3, "mature", date(2030, 9, 1))  # network B
    schools = {ns.school: ns for ns in schools_with_stage(world.network_a)}
    assert set(schools) == {world.school_1, world.school_2}
    one, two = schools[world.school_1], schools[world.school_2]
    assert (one.maturity_stage_label, one.maturity_on, one.previous_stage) == ("Mature", date(2030, 9, 1), "developer")
    assert (one.maturity_change.direction, one.maturity_change.words) == ("up", "up 1 from developer")
    assert (two.maturity_change.direction, two.maturity_change.words) == ("down", "down 1 from mature")


def test_a_first_record_has_no_change_and_no_record_no_stage(world):
    record(world.school_1, "developer", date(2030, 3, 1))
    schools = {ns.school: ns for ns in schools_with_stage(world.network_a)}
    assert schools[world.school_1].maturity_change.words == ""
    assert schools[world.school_2].maturity_stage_label == ""
    record(world.school_1, "developer", date(2030, 9, 1))
    again = {ns.school: ns for ns in schools_with_stage(world.network_a)}[world.school_1]
    assert (again.maturity_change.direction, again.maturity_change.words) == ("same", "the same as before (developer)")
