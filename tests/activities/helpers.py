"""Making activities for tests, through the services, as the pages do."""

from datetime import datetime, timedelta

from django.utils import timezone

from activities import services
from activities.models import ActivityType


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
