"""manage.py seed_demo: a year in the life of two consortia (plc_platform.demo)."""

from django.core.management.base import BaseCommand

from networks.demo import DEMO_PASSWORD
from plc_platform.demo import demo_year_seed


class Command(BaseCommand):
    help = (
        "Load the demo: two made-up consortia with schools, networks and people, and an academic year of "
        "self-review, enquiries, activities and brokerage, plus one sign-in per role. Running it again "
        "changes nothing."
    )

    def handle(self, *args, **options):
        summary = demo_year_seed()
        people = summary.people
        self.stdout.write(
            f"{people.consortium.name} and {people.second.name}: {people.schools} schools, {people.networks} "
            f"networks, {people.people} people, {people.pending_invitations} pending invitations."
        )
        created = ", ".join(f"{count} {what}" for what, count in summary.created.items() if count)
        self.stdout.write(f"Created now: {created}." if created else "Nothing new: the demo data was there already.")

        rows = [("Role", "Email")]
        rows += [(login.label, login.email) for login in summary.logins]
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins"))
        for number, row in enumerate(rows):
            self.stdout.write(self._line(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
            if number == 0:
                self.stdout.write(self._line("-" * width for width in widths))
            else:
                finds = summary.findings.get(summary.logins[number - 1].key)
                if finds:
                    self.stdout.write(f"      finds: {finds}")
        self.stdout.write("")
        self.stdout.write(f"Every demo login, and every other demo person, uses the password {DEMO_PASSWORD}.")
        self.stdout.write(self.style.SUCCESS("Open http://127.0.0.1:8000 and sign in."))

    @staticmethod
    def _line(cells) -> str:
        return ("  " + "  ".join(cells)).rstrip()
