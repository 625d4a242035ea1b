"""manage.py run_schedule: run the scheduled sweeps without Celery beat (plc_platform.scheduler)."""

import signal

from django.conf import settings
from django.core.management.base import BaseCommand

from plc_platform.scheduler import TICK_SECONDS, EmbeddedScheduler


class Command(BaseCommand):
    help = (
        "Run the sweeps of the beat schedule (self-review notices, the outbox, brokerage digests) in "
        "this process, each when it is due, until stopped. `make run` starts it beside the server; "
        "production runs Celery beat instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=float, default=TICK_SECONDS, help="Seconds between looks at the schedule.")

    def handle(self, *args, tick, **options):
        scheduler = EmbeddedScheduler(tick_seconds=tick)
        # Stop between sweeps when told to, not in the middle of one.
        signal.signal(signal.SIGTERM, lambda *_: scheduler.stop())
        where = "a broker is configured: Celery beat may run them too" if settings.REDIS_URL else "no broker"
        self.stdout.write(f"Running the scheduled sweeps every {tick:g} s ({where}). Stop with Ctrl-C.")
        try:
            scheduler.run()
        except KeyboardInterrupt:
            scheduler.stop()
