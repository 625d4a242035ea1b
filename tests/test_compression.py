"""HTML is compressed for clients that accept gzip; static files are precompressed with brotli."""

import gzip

import brotli
import pytest
from whitenoise.compress import Compressor


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
