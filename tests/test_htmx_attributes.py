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
