"""manage.py send_outbox: run the outbox's waiting tasks without Celery (networks.enqueue)."""

from django.core.management.base import BaseCommand

from networks.enqueue import outbox_sweep


class Command(BaseCommand):
    help = "Run the tasks that could not be handed to the broker when they were committed."

    def handle(self, *args, **options):
        self.stdout.write(f"Ran {outbox_sweep()} waiting tasks.")
