"""Builders for brokerage tests: real rows made through the services where there is one."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from brokerage import services
from brokerage.models import EvidenceStrength, PracticeEntry, RequestKind, Specialist
from networks.models import PracticeArea, School
from tests.factories import SchoolFactory


def days(n):
    return timezone.localdate() + timedelta(days=n)


def next_weekday(n):
    """The first Monday-to-Friday day at least n days from today."""
    value = days(n)
    while value.weekday() >= 5:
        value += timedelta(days=1)
    return value


def area(consortium, name="Literacy") -> PracticeArea:
    return PracticeArea.objects.get(consortium=consortium, name=name)


def locate(school: School, easting: int, northing: int, **fields) -> School:
    school.easting, school.northing = easting, northing
    for name, value in fields.items():
        setattr(school, name, value)
    school.save()
    return school


def school_at(consortium, name, easting=None, northing=None, **fields) -> School:
    return SchoolFactory(consortium=consortium, name=name, easting=easting, northing=northing, **fields)


def entry(school, practice_area, strength=EvidenceStrength.ANECDOTE, **fields) -> PracticeEntry:
    fields.setdefault("title", f"{practice_area.name} at {school.name}")
    fields.setdefault("summary", "What the school did and what changed.")
    fields.setdefault("period_end", days(-60))
    return PracticeEntry.objects.create(
        school=school, practice_area=practice_area, evidence_strength=strength, **fields
    )


def specialist(
    consortium,
    name,
    areas,
    *,
    day_rate="450",
    user=None,
    phases=("primary",),
    travel=(),
    by=None,
    **fields,
) -> Specialist:
    profile = Specialist(consortium=consortium, name=name, user=user, day_rate=Decimal(day_rate), **fields)
    return services.specialist_save(specialist=profile, by=by, practice_areas=areas, phases=phases, travel_areas=travel)


def raise_request(world, *, by=None, school="school_1", areas=None, **fields):
    fields.setdefault("kind", RequestKind.SPECIALIST_CONSULTANCY)
    fields.setdefault("title", "Year 6 writing")
    fields.setdefault("need", "Two days of specialist help with extended writing.")
    fields.setdefault("days", Decimal("2"))
    fields.setdefault("budget", Decimal("1000"))
    fields.setdefault("preferred_from", next_weekday(14))
    if fields["preferred_from"]:
        fields.setdefault("preferred_to", fields["preferred_from"] + timedelta(days=11))
    school_obj = getattr(world, school) if isinstance(school, str) else school
    return services.request_raise(
        by=by or world.people.school_lead,
        school=school_obj,
        practice_areas=areas if areas is not None else [area(world.consortium)],
        **fields,
    )


def time_passes(engagement, *, ended_days_ago=3):
    """Move a booked engagement into the past, as if its days had been delivered."""
    from brokerage.models import Engagement, EngagementDay

    booked = list(EngagementDay.objects.filter(engagement=engagement).order_by("-day"))
    shift = booked[0].day - days(-ended_days_ago)
    for row in reversed(booked):  # earliest first, so no day lands on one not yet moved
        EngagementDay.objects.filter(pk=row.pk).update(day=row.day - shift)
    first, last = booked[-1].day - shift, booked[0].day - shift
    Engagement.objects.filter(pk=engagement.pk).update(starts_on=first, ends_on=last)
