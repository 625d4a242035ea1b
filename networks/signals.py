from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Consortium


@receiver(post_save, sender=Consortium)
def give_new_consortium_practice_areas(sender, instance, created, raw=False, **kwargs):
    """Every consortium, however created (admin, import, demo), starts with the default taxonomy."""
    if created and not raw:
        from .services import consortium_seed_practice_areas

        consortium_seed_practice_areas(consortium=instance)
