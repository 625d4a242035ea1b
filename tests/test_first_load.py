"""The CSS and JS every page loads first stays small: under 60 KB compressed (gzip and brotli,
as WhiteNoise serves them). Size, not speed: bench/first_load.py prints the same figures per file."""

import pytest

from bench.first_load import first_load
from tests.factories import UserFactory

BUDGET = 60_000  # bytes, compressed


@pytest.mark.django_db
def test_the_base_templates_first_load_css_and_js_is_under_60_kb_compressed(client):
    client.force_login(UserFactory())
    sizes = first_load(client.get("/").content.decode())
    assert {"vendor/bootstrap/bootstrap.min.css", "css/site.css", "js/site.js"} <= set(sizes)
    gzip_total = sum(gz for _, gz, _ in sizes.values())
    brotli_total = sum(br for _, _, br in sizes.values())
    assert gzip_total < BUDGET, sizes
    assert brotli_total < BUDGET, sizes
