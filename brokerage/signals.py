"""Keep the record of practice in step with shared enquiries and hosted activities (brokerage/feed.py).

Each change is fed after its transaction commits, so a rolled-back change never reaches the record.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from activities.models import Activity
from enquiry.models import Enquiry, ImpactClaim

from . import feed


def _enquiry_later(enquiry_id):
    transaction.on_commit(lambda: feed.practice_feed_enquiry(enquiry_id=enquiry_id))


def _activity_later(activity_id):
    transaction.on_commit(lambda: feed.practice_feed_activity(activity_id=activity_id))


@receiver(post_save, sender=Enquiry)
@receiver(post_delete, sender=Enquiry)
def enquiry_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _enquiry_later(instance.pk)


@receiver(post_save, sender=ImpactClaim)
@receiver(post_delete, sender=ImpactClaim)
def claim_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _enquiry_later(instance.enquiry_id)


@receiver(m2m_changed, sender=Enquiry.practice_areas.through)
def enquiry_areas_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Enquiry):
        _enquiry_later(instance.pk)


@receiver(post_save, sender=Activity)
@receiver(post_delete, sender=Activity)
def activity_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _activity_later(instance.pk)


@receiver(m2m_changed, sender=Activity.practice_areas.through)
def activity_areas_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Activity):
        _activity_later(instance.pk)
