"""An erased account takes its private enquiries with it (enquiry.services.enquiries_erase_private)."""

from django.conf import settings
from django.db.models.signals import pre_delete
from django.dispatch import receiver


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="enquiry_erase_private_with_owner")
def erase_private_enquiries(sender, instance, **kwargs):
    from .services import enquiries_erase_private

    enquiries_erase_private(owner=instance)
