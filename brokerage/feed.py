"""The record of practice, fed automatically from shared enquiries and hosted activities.

An **enquiry** (enquiry app) gives its school one entry per practice area of the enquiry when it is
shared with the consortium or the public library *and* has at least one impact claim. The entry
carries the enquiry's title; what it found (its conclusions, else what changed, else its question);
its strongest claim as the evidence, and that claim's strength (the same 1-5 scale); the period from
its start to when it reached "reflect" or "share" (open while it is still going); and, as the date it
joined the record, when it was shared.

An **activity** (activities app) gives its host school one entry per practice area once it is
confirmed or done and has ended (cancelled ones never): its title, purpose and recorded outcomes,
and as evidence that visitors saw the practice first-hand, so its strength is "observation".

Anything that stops meeting its rule (taken back below consortium level, claims removed, an area
removed, cancelled, deleted) loses its entries. Signals keep the record in step as enquiries,
claims and activities are saved; `practice_feed_sync` (run before each digest, and by
`manage.py sync_practice_record`) catches what signals cannot see, such as an activity ending.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from activities.models import Activity, ActivityStatus
from enquiry.models import Enquiry, Sharing, Stage

from . import text
from .models import EvidenceStrength, PracticeEntry, Source

WIDE_SHARING = (Sharing.CONSORTIUM, Sharing.PUBLIC)
FINISHED_STAGES = (Stage.REFLECT, Stage.SHARE)
HOSTED_STATUSES = (ActivityStatus.CONFIRMED, ActivityStatus.DONE)


def _first_line(*texts: str) -> str:
    for value in texts:
        if value and value.strip():
            return value.strip()[:4000]
    return ""


def _sync_entries(source: str, obj, wanted: dict[int, dict]) -> tuple[int, int]:
    """Make obj's entries exactly `wanted` (practice area id -> fields): (written, removed)."""
    content_type = ContentType.objects.get_for_model(type(obj))
    existing = PracticeEntry.objects.filter(content_type=content_type, object_id=obj.pk)
    removed, _ = existing.exclude(practice_area_id__in=list(wanted)).delete()
    for area_id, fields in wanted.items():
        PracticeEntry.objects.update_or_create(
            content_type=content_type,
            object_id=obj.pk,
            practice_area_id=area_id,
            defaults={**fields, "source": source},
        )
    return len(wanted), removed


def _enquiry_entries(enquiry: Enquiry) -> dict[int, dict]:
    if enquiry.sharing not in WIDE_SHARING:
        return {}
    claims = list(enquiry.impact_claims.all())
    if not claims:
        return {}
    strongest = max(claims, key=lambda claim: (claim.strength, claim.created_at, claim.pk))
    finished = enquiry.stage in FINISHED_STAGES
    fields = {
        "school_id": enquiry.school_id,
        "title": enquiry.title[:200],
        "summary": _first_line(enquiry.conclusions, enquiry.changes, enquiry.question),
        "evidence": strongest.claim[:4000],
        "evidence_strength": strongest.strength,
        "period_start": timezone.localdate(enquiry.created_at),
        "period_end": timezone.localdate(enquiry.stage_changed_at) if finished else None,
        "shared_at": enquiry.shared_at or timezone.now(),
    }
    return {
        area.pk: fields for area in enquiry.practice_areas.all() if area.consortium_id == enquiry.school.consortium_id
    }


def _activity_entries(activity: Activity) -> dict[int, dict]:
    if not activity.host_school_id or activity.status not in HOSTED_STATUSES or activity.ends_at > timezone.now():
        return {}
    on = timezone.localdate(activity.starts_at)
    fields = {
        "school_id": activity.host_school_id,
        "title": activity.title[:200],
        "summary": _first_line(activity.outcomes, activity.purpose, activity.title),
        "evidence": f"Hosted {activity.activity_type.name.lower()} for {activity.network.name} "
        f"on {text.day(on, year=True)}.",
        "evidence_strength": EvidenceStrength.OBSERVATION,
        "period_start": on,
        "period_end": timezone.localdate(activity.ends_at),
        "shared_at": activity.ends_at,
    }
    consortium_id = activity.host_school.consortium_id
    return {area.pk: fields for area in activity.practice_areas.all() if area.consortium_id == consortium_id}


@transaction.atomic
def practice_feed_enquiry(*, enquiry_id: int) -> tuple[int, int]:
    """Bring one enquiry's entries in step with it (or remove them, if it is gone)."""
    enquiry = (
        Enquiry.objects.select_related("school")
        .prefetch_related("practice_areas", "impact_claims")
        .filter(pk=enquiry_id)
        .first()
    )
    if enquiry is None:
        return 0, practice_feed_forget(model=Enquiry, object_id=enquiry_id)
    return _sync_entries(Source.ENQUIRY, enquiry, _enquiry_entries(enquiry))


@transaction.atomic
def practice_feed_activity(*, activity_id: int) -> tuple[int, int]:
    activity = (
        Activity.objects.select_related("host_school", "network", "activity_type")
        .prefetch_related("practice_areas")
        .filter(pk=activity_id)
        .first()
    )
    if activity is None:
        return 0, practice_feed_forget(model=Activity, object_id=activity_id)
    return _sync_entries(Source.ACTIVITY, activity, _activity_entries(activity))


def practice_feed_forget(*, model, object_id: int) -> int:
    content_type = ContentType.objects.get_for_model(model)
    deleted, _ = PracticeEntry.objects.filter(content_type=content_type, object_id=object_id).delete()
    return deleted


def practice_feed_sync() -> tuple[int, int]:
    """Every enquiry and activity that has, or should have, entries: (written, removed)."""
    written = removed = 0
    for source, model, feed, candidates in (
        (
            Source.ENQUIRY,
            Enquiry,
            practice_feed_enquiry,
            Enquiry.objects.filter(sharing__in=WIDE_SHARING)
            .annotate(claims=Max("impact_claims__strength"))
            .filter(claims__isnull=False),
        ),
        (
            Source.ACTIVITY,
            Activity,
            practice_feed_activity,
            Activity.objects.filter(host_school__isnull=False, status__in=HOSTED_STATUSES, ends_at__lte=timezone.now()),
        ),
    ):
        content_type = ContentType.objects.get_for_model(model)
        fed = set(
            PracticeEntry.objects.filter(content_type=content_type, source=source).values_list("object_id", flat=True)
        )
        for pk in sorted(set(candidates.values_list("pk", flat=True)) | fed):
            changed, gone = feed(**{f"{model._meta.model_name}_id": pk})
            written, removed = written + changed, removed + gone
    return written, removed
