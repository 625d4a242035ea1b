"""The statement of account as a PDF, made with WeasyPrint from the same HTML as the page.

WeasyPrint needs Pango from the operating system. Where it cannot load, `pdf_available()` is
False and the page says so instead of offering a link that would fail.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders

FONTS = {"normal": "vendor/dejavu/DejaVuSans.ttf", "bold": "vendor/dejavu/DejaVuSans-Bold.ttf"}


@cache
def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: the library is there but Pango is not
        return None
    return weasyprint


def pdf_available() -> bool:
    return _weasyprint() is not None


def static_file_url(path: str) -> str:
    """The file: address of one of the platform's static files, for WeasyPrint to load."""
    return Path(finders.find(path)).as_uri()


def static_file_text(path: str) -> str:
    """The text of one of the platform's static files (a stylesheet to embed)."""
    return Path(finders.find(path)).read_text(encoding="utf-8")


def font_urls() -> dict[str, str]:
    """file: addresses of the vendored fonts, for the PDF's @font-face rules."""
    return {weight: static_file_url(path) for weight, path in FONTS.items()}


def render_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML document (its fonts by file: address, charts inline SVG)."""
    weasyprint = _weasyprint()
    if weasyprint is None:
        raise RuntimeError("WeasyPrint cannot load here: install Pango (see the README).")
    return weasyprint.HTML(string=html).write_pdf()
