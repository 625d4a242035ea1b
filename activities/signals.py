from django.db.models.signals import post_save
from django.dispatch import receiver

from networks.models import Consortium


@receiver(post_save, sender=Consortium)
def give_new_consortium_rates(sender, instance, created, raw=False, **kwargs):
    """Every consortium, however created, starts with the default rates (seed 004 and labelled defaults)."""
    if created and not raw:
        from .services import consortium_seed_rates

        consortium_seed_rates(consortium=instance)
