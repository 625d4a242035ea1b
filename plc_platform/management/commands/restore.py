"""manage.py restore FOLDER: load a backup into an empty database and check it (plc_platform.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plc_platform.backup import backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty database, then compare it with its manifest."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        differences = backup_restore(folder=folder)
        if differences:
            raise CommandError("The restore differs from the backup:\n" + "\n".join(differences))
        self.stdout.write("Restored: every table's row count and checksum, and every file, match the manifest.")
