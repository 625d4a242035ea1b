"""An erased account takes its private enquiries with it (enquiry.services.enquiries_erase_private);
a new consortium gets the default list of approaches, in English and Welsh."""

from django.conf import settings
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from django.utils.text import slugify


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="enquiry_erase_private_with_owner")
def erase_private_enquiries(sender, instance, **kwargs):
    from .services import enquiries_erase_private

    enquiries_erase_private(owner=instance)


@receiver(post_save, sender="networks.Consortium", dispatch_uid="enquiry_seed_approaches")
def give_new_consortium_approaches(sender, instance, created, raw=False, **kwargs):
    """Every consortium, however created, starts with the default list of approaches to edit."""
    if created and not raw:
        from .models import DEFAULT_APPROACHES, DEFAULT_APPROACHES_CY, Approach

        Approach.objects.bulk_create(
            [
                Approach(consortium=instance, name=name, name_cy=DEFAULT_APPROACHES_CY[name], slug=slugify(name))
                for name in DEFAULT_APPROACHES
            ],
            ignore_conflicts=True,
        )
