"""htmx attributes are written data-hx-*, so every page validates as HTML (vnu).

htmx reads both spellings; only the data- one is valid HTML. The every-page browser test runs the
HTML checker on whole pages; this catches the partials that htmx swaps in, which no page shows whole.
"""

import re
from pathlib import Path

BARE_HTMX_ATTRIBUTE = re.compile(r"(?<![\w-])hx-[a-z-]+=")
ROOT = Path(__file__).resolve().parent.parent


def test_no_template_writes_a_bare_hx_attribute():
    templates = [path for path in ROOT.glob("**/templates/**/*.html") if ".venv" not in path.parts]
    assert len(templates) > 100
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if BARE_HTMX_ATTRIBUTE.search(line)
    ]
    assert offenders == []


HTMX_ATTRIBUTE = re.compile(r"\bdata-hx-(?!headers=)[a-z-]+=")  # base.html's CSRF header is for every page
INCLUDE = re.compile(r"""{%\s*include\s+["']([^"']+)["']""")


def test_every_page_with_htmx_attributes_loads_htmx():
    """htmx is not on every page (it is 17 KB compressed): a page whose template, or a partial it
    includes, has data-hx-* attributes includes _htmx.html, or its attributes would do nothing."""
    templates = {
        str(path.relative_to(next(p for p in path.parents if p.name == "templates"))): path.read_text()
        for path in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in path.parts
    }

    def uses_htmx(name, seen=()):
        text = templates.get(name, "")
        return bool(HTMX_ATTRIBUTE.search(text)) or any(
            uses_htmx(included, (*seen, name)) for included in INCLUDE.findall(text) if included not in seen
        )

    pages = [name for name, text in templates.items() if "{% extends" in text]
    with_htmx = [name for name in pages if uses_htmx(name)]
    assert len(with_htmx) >= 4
    assert [name for name in with_htmx if '{% include "_htmx.html" %}' not in templates[name]] == []
