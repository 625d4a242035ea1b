"""No internal notes in what people read: the seed texts the domain comes from ("seed 004") are
named in the admin, the docs and the code's comments, never in a page's text, a form's label or
its help text."""

import re
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse
from django.utils.html import strip_tags

INTERNAL_NOTE = re.compile(r"\bseeds?\b", re.IGNORECASE)
COMMENTS = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.DOTALL)
ROOT = Path(__file__).resolve().parents[2]
APPS = ("networks", "reviews", "enquiry", "activities", "brokerage", "plc_platform")


def template_files():
    folders = [ROOT / "templates", *(ROOT / app / "templates" for app in APPS)]
    return [path for folder in folders if folder.exists() for path in folder.rglob("*.html")]


def test_no_template_names_a_seed():
    found = []
    for path in template_files():
        text = COMMENTS.sub("", path.read_text(encoding="utf-8"))
        for number, line in enumerate(text.splitlines(), 1):
            if INTERNAL_NOTE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert not found, "\n".join(found)


def form_classes():
    import importlib

    for app in APPS:
        try:
            module = importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                yield value


def test_no_form_or_model_field_names_a_seed():
    found = []
    for form in form_classes():
        for name, field in form.base_fields.items():
            for text in (field.label, field.help_text):
                if text and INTERNAL_NOTE.search(str(text)):
                    found.append(f"{form.__module__}.{form.__name__}.{name}: {text}")
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        for field in model._meta.get_fields():
            for text in (getattr(field, "verbose_name", ""), getattr(field, "help_text", "")):
                if text and INTERNAL_NOTE.search(str(text)):
                    found.append(f"{model._meta.label}.{field.name}: {text}")
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_the_rates_page_and_a_default_rates_form_name_no_seed(world, client):
    """Consortium staff read the default rates' notes on the Rates page and in the form to change one."""
    from activities.models import Rate

    client.force_login(world.people.consortium_staff)
    slug = world.consortium.slug
    pages = [reverse("activities:rate_list", args=[slug])]
    pages += [
        reverse("activities:rate_edit", args=[slug, rate.pk])
        for rate in Rate.objects.filter(consortium=world.consortium)
    ]
    assert len(pages) == 7
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = strip_tags(response.content.decode())
        note = INTERNAL_NOTE.search(text)
        assert not note, f"{url}: …{text[max(0, note.start() - 60) : note.end() + 60]}…"
    assert "default: teacher supply at £173 a day." in client.get(pages[0]).content.decode()
