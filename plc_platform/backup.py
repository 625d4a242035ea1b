"""Backup and restore of PostgreSQL and the media folder, with a manifest to check a restore by.

A backup is a folder: `database.dump` (pg_dump's custom format), `media.tar.gz`, and
`manifest.json` holding every table's row count and a checksum of its contents (an MD5 of its
rows in primary-key order) and each media file's SHA-256. `manage.py restore` loads one into an
empty database and compares the restored tables with the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections


def _pg_env(database: dict) -> dict:
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return env


def _pg_args(database: dict) -> list[str]:
    args = ["--dbname", database["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args += [flag, str(database[key])]
    return args


def table_checksums(database: dict | None = None) -> dict[str, dict]:
    """Every table of the database (Django's settings of it; default: the site's): its row count
    and an MD5 of its rows in order. Read on a connection of its own, so it sees only what is
    committed, as pg_dump does."""
    import psycopg

    database = database or connections["default"].settings_dict
    found = {}
    conninfo = {"dbname": database["NAME"], "host": database.get("HOST") or None, "port": database.get("PORT") or None}
    conninfo.update(user=database.get("USER") or None, password=database.get("PASSWORD") or None)
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v}) as raw, raw.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
        for (table,) in cursor.fetchall():
            cursor.execute(
                f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t"
            )
            count, digest = cursor.fetchone()
            found[table] = {"rows": count, "md5": digest}
    return found


def media_checksums(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def backup_create(*, folder: Path) -> dict:
    database = connections["default"].settings_dict
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--file", str(folder / "database.dump"), *_pg_args(database)],
        check=True,
        env=_pg_env(database),
    )
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname="media")
    manifest = {
        "tables": table_checksums(database),
        "media": media_checksums(media) if media.exists() else {},
        "database_sha256": hashlib.sha256((folder / "database.dump").read_bytes()).hexdigest(),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def backup_restore(*, folder: Path, database: dict | None = None, media_root: Path | None = None) -> list[str]:
    """Load a backup into an empty database (default: the site's) and media folder: the
    differences from its manifest, none if the restore is exact."""
    manifest = json.loads((folder / "manifest.json").read_text())
    dump = folder / "database.dump"
    if hashlib.sha256(dump.read_bytes()).hexdigest() != manifest["database_sha256"]:
        return ["database.dump does not match its checksum"]
    database = database or connections["default"].settings_dict
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", *_pg_args(database), str(dump)],
        check=True,
        env=_pg_env(database),
    )
    media_root = Path(media_root or settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / "media.tar.gz") as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("media/"):
                member.name = member.name.removeprefix("media/")
                archive.extract(member, media_root, filter="data")
    return backup_compare(manifest, table_checksums(database), media_checksums(media_root))


def backup_compare(manifest: dict, tables: dict, media: dict) -> list[str]:
    differences = [
        f"table {name}: {manifest['tables'].get(name)} backed up, {tables.get(name)} restored"
        for name in sorted(set(manifest["tables"]) | set(tables))
        if manifest["tables"].get(name) != tables.get(name)
    ]
    differences += [
        f"file {name} differs"
        for name in sorted(set(manifest["media"]) | set(media))
        if manifest["media"].get(name) != media.get(name)
    ]
    return differences
