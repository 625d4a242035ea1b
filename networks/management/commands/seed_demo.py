"""manage.py seed_demo: the demo consortium, its schools, networks and people (networks.demo)."""

from django.core.management.base import BaseCommand

from networks.demo import DEMO_PASSWORD, demo_seed


class Command(BaseCommand):
    help = (
        "Create a made-up consortium in South Wales with schools, networks, people and pending "
        "invitations, plus one sign-in per role. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        summary = demo_seed()
        self.stdout.write(
            f"{summary.consortium.name}: {summary.schools} schools, {summary.networks} networks, "
            f"{summary.people} people, {summary.pending_invitations} pending invitations."
        )
        created = ", ".join(f"{count} {what}" for what, count in summary.created.items() if count)
        self.stdout.write(f"Created now: {created}." if created else "Nothing new: the demo data was there already.")

        rows = [("Role", "Email", "Password")]
        rows += [(login.label, login.email, DEMO_PASSWORD) for login in summary.logins]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins"))
        for number, row in enumerate(rows):
            self.stdout.write(self._line(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
            if number == 0:
                self.stdout.write(self._line("-" * width for width in widths))
        self.stdout.write("")
        self.stdout.write(f"Every demo login, and every other demo person, uses the password {DEMO_PASSWORD}.")
        self.stdout.write(self.style.SUCCESS("Open http://127.0.0.1:8000 and sign in."))

    @staticmethod
    def _line(cells) -> str:
        return ("  " + "  ".join(cells)).rstrip()
