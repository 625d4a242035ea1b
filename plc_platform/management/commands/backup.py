"""manage.py backup FOLDER: PostgreSQL dump, media folder and a manifest (plc_platform.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from plc_platform.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and the media folder into FOLDER, with a manifest of row counts and checksums."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        manifest = backup_create(folder=folder)
        self.stdout.write(f"Backed up {len(manifest['tables'])} tables and {len(manifest['media'])} files to {folder}.")
