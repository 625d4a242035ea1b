"""The enquiry app's reads for the network dashboard: the spread of evidence strength, and the
enquiries that have not moved for six weeks (private ones counted, never listed)."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from enquiry.models import Enquiry, Evidence, ImpactClaim, Stage
from enquiry.reads import network_overview, stalled_enquiries
from tests.enquiry.helpers import make_enquiry

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SINCE = TODAY - timedelta(days=42)


def days_ago(n, hour=10):
    return timezone.make_aware(datetime.combine(TODAY - timedelta(days=n), time(hour)))


def enquiry(world, title, *, sharing="network", moved=50, school=None, network=None, stage=None):
    e = make_enquiry(
        world.people.teacher_a,
        school or world.school_1,
        network or world.network_a,
        sharing=sharing,
        title=title,
    )
    Enquiry.objects.filter(pk=e.pk).update(stage_changed_at=days_ago(moved), stage=stage or Stage.PLAN)
    return e


def evidence(e, ago):
    row = Evidence.objects.create(enquiry=e, stage=Stage.PLAN, kind="note", note="What we saw.")
    Evidence.objects.filter(pk=row.pk).update(created_at=days_ago(ago))


def claim(e, strength, ago=1):
    row = ImpactClaim.objects.create(enquiry=e, claim="Boys wrote more.", strength=strength)
    ImpactClaim.objects.filter(pk=row.pk).update(created_at=days_ago(ago))


def test_enquiries_are_spread_by_their_strongest_evidence_private_ones_counted(world):
    strong = enquiry(world, "Strong")
    claim(strong, 1)
    claim(strong, 4)
    compared = enquiry(world, "Compared", sharing="private")
    claim(compared, 5)
    claim(enquiry(world, "Anecdote", sharing="private"), 1)
    enquiry(world, "No claim yet")
    claim(enquiry(world, "Elsewhere", network=world.network_b, school=world.school_3), 5)
    overview = network_overview(world.network_a, world.people.leader_a)
    assert overview["by_strength"] == [
        ("No evidence of impact yet", 1),
        ("Anecdote", 1),
        ("Observation", 0),
        ("Pupils' work", 0),
        ("Data", 1),
        ("Comparison with a group that did not take part", 1),
    ]
    assert overview["strength_sentence"] == (
        "2 of 4 enquiries have evidence from data, 1 of them against a comparison group; "
        "1 has no evidence of impact yet."
    )
    # Counting by strength left the counts by stage as they were.
    assert [(c.label, c.count) for c in overview["by_stage"]][1] == ("Plan", 4)
    assert (overview["total"], overview["private"]) == (4, 2)


def test_stalled_enquiries_counted_every_one_listed_only_shared_ones_the_person_may_read(world):
    listed = enquiry(world, "Listed, moved 50 days ago")
    evidence(listed, 45)
    listed_later = enquiry(world, "Listed, moved 43 days ago", moved=43)
    enquiry(world, "Private", sharing="private")
    enquiry(world, "Shared with its school only", sharing="school", school=world.school_2)
    # Not stalled: evidence, an impact claim or a stage change within six weeks, or at the last stage.
    evidence(enquiry(world, "Evidence 10 days ago"), 10)
    claim(enquiry(world, "Claim 10 days ago"), 2, ago=10)
    enquiry(world, "Moved on the first day of the six weeks", moved=42)
    enquiry(world, "Sharing what it found", stage=Stage.SHARE)
    enquiry(world, "Another network", network=world.network_b, school=world.school_3)

    stalled = stalled_enquiries(world.network_a, world.people.leader_a, today=TODAY)
    assert (stalled.total, stalled.private, stalled.others, stalled.more) == (4, 1, 1, False)
    assert stalled.since == SINCE
    assert [e.pk for e in stalled.listed] == [listed.pk, listed_later.pk]
    assert stalled.listed[0].last_moved == days_ago(45)
    # The owner reads their school-shared enquiry, so it is listed for them; their private one never.
    mine = stalled_enquiries(world.network_a, world.people.teacher_a, today=TODAY)
    assert (mine.total, mine.private, mine.others) == (4, 1, 0)
    assert "Private" not in [e.title for e in mine.listed]


def test_no_more_than_five_are_listed_and_the_rest_are_said(world):
    for i in range(6):
        enquiry(world, f"Stalled {i}", moved=60 - i)
    stalled = stalled_enquiries(world.network_a, world.people.leader_a, today=TODAY)
    assert (stalled.total, len(stalled.listed), stalled.more, stalled.others) == (6, 5, True, 1)
    assert [e.title for e in stalled.listed] == [f"Stalled {i}" for i in range(5)]
