"""manage.py sync_practice_record: bring the record of practice in step with enquiries and activities."""

from django.core.management.base import BaseCommand

from brokerage.feed import practice_feed_sync


class Command(BaseCommand):
    help = (
        "Write the record-of-practice entries owed by enquiries shared with the consortium (with an impact claim) "
        "and by activities schools hosted, and remove those no longer owed. The digest runs it first too."
    )

    def handle(self, *args, **options):
        written, removed = practice_feed_sync()
        self.stdout.write(f"Entries written or refreshed: {written}. Removed: {removed}.")
