"""Migration 0006: default rates seeded "from 1 January 2000" move to their consortium's creation,
only where no activity would lose its rate; the notes naming the seed texts are reworded."""

import importlib
from datetime import date, datetime

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from activities.models import Rate
from tests.factories import ConsortiumFactory

from .helpers import plan

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("activities.migrations.0006_default_rates_from_creation")
OLD_NOTES = importlib.import_module("activities.migrations.0003_default_rates").DEFAULT_RATES
FOUNDED = datetime(2025, 3, 10, 14, 0, tzinfo=timezone.get_current_timezone())


def as_0003_left_them(consortium):
    """The rows 0003 wrote for a consortium that existed then: from 1 January 2000, its notes."""
    for category, _, _, note in OLD_NOTES:
        Rate.objects.filter(consortium=consortium, category=category).update(applies_from=date(2000, 1, 1), source=note)


def default_rates(consortium):
    return {rate.category: rate for rate in Rate.objects.filter(consortium=consortium)}


def test_with_no_earlier_activity_the_defaults_move_to_the_creation_day_and_lose_the_seed_names():
    consortium = ConsortiumFactory(slug="quiet", created_at=FOUNDED)
    as_0003_left_them(consortium)
    MIGRATION.forwards(django_apps, None)
    rates = default_rates(consortium)
    assert {rate.applies_from for rate in rates.values()} == {date(2025, 3, 10)}
    assert not [rate.source for rate in rates.values() if "seed" in rate.source.lower()]
    assert rates["supply_cover"].source == "The platform's default: teacher supply at £173 a day."


def test_an_activity_before_the_creation_day_keeps_the_defaults_where_they_were(world):
    consortium = world.consortium
    type(consortium).objects.filter(pk=consortium.pk).update(created_at=FOUNDED)
    as_0003_left_them(consortium)
    earlier = plan(world, day=date(2025, 3, 7))  # the Friday before the consortium was set up here
    MIGRATION.forwards(django_apps, None)
    rates = default_rates(consortium)
    assert {rate.applies_from for rate in rates.values()} == {date(2000, 1, 1)}
    assert rates["supply_cover"].source == "The platform's default: teacher supply at £173 a day."
    assert Rate.objects.in_force(consortium_id=consortium.pk, on=earlier.on_date).filter(category="supply_cover")


def test_a_rate_of_its_own_from_before_the_creation_day_keeps_that_default_where_it_was():
    """Moving the default past the consortium's own figure would put the default back in force."""
    consortium = ConsortiumFactory(slug="own-figure", created_at=FOUNDED)
    as_0003_left_them(consortium)
    Rate.objects.create(
        consortium=consortium,
        category="supply_cover",
        unit_label="per teacher-day",
        amount=180,
        applies_from=date(2025, 1, 1),
    )
    Rate.objects.filter(consortium=consortium, category="hosting").update(source="Agreed by the heads' forum.")
    MIGRATION.forwards(django_apps, None)
    moved = dict(Rate.objects.filter(consortium=consortium, amount__lt=180).values_list("category", "applies_from"))
    assert moved["supply_cover"] == date(2000, 1, 1)
    assert moved["travel"] == moved["hosting"] == date(2025, 3, 10)
    assert Rate.objects.get(consortium=consortium, category="hosting").source == "Agreed by the heads' forum."


def test_an_activity_of_another_consortium_does_not_hold_the_defaults_back(world):
    other = ConsortiumFactory(slug="elsewhere", created_at=FOUNDED)
    as_0003_left_them(other)
    plan(world, network=world.network_b, day=date(2025, 3, 7), host=world.school_3)
    MIGRATION.forwards(django_apps, None)
    assert {rate.applies_from for rate in default_rates(other).values()} == {date(2025, 3, 10)}
