"""manage.py purge_expired: delete records past their retention period (plc_platform.retention)."""

from django.core.management.base import BaseCommand

from networks.sweeps import sweep_recorded
from plc_platform.retention import retention_purge
from plc_platform.tasks import purge_expired


class Command(BaseCommand):
    help = (
        "Delete old invitations, expired sessions, old sign-in records, sent notices, run outbox rows "
        "and old copies of people's data."
    )

    def handle(self, *args, **options):
        with sweep_recorded(purge_expired.name):
            purged = retention_purge()
        self.stdout.write(", ".join(f"{count} {kind}" for kind, count in purged.items()) + " purged.")
