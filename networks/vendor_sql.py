"""SQL that only one database engine understands, run from migrations: PostgreSQL in production,
SQLite as the embedded default. One guard, so each migration that needs engine-specific SQL
(triggers, covering indexes) says only what to run where."""

from __future__ import annotations

from collections.abc import Sequence


def for_vendor(**sql_by_vendor: str | Sequence[str]):
    """A RunPython function running the SQL given for the connection's engine (`postgresql=`,
    `sqlite=`), and nothing on an engine not named. SQLite takes one statement at a time, so give
    it a sequence of them."""

    def run(apps, schema_editor):
        statements = sql_by_vendor.get(schema_editor.connection.vendor, ())
        for sql in [statements] if isinstance(statements, str) else statements:
            schema_editor.execute(sql, params=None)

    return run


def on_postgres(sql: str):
    """A RunPython function running `sql` on PostgreSQL only (SQLite keeps without it)."""
    return for_vendor(postgresql=sql)
