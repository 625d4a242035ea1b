"""manage.py import_practice FILE --consortium SLUG: load entries of the record of schools' practice."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from brokerage.practice_import import ImportRefused, PracticeImportFailed, decode_upload, practice_import
from networks.models import Consortium

SHOW_PROBLEMS = 50


class Command(BaseCommand):
    help = (
        "Import entries of the record of schools' practice from a CSV (URN, Practice area, Title, Summary, From, "
        "To, Evidence, Strength of evidence). All or nothing: a file with a wrong row imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--consortium", required=True, help="The consortium's slug.")

    def handle(self, *args, file, consortium, **options):
        target = Consortium.objects.filter(slug=consortium).first()
        if target is None:
            raise CommandError(f"There is no consortium with the slug {consortium!r}.")
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        try:
            result = practice_import(consortium=target, text=decode_upload(data), by=None)
        except ImportRefused as error:
            raise CommandError(f"{path}: {error}") from None
        except PracticeImportFailed as error:
            lines = [f"  line {line}: {message}" for line, message in error.problems[:SHOW_PROBLEMS]]
            if len(error.problems) > SHOW_PROBLEMS:
                lines.append(f"  ... and {len(error.problems) - SHOW_PROBLEMS} more")
            raise CommandError(f"{path}: {error} Nothing was imported.\n" + "\n".join(lines)) from None
        self.stdout.write(f"Imported {result.created} entries into {target.name}'s record of practice.")
