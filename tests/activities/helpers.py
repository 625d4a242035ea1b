"""Making activities for tests, through the services, as the pages do."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from activities import services
from activities.models import ActivityType, CostCategory, CostLine
from networks.models import Role
from tests.factories import MembershipFactory, UserFactory


def at(day, hour=9):
    """An aware datetime on `day` (a date) at `hour` local time."""
    return datetime(day.year, day.month, day.day, tzinfo=timezone.get_current_timezone()) + timedelta(hours=hour)


def plan(world, *, type_slug="learning-visit", network=None, by=None, day=None, host=None, hours=6, **fields):
    """A planned activity of network A (by default), hosted by school 2, on `day` (default: in a week)."""
    network = network or world.network_a
    day = day or (timezone.localdate() + timedelta(days=7))
    fields.setdefault("title", "Learning visit to Maes y Coed")
    fields.setdefault("status", "confirmed")
    return services.activity_create(
        network=network,
        activity_type=ActivityType.objects.get(slug=type_slug),
        created_by=by or world.people.leader_a,
        host_school=host if host is not None else (world.school_2 if network == world.network_a else None),
        starts_at=at(day, 9),
        ends_at=at(day, 9 + hours),
        **fields,
    )


def cost_line(activity, school, amount, category=CostCategory.OTHER, description="Costs"):
    """A cost line of one unit at `amount` (a string of pounds) borne by `school` (None: the network)."""
    return services.cost_line_save(
        line=CostLine(
            activity=activity,
            category=category,
            school=school,
            description=description,
            quantity=Decimal("1"),
            rate=Decimal(amount),
        )
    )


def visiting_teachers(school, n, name="Visiting Teacher {i}"):
    """n new people on the school's staff, to visit an activity: `name` is their full name, with
    {i} (0 to n-1) and {school} filled in."""
    people = []
    for i in range(n):
        user = UserFactory(full_name=name.format(i=i, school=school))
        MembershipFactory(user=user, school=school, role=Role.SCHOOL_STAFF)
        people.append(user)
    return people
