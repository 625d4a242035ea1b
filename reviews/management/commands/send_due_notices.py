"""manage.py send_due_notices: the notice sweep without Celery (cron, or the embedded default)."""

from django.core.management.base import BaseCommand

from networks.sweeps import sweep_recorded
from reviews.notices import notices_sweep
from reviews.tasks import sweep_notices


class Command(BaseCommand):
    help = (
        "Open and close self-review rounds that are due, create the notices owed and send them: "
        "the same sweep Celery beat runs. Safe to run while workers run it too."
    )

    def handle(self, *args, **options):
        with sweep_recorded(sweep_notices.name):
            result = notices_sweep()
        self.stdout.write(
            f"Rounds opened: {result.opened}. Rounds closed: {result.closed}. "
            f"Notices planned: {result.planned}. Notices sent: {result.sent} "
            "(including any skipped: turned off by the person, or no longer needed)."
        )
