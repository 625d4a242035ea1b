"""Builders for knowledge-flow tests: visits, INSET places, engagements and critical friends as rows."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from activities.models import Activity, ActivityType, Attendance, Participant
from brokerage.models import Engagement, Proposal, RequestKind, SupportRequest
from enquiry.models import Collaborator, CollaboratorRole, Comment, Enquiry
from networks.models import Membership, Role
from tests.factories import UserFactory


def at(day: date, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def person_at(school, role=Role.SCHOOL_STAFF):
    user = UserFactory()
    Membership.objects.create(user=user, role=role, school=school)
    return user


def hosted(network, host, visitors, *, day, slug="learning-visit", level=1, status="done", absent=(), kind=""):
    """An activity of `slug` at `host` with one participant per school in `visitors` (repeat a school
    for several of its people); schools in `absent` send someone marked absent too."""
    activity = Activity.objects.create(
        network=network,
        activity_type=ActivityType.objects.get(slug=slug),
        title=f"{slug} at {host.name}",
        host_school=host,
        starts_at=at(day),
        ends_at=at(day, 15),
        status=status,
        collaboration_level=level,
        kind_of_collaboration=kind,
    )
    rows = [Participant(activity=activity, user=person_at(s), school=s) for s in visitors]
    rows += [Participant(activity=activity, user=person_at(s), school=s, attendance=Attendance.ABSENT) for s in absent]
    Participant.objects.bulk_create(rows)
    return activity


def engaged(consortium, giver, receiver, *, days, starts_on, network=None, status="booked"):
    """An engagement of `giver` school for `receiver`, of `days` days."""
    request = SupportRequest.objects.create(
        consortium=consortium,
        kind=RequestKind.PEER_CONSULTANCY,
        school=receiver,
        network=network,
        title="Year 3 arithmetic",
        need="Two days of help.",
        days=Decimal(days),
    )
    proposal = Proposal.objects.create(request=request, school=giver, status="accepted")
    return Engagement.objects.create(
        request=request,
        proposal=proposal,
        consortium=consortium,
        host_school=giver,
        status=status,
        days=Decimal(days),
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=1),
    )


def befriended(enquiry_school, friend_school, *, comments=0, network=None, when=None, sharing="private"):
    """A private enquiry at `enquiry_school` with a critical friend from `friend_school` who wrote
    `comments` comments."""
    owner = person_at(enquiry_school)
    enquiry = Enquiry.objects.create(
        owner=owner,
        school=enquiry_school,
        network=network,
        title="Secret title",
        question="A question?",
        sharing=sharing,
        shared_at=None if sharing == "private" else timezone.now(),
    )
    friend = person_at(friend_school)
    row = Collaborator.objects.create(enquiry=enquiry, user=friend, role=CollaboratorRole.CRITICAL_FRIEND)
    made = [
        Comment.objects.create(enquiry=enquiry, author=friend, text="What did the pupils say?") for _ in range(comments)
    ]
    if when:
        Collaborator.objects.filter(pk=row.pk).update(created_at=when)
        Comment.objects.filter(pk__in=[c.pk for c in made]).update(created_at=when)
    return enquiry
