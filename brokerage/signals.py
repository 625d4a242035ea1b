"""Keep the record of practice in step with shared enquiries and hosted activities (brokerage/feed.py).

Each change is fed after its transaction commits, so a rolled-back change never reaches the record.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from activities.models import Activity
from enquiry.models import Enquiry, ImpactClaim

from . import feed

AREAS_CHANGED = ("post_add", "post_remove", "post_clear")


def _enquiry_later(enquiry_id):
    transaction.on_commit(lambda: feed.practice_feed_enquiry(enquiry_id=enquiry_id))


def _activity_later(activity_id):
    transaction.on_commit(lambda: feed.practice_feed_activity(activity_id=activity_id))


def feed_on_change(model, later, id_of=lambda instance: instance.pk):
    """When a `model` row is saved or deleted (not loaded from a fixture), feed the row `id_of` it
    names, through `later`, after the commit."""

    def changed(sender, instance, raw=False, **kwargs):
        if not raw:
            later(id_of(instance))

    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"brokerage.feed.{model.__name__}.save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"brokerage.feed.{model.__name__}.delete")


def feed_on_areas_change(model, later):
    """When a `model` row's practice areas change, feed it, through `later`, after the commit."""

    def areas_changed(sender, instance, action, **kwargs):
        if action in AREAS_CHANGED and isinstance(instance, model):
            later(instance.pk)

    m2m_changed.connect(
        areas_changed,
        sender=model.practice_areas.through,
        weak=False,
        dispatch_uid=f"brokerage.feed.{model.__name__}.areas",
    )


feed_on_change(Enquiry, _enquiry_later)
feed_on_change(ImpactClaim, _enquiry_later, id_of=lambda claim: claim.enquiry_id)
feed_on_areas_change(Enquiry, _enquiry_later)
feed_on_change(Activity, _activity_later)
feed_on_areas_change(Activity, _activity_later)
