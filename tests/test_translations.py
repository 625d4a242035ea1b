"""Welsh and English (issue 16): every string a person reads in a template is marked for
translation, and every Welsh catalogue is complete, unfuzzy and up to date with its source.

The catalogues: one per app (<app>/locale/cy/LC_MESSAGES/django.po), the project's for templates/
(locale/), and the Welsh of allauth's strings (locale_allauth/: allauth ships none).
"""

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

ROOT = Path(settings.BASE_DIR)
APPS = ["networks", "reviews", "enquiry", "activities", "brokerage", "api", "plc_platform"]
TEMPLATE_DIRS = [ROOT / "templates", *(ROOT / app / "templates" for app in APPS)]

# Folders whose templates are still being marked (issue 16): each owner removes theirs in the
# commit that finishes it. Empty when the work is done.
NOT_YET_MARKED: set[str] = set()

# Attributes a person reads (or hears, from a screen reader).
VISIBLE_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "aria-roledescription", "label"}
# Text in these elements is code, not words: left as written in every language.
CODE_ELEMENTS = {"script", "style", "code", "kbd", "samp"}
LETTER = re.compile(r"[^\W\d_]")
TRANSLATE_TAGS = {"translate", "trans"}
BLOCK_TRANSLATE = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
# A literal in a tag or filter that is shown: `default:"None yet"`, `with button="Remove"`.
SHOWN_LITERAL = re.compile(r"""(?:\b(?:default|default_if_none|yesno):|\b\w+=)(?P<q>["'])(?P<text>.*?)(?P=q)""")
VARIABLE = "\N{SECTION SIGN}"  # what a {{ variable }} leaves in the text checked: no letters
TAG = "\x00"  # what any other tag leaves: it ends one piece of text and starts the next


def _checked_text(source: str) -> tuple[str, list[str]]:
    """The template with every translated or computed part taken out: what is left is the text
    written in the template itself. Also the shown literals of tags and filters."""
    out, literals = [], []
    inside = None  # the end tag of the block being skipped ({% blocktranslate %}, {% comment %})
    for token in Lexer(source).tokenize():
        contents = token.contents.strip()
        name = contents.split(" ", 1)[0] if contents else ""
        if inside:
            if token.token_type == TokenType.BLOCK and name == inside:
                inside = None
            continue
        if token.token_type == TokenType.TEXT:
            out.append(token.contents)
        elif token.token_type == TokenType.VAR:
            out.append(VARIABLE)
            literals += _shown_literals(contents)
        elif token.token_type == TokenType.BLOCK:
            if name in BLOCK_TRANSLATE:
                inside = BLOCK_TRANSLATE[name]
            elif name in ("comment", "verbatim"):
                inside = "end" + name
            elif name not in TRANSLATE_TAGS:
                literals += _shown_literals(contents)
            if name in TRANSLATE_TAGS or name in BLOCK_TRANSLATE:
                out.append(VARIABLE)
            elif not _inside_a_tag(out):  # `<{% if %}a{% else %}button{% endif %}`: one tag's name
                out.append(TAG)
    return "".join(out), literals


def _inside_a_tag(out: list[str]) -> bool:
    text = "".join(out[-20:])
    return text.rfind("<") > text.rfind(">")


def _shown_literals(contents: str) -> list[str]:
    """Literals that read as words (a capital or a space), not names of templates, classes or formats."""
    found = []
    for match in SHOWN_LITERAL.finditer(contents):
        text = match["text"]
        if contents[: match.start()].rstrip().endswith("_("):
            continue
        if "/" in text or "." in text or not LETTER.search(text):
            continue
        if " " in text or text[:1].isupper():
            found.append(text)
    return found


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.open_code = []

    def handle_starttag(self, tag, attrs):
        if tag in CODE_ELEMENTS:
            self.open_code.append(tag)
        attributes = dict(attrs)
        shown = set(VISIBLE_ATTRIBUTES)
        if tag == "input" and attributes.get("type") in ("submit", "button", "reset"):
            shown.add("value")
        for name, value in attrs:
            if name in shown and value and LETTER.search(value):
                self.found.append(f'{name}="{value.strip()}"')

    def handle_endtag(self, tag):
        if self.open_code and self.open_code[-1] == tag:
            self.open_code.pop()

    def handle_data(self, data):
        if not self.open_code:
            self.found += [" ".join(piece.split()) for piece in data.split(TAG) if LETTER.search(piece)]


def untranslated_text(source: str) -> list[str]:
    """Every piece of user-visible text in a template that no translation tag holds."""
    text, literals = _checked_text(source)
    parser = _VisibleText()
    parser.feed(text)
    parser.close()
    return parser.found + literals


def _templates():
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".html", ".txt", ".svg") and path.is_file():
                yield path


def test_the_check_finds_text_outside_translation_tags():
    """The check itself: what it must catch, and what it must let through."""
    assert untranslated_text('<h1>Your profile</h1><p title="Help">{% translate "Hi" %}</p>') == [
        "Your profile",
        'title="Help"',
    ]
    assert untranslated_text('{% include "confirm.html" with button="Remove it" %}{{ x|default:"None yet" }}') == [
        "Remove it",
        "None yet",
    ]
    assert untranslated_text('<input type="submit" value="Save">') == ['value="Save"']
    assert (
        untranslated_text(
            '{% load i18n %}<a href="{% url "home" %}" class="btn">{% translate "Home" %}</a> · {{ n }} &middot; '
            "{% blocktranslate trimmed count n=n %}One {{ n }}{% plural %}{{ n }} many{% endblocktranslate %}"
            '<script>let a = "b";</script><code>GET /api/v1/</code>{# a note #}{% comment %}Notes{% endcomment %}'
            '<span aria-label="{% translate "Close" %}">{{ name }}</span>{{ day|date:"j F Y" }}'
            '{% include "x.html" with button=_("Remove") heading_level="h2" %}'
            '<{% if href %}a href="{{ href }}"{% else %}button{% endif %} class="btn">{% translate "Go" %}</a>'
        )
        == []
    )


@pytest.mark.parametrize("folder", TEMPLATE_DIRS, ids=lambda folder: str(folder.relative_to(ROOT)))
def test_every_template_marks_its_text_for_translation(folder):
    name = str(folder.relative_to(ROOT))
    if name in NOT_YET_MARKED:
        pytest.xfail(f"{name} is still being marked for translation (issue 16)")
    found = {}
    for path in _templates():
        if folder in path.parents:
            text = untranslated_text(path.read_text())
            if text:
                found[str(path.relative_to(ROOT))] = text
    assert not found, "Text outside {% translate %} / {% blocktranslate %}:\n" + "\n".join(
        f"{path}: {texts}" for path, texts in found.items()
    )


def test_the_folders_not_yet_marked_are_really_not_marked():
    """A folder finished but left in the list would hide a regression: it must still hold unmarked text."""
    done = [
        name
        for name in sorted(NOT_YET_MARKED)
        if not any(untranslated_text(path.read_text()) for path in (ROOT / name).rglob("*.*") if path.is_file())
    ]
    assert not done, f"Take these from NOT_YET_MARKED: {done}"


# The catalogues.


def _catalogues():
    """(name, the folder its source is extracted from, its .po) for every Welsh catalogue."""
    found = [("templates", ROOT / "templates", ROOT / "locale")]
    found += [(app, ROOT / app, ROOT / app / "locale") for app in APPS]
    return [(name, source, locale / "cy" / "LC_MESSAGES" / "django.po") for name, source, locale in found]


CATALOGUES = _catalogues()


def _entries(po: polib.POFile) -> set[tuple]:
    return {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in po if not entry.obsolete}


def extract(source: Path, work: Path) -> polib.POFile | None:
    """What makemessages finds in `source` now: run in a copy, so nothing in the project changes, and
    without settings, so the copy's own locale/ receives it."""
    copy = work / source.name
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "migrations"))
    (copy / "locale").mkdir()
    django_admin = Path(sys.executable).parent / "django-admin"
    environment = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    subprocess.run(
        [django_admin, "makemessages", "-l", "cy", "--no-obsolete", "--no-location", "-e", "html,txt,py"],
        cwd=copy,
        env=environment,
        check=True,
        capture_output=True,
    )
    po = copy / "locale" / "cy" / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(po)) if po.exists() else None


@pytest.mark.parametrize(("name", "source", "po_path"), CATALOGUES, ids=[name for name, *_ in CATALOGUES])
def test_each_welsh_catalogue_is_up_to_date_with_its_source(name, source, po_path, tmp_path):
    fresh = extract(source, tmp_path)
    needed = _entries(fresh) if fresh else set()
    if not po_path.exists():
        assert not needed, f"{name} has strings marked but no catalogue: run makemessages ({len(needed)} strings)"
        return
    kept = _entries(polib.pofile(str(po_path)))
    assert needed - kept == set(), f"{name}: not in the catalogue yet (run makemessages)"
    assert kept - needed == set(), f"{name}: no longer in the source (run makemessages --no-obsolete)"


def _all_po_files():
    files = [po for *_, po in CATALOGUES if po.exists()]
    return files + sorted((ROOT / "locale_allauth").rglob("*.po"))


@pytest.mark.parametrize("po_path", _all_po_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_each_welsh_catalogue_is_complete(po_path):
    po = polib.pofile(str(po_path))
    assert po.metadata.get("Language") == "cy"
    assert not po.metadata_is_fuzzy
    assert po.metadata.get("Plural-Forms", "").startswith("nplurals=4;"), "Welsh's plural forms, as Django's cy"
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"
    for entry in po.translated_entries():
        if entry.msgid_plural:  # a form may leave out the number ("un ysgol"), never add another
            allowed = _placeholders(entry.msgid) | _placeholders(entry.msgid_plural)
            for translation in entry.msgstr_plural.values():
                assert _placeholders(translation) <= allowed, (entry.msgid, translation)
        else:
            assert _placeholders(entry.msgstr) == _placeholders(entry.msgid), (entry.msgid, entry.msgstr)


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}", text))


# allauth's strings: its pages and messages for signing in, two-step sign-in, sessions, email
# addresses and Google or Microsoft. Not those of the parts the platform does not use (an identity
# provider, the headless API, OpenID, other providers), nor the admin's names of its models.
ALLAUTH_UNUSED = re.compile(
    r"^(idp|headless|templates/idp|templates/openid|socialaccount/providers)/|/(apps|admin|models)\.py$"
)


def allauth_strings_shown() -> set[tuple]:
    import allauth

    source = polib.pofile(str(Path(allauth.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural)
        for entry in source
        if entry.msgid and any(not ALLAUTH_UNUSED.search(path) for path, _line in entry.occurrences)
    }


def test_allauth_strings_the_platform_shows_have_welsh():
    """allauth has no Welsh catalogue: ours (locale_allauth/) holds every string of the parts used."""
    ours = polib.pofile(str(ROOT / "locale_allauth" / "cy" / "LC_MESSAGES" / "django.po"))
    missing = allauth_strings_shown() - _entries(ours)
    assert not missing, f"{len(missing)} of allauth's strings have no Welsh: {sorted(m[1] for m in missing)[:20]}"
