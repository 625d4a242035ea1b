"""HTML is compressed for clients that accept gzip; static files are precompressed with brotli."""

import gzip
from pathlib import Path

import brotli
import pytest
from django.core.management import call_command
from django.test import Client
from whitenoise.compress import Compressor

PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.django_db
def test_pages_are_gzipped_for_clients_that_accept_it(client):
    plain = client.get("/accounts/login/")
    squeezed = client.get("/accounts/login/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert plain.status_code == squeezed.status_code == 200
    assert "Content-Encoding" not in plain
    assert squeezed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in squeezed["Vary"]
    assert b"<form" in gzip.decompress(squeezed.content)


def test_whitenoise_makes_brotli_files(tmp_path):
    css = tmp_path / "site.css"
    css.write_text("body { margin: 0; }\n" * 200)
    made = list(Compressor(quiet=True).compress(str(css)))
    assert str(css) + ".br" in made
    assert brotli.decompress((tmp_path / "site.css.br").read_bytes()) == css.read_bytes()


def test_collectstatic_writes_brotli_files_and_whitenoise_serves_them(tmp_path, settings):
    """As in production: collectstatic (CompressedManifestStaticFilesStorage) writes a .br beside
    each file, and WhiteNoise answers a browser that accepts brotli with it."""
    settings.STATIC_ROOT = tmp_path
    # plc_platform/settings.py's choice when DEBUG is off (the test settings serve files plainly)
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC_STORAGE}}
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]  # static/ only: quicker
    call_command("collectstatic", "--noinput", "--ignore", "*.ttf", verbosity=0)
    (css,) = tmp_path.glob("vendor/bootstrap/bootstrap.min.*.css")
    assert brotli.decompress(Path(f"{css}.br").read_bytes()) == css.read_bytes()

    client = Client()  # a new handler, whose WhiteNoise reads the files just collected
    url = f"/static/vendor/bootstrap/{css.name}"
    served = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert served.status_code == 200
    assert served["Content-Encoding"] == "br"
    assert brotli.decompress(b"".join(served.streaming_content)) == css.read_bytes()
    assert client.get(url, HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"
