"""manage.py send_brokerage_digest [--consortium SLUG] [--date YYYY-MM-DD]: the digest without Celery."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from brokerage.digest_services import digests_sweep
from brokerage.tasks import send_digests
from networks.models import Consortium
from networks.sweeps import sweep_recorded


class Command(BaseCommand):
    help = (
        "Plan each consortium's brokerage digest (new practice, completed engagements) for the period just "
        "ended and send it to those who opted in: the same sweep Celery beat runs. Safe to run twice: "
        "each person gets each period's digest once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--consortium", help="Only this consortium (its slug).")
        parser.add_argument("--date", help="Act as if today were this day (YYYY-MM-DD).")

    def handle(self, *args, consortium=None, date=None, **options):
        target = None
        if consortium:
            target = Consortium.objects.filter(slug=consortium).first()
            if target is None:
                raise CommandError(f"There is no consortium with the slug {consortium!r}.")
        today = None
        if date:
            try:
                today = _parse(date)
            except ValueError:
                raise CommandError(f"{date!r} is not a date like 2026-03-02.") from None
        if target is None and today is None:
            # The whole sweep, as beat runs it: the admin shows it ran.
            with sweep_recorded(send_digests.name):
                planned, sent = digests_sweep()
        else:
            planned, sent = digests_sweep(today=today, consortium=target)
        self.stdout.write(
            f"Digests with news: {planned}. Emails settled: {sent} (including any skipped: opted out meanwhile)."
        )


def _parse(value: str) -> date:
    return date.fromisoformat(value)
