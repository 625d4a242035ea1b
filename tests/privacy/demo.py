"""The demo seed as the world of the data-protection tests: people with a year of work behind them."""

from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

DEMO_PASSWORD = "plc-demo-2026"


def demo_email(key: str) -> str:
    return f"{key}@demo.plc-platform.org"


def seeded_demo(django_db_blocker, tmp_path_factory):
    """Seed the demo in a transaction rolled back when the module ends: yields the media folder."""
    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=StringIO())
        yield media
        transaction.set_rollback(True)
