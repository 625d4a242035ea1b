"""How far a background job has gone, for the page that waits for it.

A job that saves all or nothing (a data export, a schools import) runs in one transaction, so
nothing it writes reaches the page's requests until it commits. It reports how far it has got
through the cache instead, under a key naming the row it serves and the time that row was made,
so a row number reused by another database (after a restore, in a test run) never reads a stale
figure.
"""

from django.core.cache import cache

KEPT_FOR = 60 * 60  # seconds: a job that dies leaves no figure behind for longer


def _key(row) -> str:
    return f"progress-{row._meta.label_lower}-{row.pk}-{row.created_at.timestamp():.6f}"


def progress_report(row, value) -> None:
    cache.set(_key(row), value, KEPT_FOR)


def progress_of(row, default=None):
    return cache.get(_key(row), default)


def progress_clear(row) -> None:
    cache.delete(_key(row))
