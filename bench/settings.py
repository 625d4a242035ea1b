"""Settings for bench/load.py only: the production settings the suite serves gunicorn with
(tests/production_settings.py), with a URL conf that adds two bare views to the platform's. The
platform's own settings never name bench.urls, so the bare views exist only in a server started
with DJANGO_SETTINGS_MODULE=bench.settings."""

from tests.production_settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
