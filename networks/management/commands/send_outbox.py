"""manage.py send_outbox: run the outbox's waiting tasks without Celery (networks.enqueue)."""

from django.core.management.base import BaseCommand

from networks.enqueue import outbox_sweep
from networks.sweeps import sweep_recorded
from networks.tasks import sweep_outbox


class Command(BaseCommand):
    help = "Run the tasks that could not be handed to the broker when they were committed."

    def handle(self, *args, **options):
        with sweep_recorded(sweep_outbox.name):
            ran = outbox_sweep()
        self.stdout.write(f"Ran {ran} waiting tasks.")
