"""A network's money over a period: the one read the dashboard and the statement of account use."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from activities.models import CostCategory, CostLine, NetworkBudget
from activities.reads import budget_for, budget_share, network_money

from .helpers import cost_line as line
from .helpers import plan

pytestmark = pytest.mark.django_db

YEAR = (date(2025, 9, 1), date(2026, 8, 31))


def test_only_activities_starting_in_the_period_count_and_the_budget_is_its_share(world):
    inside = plan(world, day=date(2025, 10, 7), title="In the year")
    outside = plan(world, day=date(2026, 9, 8), title="Next year")
    CostLine.objects.filter(activity__in=[inside, outside]).delete()
    line(inside, world.school_1, "100.00")
    line(inside, None, "20.50", CostCategory.REFRESHMENTS)
    line(outside, world.school_1, "999.00")
    NetworkBudget.objects.create(network=world.network_a, starts_on=YEAR[0], ends_on=YEAR[1], amount="1000.00")

    money = network_money(world.network_a, *YEAR)

    assert money.total.planned == Decimal("120.50")
    assert money.budget == Decimal("1000.00")
    assert money.unplanned == Decimal("879.50")
    by_school = {row.label: row.money.planned for row in money.schools}
    assert by_school == {
        "Ysgol Gynradd Llanwern": Decimal("100.00"),
        "Maes y Coed Primary": Decimal("0.00"),
        "The network (no one school)": Decimal("20.50"),
    }
    assert {row.label: row.money.planned for row in money.categories} == {
        "Refreshments": Decimal("20.50"),
        "Other": Decimal("100.00"),
    }
    # All time, the budget page still sees both years.
    assert budget_for(world.network_a).total.planned == Decimal("1119.50")


def test_a_term_is_read_against_its_share_of_the_years_budget_by_days(world):
    budget = NetworkBudget(network=world.network_a, starts_on=YEAR[0], ends_on=YEAR[1], amount=Decimal("3650.00"))
    share = budget_share(budget, date(2025, 9, 1), date(2025, 9, 1) + timedelta(days=99))
    assert (share.days_in_period, share.amount) == (100, Decimal("1000.00"))


def test_no_budget_means_no_budget_figure_not_zero(world):
    money = network_money(world.network_a, *YEAR)
    assert money.budget is None
    assert money.unplanned is None


def test_network_money_reads_three_queries(world, django_assert_num_queries):
    NetworkBudget.objects.create(network=world.network_a, starts_on=YEAR[0], ends_on=YEAR[1], amount="1000.00")
    with django_assert_num_queries(3):
        network_money(world.network_a, *YEAR)


def test_a_leader_sets_a_budget_and_overlapping_dates_are_refused(world, client):
    client.force_login(world.people.leader_a)
    url = reverse("activities:budget_set", args=[world.network_a.slug])
    response = client.post(url, {"starts_on": "2025-09-01", "ends_on": "2026-08-31", "amount": "12000", "note": ""})
    assert response.status_code == 302
    budget = NetworkBudget.objects.get(network=world.network_a)
    assert (budget.amount, budget.set_by) == (Decimal("12000.00"), world.people.leader_a)
    response = client.post(url, {"starts_on": "2026-01-01", "ends_on": "2026-03-31", "amount": "10", "note": ""})
    assert response.status_code == 200
    assert "overlap the budget from 1 September 2025 to 31 August 2026" in response.content.decode()
    response = client.post(url, {"starts_on": "2026-09-01", "ends_on": "2026-08-31", "amount": "-1", "note": ""})
    assert "The last day must be on or after the first." in response.content.decode()
    assert "The amount cannot be negative." in response.content.decode()
    assert NetworkBudget.objects.count() == 1
    page = client.get(reverse("activities:budget", args=[world.network_a.slug])).content.decode()
    assert "£12,000.00 from 1 Sep 2025 to 31 Aug 2026" in page
