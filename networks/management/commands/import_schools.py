"""manage.py import_schools FILE --consortium SLUG [--dry-run]: load a register (GIAS) extract."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from networks.importer import ImportRefused, decode_upload, schools_import
from networks.models import Consortium

SHOW_SKIPPED = 50


class Command(BaseCommand):
    help = "Import schools into a consortium from a CSV exported from Get Information About Schools."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file, in the register's column names (URN, Establishment name, ...).")
        parser.add_argument("--consortium", required=True, help="The consortium's slug.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; write nothing.")

    def handle(self, *args, file, consortium, dry_run, **options):
        started = time.perf_counter()
        try:
            target = Consortium.objects.get(slug=consortium)
        except Consortium.DoesNotExist:
            raise CommandError(f"There is no consortium with the slug {consortium!r}.") from None
        path = Path(file)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"File not found: {path}") from None
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        try:
            report = schools_import(consortium=target, text=decode_upload(data), dry_run=dry_run)
        except ImportRefused as error:
            raise CommandError(f"{path}: {error}") from None
        elapsed = time.perf_counter() - started

        self.stdout.write(
            f"Created {report.created}, updated {report.updated}, unchanged {report.unchanged}, "
            f"skipped {len(report.skipped)}."
        )
        for line, urn, reason in report.skipped[:SHOW_SKIPPED]:
            self.stdout.write(f"  line {line}" + (f" (URN {urn})" if urn else "") + f": {reason}")
        if len(report.skipped) > SHOW_SKIPPED:
            self.stdout.write(f"  ... and {len(report.skipped) - SHOW_SKIPPED} more")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        self.stdout.write(f"Took {elapsed:.2f} s.")
