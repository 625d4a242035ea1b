"""The apps depend one way (DESIGN.md section 3): networks < reviews < enquiry < activities <
brokerage < api < plc_platform. A lower app's Python never imports a higher app, and its templates never
include or extend a higher app's template nor load a higher app's template tag library.

Pages that compose several apps' panels live in plc_platform, which may use them all."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ORDER = ("networks", "reviews", "enquiry", "activities", "brokerage", "api", "plc_platform")
RANK = {app: rank for rank, app in enumerate(ORDER)}

TEMPLATE_REFERENCE = re.compile(r"{%\s*(?:include|extends)\s+[\"']([^\"']+)[\"']")
TEMPLATE_LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


def app_of_module(name: str) -> str | None:
    return name.split(".")[0] if name.split(".")[0] in RANK else None


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every absolute module a Python file imports, with its line (relative imports stay inside)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def python_files(app: str):
    return sorted(p for p in (ROOT / app).rglob("*.py") if "__pycache__" not in p.parts)


def template_files(app: str):
    """An app's templates, wherever they are kept: templates/<app>/ or <app>/templates/."""
    folders = [ROOT / "templates" / app, ROOT / app / "templates"]
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.is_file())


def tag_libraries() -> dict[str, str]:
    """Template tag library name -> the app that defines it."""
    return {
        module.stem: app
        for app in ORDER
        for module in (ROOT / app / "templatetags").glob("*.py")
        if module.stem != "__init__"
    }


def app_of_template(name: str) -> str | None:
    """ "activities/_panel.html" belongs to activities; "base.html" and "_pagination.html" to nobody."""
    first = name.split("/")[0]
    return first if "/" in name and first in RANK else None


def upward_imports(app: str) -> list[str]:
    problems = []
    for path in python_files(app):
        for line, module in imported_modules(path):
            other = app_of_module(module)
            if other and RANK[other] > RANK[app]:
                problems.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return problems


def upward_template_references(app: str) -> list[str]:
    libraries = tag_libraries()
    problems = []
    for path in template_files(app):
        text = path.read_text(errors="replace")
        for name in TEMPLATE_REFERENCE.findall(text):
            other = app_of_template(name)
            if other and RANK[other] > RANK[app]:
                problems.append(f"{path.relative_to(ROOT)} includes or extends {name}")
        for loaded in TEMPLATE_LOAD.findall(text):
            # {% load a b %} and {% load x y from a %}: the library is the last word of "from" forms.
            words = loaded.split()
            names = [words[-1]] if "from" in words else words
            for library in names:
                other = libraries.get(library)
                if other and RANK[other] > RANK[app]:
                    problems.append(f"{path.relative_to(ROOT)} loads {library} (of {other})")
    return problems


@pytest.mark.parametrize("app", ORDER)
def test_no_module_imports_a_higher_app(app):
    assert python_files(app), f"{app} has no Python files: is ORDER out of date?"
    assert upward_imports(app) == []


@pytest.mark.parametrize("app", ORDER)
def test_no_template_uses_a_higher_app(app):
    assert upward_template_references(app) == []


def test_the_checks_see_an_upward_dependency(tmp_path):
    """The parsers find what they are meant to find (so the tests above cannot pass vacuously)."""
    module = tmp_path / "m.py"
    module.write_text("import os\nfrom activities.reads import x\nfrom . import y\nimport brokerage.models as b\n")
    assert imported_modules(module) == [(1, "os"), (2, "activities.reads"), (4, "brokerage.models")]
    text = '{% extends "base.html" %}{% include "activities/_network_panel.html" with a=1 %}{% load rules money %}'
    assert TEMPLATE_REFERENCE.findall(text) == ["base.html", "activities/_network_panel.html"]
    assert TEMPLATE_LOAD.findall(text) == ["rules money"]
    assert app_of_template("activities/_network_panel.html") == "activities"
    assert app_of_template("_pagination.html") is None
    assert tag_libraries()["activities_tags"] == "activities"
