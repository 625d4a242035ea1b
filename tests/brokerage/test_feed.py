"""The record of practice fed from enquiries shared at consortium level or wider (with their impact
claims and strength of evidence) and from activities schools hosted; and the match reading it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from activities import services as activity_services
from activities.models import ActivityType
from brokerage.feed import practice_feed_sync
from brokerage.matching import match
from brokerage.models import EvidenceStrength, PracticeEntry, RequestKind, Source
from enquiry import services as enquiry_services
from enquiry.models import Sharing
from tests.enquiry.helpers import make_enquiry

from .helpers import raise_request


@pytest.fixture
def shared(desk, django_capture_on_commit_callbacks):
    """An enquiry of school 2 in literacy and numeracy, with an observation and a data-backed claim."""
    teacher = desk.people.teacher_a
    with django_capture_on_commit_callbacks(execute=True):
        enquiry = make_enquiry(teacher, desk.school_2, desk.network_a, title="Oral rehearsal before writing")
        enquiry.practice_areas.set([desk.literacy, desk.numeracy])
        enquiry_services.impact_claim_add(
            enquiry=enquiry, by=teacher, area="pupils", claim="Boys talk more.", strength=2
        )
        enquiry_services.impact_claim_add(
            enquiry=enquiry, by=teacher, area="pupils", claim="Paragraphing rose from 38% to 61%.", strength=4
        )
    desk.enquiry = enquiry
    return desk


def hosted_visit(desk, *, days_from_now):
    """A confirmed learning visit of network A, hosted by school 2, in literacy."""
    starts = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=days_from_now)
    visit = activity_services.activity_create(
        network=desk.network_a,
        activity_type=ActivityType.objects.get(slug="learning-visit"),
        created_by=desk.people.leader_a,
        host_school=desk.school_2,
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        title="Learning visit to see oral rehearsal",
        status="confirmed",
    )
    visit.practice_areas.set([desk.literacy])
    return visit


def fed(desk, source=Source.ENQUIRY):
    return list(PracticeEntry.objects.filter(source=source).order_by("practice_area__name"))


def test_only_enquiries_shared_with_the_consortium_or_wider_are_fed(shared, django_capture_on_commit_callbacks):
    assert fed(shared) == []  # private
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_services.enquiry_share(enquiry=shared.enquiry, sharing=Sharing.NETWORK)
    assert fed(shared) == []
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_services.enquiry_share(enquiry=shared.enquiry, sharing=Sharing.CONSORTIUM)
    entries = fed(shared)
    assert [(e.practice_area.name, e.school, e.evidence_strength) for e in entries] == [
        ("Literacy", shared.school_2, EvidenceStrength.DATA),
        ("Numeracy", shared.school_2, EvidenceStrength.DATA),
    ]
    assert entries[0].evidence == "Paragraphing rose from 38% to 61%."
    assert entries[0].origin == shared.enquiry
    assert entries[0].shared_at == shared.enquiry.shared_at
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_services.enquiry_share(enquiry=shared.enquiry, sharing=Sharing.SCHOOL)
    assert fed(shared) == []


def test_claims_and_areas_keep_the_entries_in_step(shared, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_services.enquiry_share(enquiry=shared.enquiry, sharing=Sharing.PUBLIC)
        shared.enquiry.practice_areas.remove(shared.numeracy)
    assert [e.practice_area.name for e in fed(shared)] == ["Literacy"]
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_services.impact_claim_delete(claim=shared.enquiry.impact_claims.get(strength=4))
    assert [e.evidence_strength for e in fed(shared)] == [EvidenceStrength.OBSERVATION]
    with django_capture_on_commit_callbacks(execute=True):
        for claim in shared.enquiry.impact_claims.all():
            enquiry_services.impact_claim_delete(claim=claim)
    assert fed(shared) == []  # no claim of impact: nothing to put in the record


def test_a_deleted_enquiry_leaves_the_record(shared, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_services.enquiry_share(enquiry=shared.enquiry, sharing=Sharing.CONSORTIUM)
        enquiry_services.enquiry_delete(enquiry=shared.enquiry)
    assert fed(shared) == []


def test_the_match_reads_the_fed_evidence(shared, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_services.enquiry_share(enquiry=shared.enquiry, sharing=Sharing.CONSORTIUM)
    result = match(raise_request(shared, kind=RequestKind.LEARNING_VISIT))
    assert [c.name for c in result.schools] == ["Maes y Coed Primary"]
    evidence = next(r.text for r in result.schools[0].reasons if r.factor == "evidence")
    assert evidence.startswith("Evidence in Literacy: data-backed impact (")
    assert evidence.endswith(", a shared enquiry)")


def test_activities_a_school_hosted_are_fed_once_they_have_happened(desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        visit = hosted_visit(desk, days_from_now=7)
    assert fed(desk, Source.ACTIVITY) == []  # not happened yet
    type(visit).objects.filter(pk=visit.pk).update(
        starts_at=visit.starts_at - timedelta(days=14), ends_at=visit.ends_at - timedelta(days=14)
    )
    practice_feed_sync()
    [entry] = fed(desk, Source.ACTIVITY)
    assert (entry.school, entry.practice_area, entry.evidence_strength) == (
        desk.school_2,
        desk.literacy,
        EvidenceStrength.OBSERVATION,
    )
    assert entry.evidence.startswith("Hosted learning visit for Valleys Writing Network on ")
    visit.refresh_from_db()
    visit.status = "cancelled"
    with django_capture_on_commit_callbacks(execute=True):
        visit.save()
    assert fed(desk, Source.ACTIVITY) == []


def test_the_sync_command_is_idempotent(shared, django_capture_on_commit_callbacks):
    type(shared.enquiry).objects.filter(pk=shared.enquiry.pk).update(
        sharing=Sharing.CONSORTIUM, shared_at=timezone.now()
    )  # changed behind the signals' back
    assert fed(shared) == []
    call_command("sync_practice_record", verbosity=0)
    assert len(fed(shared)) == 2
    call_command("sync_practice_record", verbosity=0)
    assert len(fed(shared)) == 2
