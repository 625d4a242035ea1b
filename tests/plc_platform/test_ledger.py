"""The reciprocity ledger: each kind of flow given and received, per school, over a period."""

from datetime import date
from decimal import Decimal

import pytest

from plc_platform.flows import ledger
from tests.factories import SchoolFactory

from .flow_helpers import at, befriended, engaged, hosted

pytestmark = pytest.mark.django_db

DAY = date(2026, 10, 14)


def test_each_kind_given_and_received(world):
    w = world
    outsider = SchoolFactory(consortium=w.consortium, name="Outside Primary")
    hosted(w.network_a, w.school_2, [w.school_1, w.school_1, outsider, w.school_2], day=DAY)  # 2 schools visit
    hosted(w.network_a, w.school_1, [w.school_2, w.school_2, w.school_2], day=DAY, slug="shared-inset-seminar")
    engaged(w.consortium, outsider, w.school_1, days="2.5", starts_on=DAY, network=w.network_a)
    befriended(w.school_1, w.school_2, comments=3, network=w.network_a)

    result = ledger(w.network_a, date(2026, 9, 1), date(2027, 8, 31))

    names = [row.name for row in result.rows]
    assert names == ["Maes y Coed Primary", "Ysgol Gynradd Llanwern", "Outside Primary"]
    school_2, school_1, outside = result.rows
    assert (school_2.visits_hosted, school_1.visits_made, outside.visits_made) == (2, 1, 1)
    assert (school_1.inset_places_offered, school_2.inset_places_taken) == (3, 3)
    assert (outside.consultancy_days_given, school_1.consultancy_days_used) == (Decimal("2.5"), Decimal("2.5"))
    assert (school_2.critical_friends_given, school_1.critical_friends_received) == (1, 1)
    assert (school_2.comments_given, school_1.comments_received) == (3, 3)
    assert outside.in_network is False
    assert result.totals.visits_hosted == result.totals.visits_made == 2
    assert result.only_giving == []
    assert result.only_receiving == []


def test_period_and_prompts(world):
    w = world
    hosted(w.network_a, w.school_2, [w.school_1], day=date(2026, 10, 14))
    hosted(w.network_a, w.school_1, [w.school_2], day=date(2027, 3, 2))  # after the period
    hosted(w.network_a, w.school_1, [w.school_2], day=date(2026, 10, 15), status="cancelled")
    hosted(w.network_a, w.school_1, [], day=date(2026, 10, 16), absent=[w.school_2])
    befriended(w.school_2, w.school_1, comments=2, network=w.network_a, when=at(date(2027, 3, 2)))

    result = ledger(w.network_a, date(2026, 9, 1), date(2026, 12, 31))

    by_name = {row.name: row for row in result.rows}
    assert by_name["Maes y Coed Primary"].visits_hosted == 1
    assert by_name["Ysgol Gynradd Llanwern"].visits_hosted == 0  # cancelled, later and absent ones left out
    assert [row.name for row in result.only_giving] == ["Maes y Coed Primary"]
    assert [row.name for row in result.only_receiving] == ["Ysgol Gynradd Llanwern"]
    assert ledger(w.network_a, date(2027, 1, 1), None).rows[0].comments_received == 2


def test_other_networks_flows_are_not_counted(world):
    w = world
    hosted(w.network_b, w.school_3, [w.school_1], day=DAY)
    engaged(w.consortium, w.school_3, w.school_2, days="1", starts_on=DAY, network=w.network_b)

    result = ledger(w.network_a, None, None)

    assert all(not row.gives and not row.receives for row in result.rows)
    assert [row.name for row in result.taking_no_part] == ["Maes y Coed Primary", "Ysgol Gynradd Llanwern"]
