"""First-load bytes: the CSS and JS a page makes the browser fetch, as WhiteNoise serves them.

    .venv/bin/python bench/first_load.py [path ...]      # default: the home page, signed in

Signs in a throwaway person on the database in DATABASE_URL (inside a transaction that is rolled
back), fetches each page with Django's test client, reads the stylesheets and scripts it links
from the static files, and compresses each as collectstatic does (WhiteNoise's own gzip and
brotli). Prints a row per file and the totals. tests/test_first_load.py holds the base template's
total under its budget with the same functions.
"""

import re
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from whitenoise.compress import Compressor

ASSET = re.compile(r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"')


def linked_assets(html):
    """The static paths of the stylesheets and scripts a page links, in order."""
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    urls = [css or js for css, js in ASSET.findall(html)]
    return [url.removeprefix(prefix) for url in urls if url.startswith(prefix)]


def compressed_sizes(static_path):
    """(raw, gzip, brotli) bytes of one static file as WhiteNoise serves it."""
    data = Path(finders.find(static_path)).read_bytes()
    return len(data), len(Compressor.compress_gzip(data)), len(Compressor.compress_brotli(data))


def first_load(html):
    """{static path: (raw, gzip, brotli)} for every stylesheet and script the page links."""
    return {path: compressed_sizes(path) for path in linked_assets(html)}


def report(name, sizes):
    print(f"\n{name}\n\n| file | raw | gzip | brotli |\n| --- | ---: | ---: | ---: |")
    for path, (raw, gz, br) in sizes.items():
        print(f"| {path} | {raw:,} | {gz:,} | {br:,} |")
    raw, gz, br = (sum(column) for column in zip(*sizes.values(), strict=True))
    print(f"| **total** | {raw:,} | {gz:,} ({gz / 1024:.1f} KB) | {br:,} ({br / 1024:.1f} KB) |")


def main(paths):
    import django

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    django.setup()
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tests.factories import UserFactory

    setup_test_environment()
    with transaction.atomic():
        client = Client()
        client.force_login(UserFactory())
        for path in paths or ["/"]:
            response = client.get(path, follow=True)
            assert response.status_code == 200, (path, response.status_code)
            report(path, first_load(response.content.decode()))
        transaction.set_rollback(True)


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plc_platform.settings")
    main(sys.argv[1:])
