"""Costs: proposals from the template and participants, rates by date, exact money, approval rights."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from activities import services
from activities.costs import miles_there_and_back, rates_in_force
from activities.models import CostCategory, CostLine, CostStatus, Rate, line_amount
from activities.reads import budget_for
from networks.models import Consortium
from tests.factories import ConsortiumFactory

from .helpers import plan, visiting_teachers

pytestmark = pytest.mark.django_db


def teachers(world, school, n):
    return visiting_teachers(school, n, "Visiting Teacher {school.urn}-{i}")


def lines_of(activity, category):
    return list(CostLine.objects.filter(activity=activity, category=category).order_by("pk"))


def test_every_consortium_has_the_default_rates_with_their_notes(world):
    consortium = ConsortiumFactory(slug="brand-new")
    rates = {rate.category: rate for rate in Rate.objects.filter(consortium=consortium)}
    assert rates["supply_cover"].amount == Decimal("173.00")
    assert rates["supply_cover"].unit_label == "per teacher-day"
    assert rates["supply_cover"].source == "The platform's default: teacher supply at £173 a day."
    assert rates["consultancy"].amount == Decimal("450.00")
    assert rates["travel"].amount == Decimal("0.45")
    assert "HMRC" in rates["travel"].source
    assert {rates[c].amount for c in ("subsistence", "hosting", "refreshments")} == {Decimal("0.00")}
    assert services.consortium_seed_rates(consortium=consortium) == 0  # already there: nothing doubled


def test_a_new_consortiums_rates_start_on_the_day_it_was_created(world):
    """Not from 1 January 2000: from the consortium's creation, the start of that day."""
    created = datetime(2026, 9, 14, 16, 30, tzinfo=timezone.get_current_timezone())
    consortium = ConsortiumFactory(slug="founded", created_at=created)
    assert set(Rate.objects.filter(consortium=consortium).values_list("applies_from", flat=True)) == {date(2026, 9, 14)}
    on_the_day = rates_in_force(consortium.pk, date(2026, 9, 14))
    assert on_the_day["supply_cover"].amount == Decimal("173.00")
    assert rates_in_force(consortium.pk, date(2026, 9, 13)) == {}
    today = Consortium.objects.create(name="New Consortium", slug="today")
    assert set(Rate.objects.filter(consortium=today).values_list("applies_from", flat=True)) == {timezone.localdate()}


def test_a_learning_visit_proposes_supply_cover_for_each_visiting_teacher_and_travel_per_school(world):
    world.school_1.easting, world.school_1.northing = 330000, 190000
    world.school_1.save()
    world.school_2.easting, world.school_2.northing = 333000, 194000  # 5 km away
    world.school_2.save()
    visit = plan(world)
    services.participants_add(activity=visit, users=teachers(world, world.school_1, 4), role="visitor")

    supply = lines_of(visit, CostCategory.SUPPLY_COVER)
    assert len(supply) == 4
    assert {line.school_id for line in supply} == {world.school_1.pk}
    assert all(line.quantity == Decimal("1.0") and line.rate == Decimal("173.00") for line in supply)
    assert sum(line.amount for line in supply) == Decimal("692.00")

    (travel,) = lines_of(visit, CostCategory.TRAVEL)
    assert travel.school_id == world.school_1.pk
    assert travel.quantity == miles_there_and_back(world.school_1, world.school_2) == Decimal("6.2")
    assert travel.amount == Decimal("2.79")  # 6.2 miles x 0.45
    (hosting,) = lines_of(visit, CostCategory.HOSTING)
    (refreshments,) = lines_of(visit, CostCategory.REFRESHMENTS)
    assert hosting.school_id == refreshments.school_id == world.school_2.pk
    assert refreshments.quantity == 5  # everyone: the four visitors and the leader who owns it
    assert all(line.status == CostStatus.PROPOSED for line in CostLine.objects.filter(activity=visit))


def test_a_specialist_consultancy_proposes_consultancy_days_borne_by_the_school_receiving_it(world):
    consultancy = plan(world, type_slug="specialist-peer-consultancy", title="Maths consultancy", hours=30)
    (line,) = lines_of(consultancy, CostCategory.CONSULTANCY)
    assert (line.quantity, line.rate, line.amount) == (Decimal("2.0"), Decimal("450.00"), Decimal("900.00"))
    assert line.school_id == world.school_2.pk


def test_a_rate_change_part_way_through_a_term_applies_from_its_day(world):
    change = date(2031, 10, 20)  # half term of the autumn term
    Rate.objects.create(
        consortium=world.consortium,
        category="supply_cover",
        unit_label="per teacher-day",
        amount=Decimal("180.50"),
        applies_from=change,
    )
    before = plan(world, day=change - timedelta(days=5), title="Before half term")
    on_the_day = plan(world, day=change, title="On the day")
    after = plan(world, day=change + timedelta(days=30), title="After half term")
    visitors = teachers(world, world.school_1, 2)
    for activity in (before, on_the_day, after):
        services.participants_add(activity=activity, users=visitors, role="visitor")

    def supply_total(activity):
        return sum(line.amount for line in lines_of(activity, CostCategory.SUPPLY_COVER))

    assert {line.rate for line in lines_of(before, CostCategory.SUPPLY_COVER)} == {Decimal("173.00")}
    assert supply_total(before) == Decimal("346.00")
    assert {line.rate for line in lines_of(on_the_day, CostCategory.SUPPLY_COVER)} == {Decimal("180.50")}
    assert supply_total(after) == Decimal("361.00")


def test_moving_an_activity_past_a_rate_change_proposes_the_new_rate_but_keeps_approved_lines(world):
    change = date(2031, 10, 20)
    Rate.objects.create(
        consortium=world.consortium,
        category="supply_cover",
        unit_label="per teacher-day",
        amount=200,
        applies_from=change,
    )
    visit = plan(world, day=change - timedelta(days=1))
    first, second = teachers(world, world.school_1, 2)
    services.participants_add(activity=visit, users=[first, second], role="visitor")
    approved = CostLine.objects.get(activity=visit, category="supply_cover", description__contains=first.full_name)
    services.cost_line_approve(line=approved, by=world.people.school_lead)

    services.activity_update(
        activity=visit, starts_at=visit.starts_at + timedelta(days=7), ends_at=visit.ends_at + timedelta(days=7)
    )
    rates = {line.description.split(" (")[0]: line.rate for line in lines_of(visit, CostCategory.SUPPLY_COVER)}
    assert rates[f"Supply cover for {first.full_name}"] == Decimal("173.00")  # approved: kept as approved
    assert rates[f"Supply cover for {second.full_name}"] == Decimal("200.00")  # proposed: follows the date


def test_amounts_round_half_up_to_the_penny_and_totals_reconcile(world):
    assert line_amount(Decimal("0.5"), Decimal("173.00")) == Decimal("86.50")
    assert line_amount(Decimal("2.5"), Decimal("0.45")) == Decimal("1.13")  # half up, not to even
    assert line_amount(Decimal("0.33"), Decimal("0.45")) == Decimal("0.15")
    assert line_amount(Decimal("3"), Decimal("0.10")) == Decimal("0.30")
    visit = plan(world, type_slug="jigsaw-dialogue", title="Twilight")
    for _ in range(30):
        services.cost_line_save(
            line=CostLine(
                activity=visit,
                category="other",
                school=world.school_1,
                description="Copies",
                quantity=Decimal("0.1"),
                rate=Decimal("1.01"),
            )
        )
    lines = CostLine.objects.filter(activity=visit, category="other")
    assert {line.amount for line in lines} == {Decimal("0.10")}
    budget = budget_for(world.network_a)
    assert budget.total.planned == sum(
        line.amount for line in CostLine.objects.filter(activity__network=world.network_a)
    )
    assert budget.total.planned == sum(row.money.planned for row in budget.schools)
    assert budget.total.planned == sum(row.money.planned for row in budget.categories)
    assert isinstance(budget.total.planned, Decimal)


def test_adding_and_removing_people_updates_only_the_lines_still_proposed(world):
    visit = plan(world)
    a, b = teachers(world, world.school_1, 2)
    services.participants_add(activity=visit, users=[a, b], role="visitor")
    manual = CostLine.objects.get(activity=visit, category="supply_cover", description__contains=b.full_name)
    manual.quantity = Decimal("0.5")
    services.cost_line_save(line=manual)  # edited by hand: no longer the platform's proposal
    services.participant_remove(participant=visit.participants.get(user=a))
    services.participant_remove(participant=visit.participants.get(user=b))
    remaining = lines_of(visit, CostCategory.SUPPLY_COVER)
    assert [line.pk for line in remaining] == [manual.pk]
    assert remaining[0].amount == Decimal("86.50")


def test_changing_an_approved_line_sends_it_back_for_approval(world):
    visit = plan(world)
    services.participants_add(activity=visit, users=teachers(world, world.school_1, 1), role="visitor")
    line = CostLine.objects.get(activity=visit, category="supply_cover")
    services.cost_line_approve(line=line, by=world.people.school_lead)
    line.description = "Supply cover, morning only"
    services.cost_line_save(line=line)
    assert CostLine.objects.get(pk=line.pk).status == CostStatus.APPROVED  # wording only: still approved
    line.quantity = Decimal("0.5")
    services.cost_line_save(line=line)
    line.refresh_from_db()
    assert (line.status, line.approved_by, line.amount) == (CostStatus.PROPOSED, None, Decimal("86.50"))


def test_a_school_lead_approves_only_their_own_schools_lines(world, client):
    visit = plan(world)
    services.participants_add(activity=visit, users=teachers(world, world.school_1, 1), role="visitor")
    own = CostLine.objects.get(activity=visit, category="supply_cover", school=world.school_1)
    hosts = CostLine.objects.get(activity=visit, category="hosting", school=world.school_2)
    lead = world.people.school_lead
    assert lead.has_perm("activities.approve_cost_line", own)
    assert not lead.has_perm("activities.approve_cost_line", hosts)
    assert not world.people.leader_a.has_perm("activities.approve_cost_line", own)
    assert world.people.leader_a.has_perm(
        "activities.approve_cost_line", CostLine(activity=visit, category="other", school=None)
    )

    client.force_login(lead)
    response = client.post(reverse("activities:cost_line_approve", args=[visit.pk, hosts.pk]))
    assert response.status_code == 404
    assert CostLine.objects.get(pk=hosts.pk).status == CostStatus.PROPOSED
    response = client.post(reverse("activities:cost_line_approve", args=[visit.pk, own.pk]))
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.status, own.approved_by) == (CostStatus.APPROVED, lead)


def test_the_budget_shows_planned_approved_and_spent_by_school_and_category(world, client):
    visit = plan(world)
    services.participants_add(activity=visit, users=teachers(world, world.school_1, 2), role="visitor")
    first, second = lines_of(visit, CostCategory.SUPPLY_COVER)
    services.cost_line_approve(line=first, by=world.people.school_lead)
    services.cost_line_approve(line=second, by=world.people.school_lead)
    services.cost_line_record_spend(line=second, actual_amount=Decimal("160.00"))
    cancelled = plan(world, title="Cancelled visit")
    services.participants_add(activity=cancelled, users=teachers(world, world.school_1, 1), role="visitor")
    services.activity_cancel(activity=cancelled)

    budget = budget_for(world.network_a)
    school_1 = next(row for row in budget.schools if row.label == world.school_1.name)
    assert (school_1.money.planned, school_1.money.approved, school_1.money.spent) == (
        Decimal("346.00"),
        Decimal("346.00"),
        Decimal("160.00"),
    )
    supply = next(row for row in budget.categories if row.label == "Supply cover")
    assert supply.money.planned == Decimal("346.00")  # the cancelled visit's line is left out

    client.force_login(world.people.school_lead)
    page = client.get(reverse("activities:budget", args=[world.network_a.slug]))
    assert page.status_code == 200
    assert "£346.00" in page.content.decode()
    csv_response = client.get(reverse("activities:budget_csv", args=[world.network_a.slug]))
    assert csv_response["Content-Type"].startswith("text/csv")
    text = csv_response.content.decode()
    assert text.splitlines()[0].startswith("Activity,Date,Activity status,Category,Borne by")
    assert "Total planned" in text
    assert "346.00" in text
    assert "Cancelled visit" not in text


def test_the_data_migration_gives_every_existing_consortium_the_default_rates(world):
    import importlib

    from django.apps import apps as django_apps

    Rate.objects.all().delete()
    importlib.import_module("activities.migrations.0003_default_rates").load(django_apps, None)
    for consortium in (world.consortium, world.other_consortium):
        assert Rate.objects.filter(consortium=consortium).count() == 6
    importlib.import_module("activities.migrations.0003_default_rates").load(django_apps, None)  # again: no doubles
    assert Rate.objects.count() == 12


def test_the_activity_types_name_their_sources_and_have_steps_roles_level_and_duration(db):
    from activities.models import ActivityType

    types = {t.slug: t for t in ActivityType.objects.prefetch_related("steps")}
    assert len(types) == 11
    for slug in (
        "learning-visit",
        "problem-solving-team-building",
        "collaborative-use-of-data",
        "shared-inset-seminar",
        "action-learning-partnership",
        "specialist-peer-consultancy",
    ):
        assert types[slug].source.startswith("Seed 004")
    for slug in ("peer-observation", "coaching-and-mentoring", "research-lesson", "enquiry-visit"):
        assert types[slug].source.startswith("Seed 001")
    assert types["jigsaw-dialogue"].source.startswith("Seed 000")
    for activity_type in types.values():
        assert activity_type.steps.count() >= 4
        assert activity_type.roles
        assert activity_type.typical_duration
        assert activity_type.typical_level in (1, 2, 3)
    assert types["problem-solving-team-building"].role_labels[:4] == [
        "Owner",
        "Facilitator",
        "Resource provider",
        "Recorder",
    ]
