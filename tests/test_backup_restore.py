"""The restore drill: back up a database with data in it and files in the media folder, restore
into a fresh PostgreSQL database, and compare every table's row count and checksum and every file."""

import hashlib
import json
import os

import pytest
from django.core.management import call_command
from django.db import connection

from plc_platform.backup import backup_create, backup_restore, table_checksums
from tests.enquiry.helpers import attach_file, make_enquiry

from .conftest import service_missing


@pytest.fixture
def fresh_database(transactional_db):
    if connection.vendor != "postgresql":
        service_missing("the restore drill needs PostgreSQL (DATABASE_URL)")
    name = f"{connection.settings_dict['NAME']}_restore_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    yield {**connection.settings_dict, "NAME": name}
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_a_backup_restores_into_a_fresh_database_exactly(world, fresh_database, settings, tmp_path, capsys):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    attach_file(enquiry, world.people.teacher_a)

    manifest = backup_create(folder=tmp_path / "backup")
    assert manifest["tables"]["networks_user"]["rows"] == 7
    assert manifest["media"]

    differences = backup_restore(folder=tmp_path / "backup", database=fresh_database, media_root=tmp_path / "restored")
    assert differences == []
    restored = table_checksums(fresh_database)
    assert restored == manifest["tables"]
    non_empty = sum(1 for table in restored.values() if table["rows"])
    digest = hashlib.sha256(json.dumps(restored, sort_keys=True).encode()).hexdigest()
    print(f"restore drill: {len(restored)} tables ({non_empty} with rows), {len(manifest['media'])} files match;")
    print(f"users {restored['networks_user']}, all tables' checksums sha256 {digest}")


def test_a_changed_row_is_found(world, fresh_database, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    manifest = backup_create(folder=tmp_path / "backup")
    manifest_path = tmp_path / "backup" / "manifest.json"
    manifest["tables"]["networks_user"]["md5"] = "0" * 32
    manifest_path.write_text(json.dumps(manifest))
    differences = backup_restore(folder=tmp_path / "backup", database=fresh_database, media_root=tmp_path / "restored")
    assert [line.split(":")[0] for line in differences] == ["table networks_user"]


def test_the_commands_run(world, settings, tmp_path, capsys):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("backup", str(tmp_path / "backup"))
    assert "Backed up" in capsys.readouterr().out
    assert (tmp_path / "backup" / "database.dump").stat().st_size > 0
