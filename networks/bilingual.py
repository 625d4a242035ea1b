"""Reference data in Welsh and English (issue 16): a field per language.

Rows of reference data (the key features and their questions, practice areas, levels of learning,
activity types) keep their English in the field they always had (`name`, `description`, `text`) and
their Welsh beside it (`name_cy`, ...). A Welsh reader sees the Welsh where it has been written and
the English where it has not.

Why two plain columns rather than django-modeltranslation: modeltranslation rewrites every query
on `name` to the active language's column, which the bench's bulk loads, the raw SQL of the
triggers and the `values()` reads of the dashboards would each have to know about. These rows
change a few times a year; one rule, read in one place, is enough.
"""

from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.text import slugify
from django.utils.translation import get_language

WELSH = "cy"


def welsh_active() -> bool:
    return (get_language() or "").startswith(WELSH)


def in_language(english: str, welsh: str) -> str:
    """The Welsh when Welsh is the active language and the Welsh has been written, else the
    English."""
    return welsh if welsh and welsh_active() else english


def localised(field: str):
    """An expression for `field` in the active language, for reads that use `values()` or
    annotations: `field_cy` where it is written and Welsh is active, else `field`."""
    if not welsh_active():
        return F(field)
    return Coalesce(NullIf(F(f"{field}_cy"), Value("")), F(field))


def names(name: str, name_cy: str = "") -> dict[str, str]:
    """The fields that name an item of a consortium's list (a practice area, an approach) in both
    languages: `name`, `name_cy`, and the `slug`, which follows the English."""
    return {"name": name, "name_cy": name_cy, "slug": slugify(name)}


class Bilingual:
    """Mixin for a model with `name` and `name_cy` (and optionally `description` and
    `description_cy`): what a reader sees, in their language."""

    @property
    def display_name(self) -> str:
        return in_language(self.name, self.name_cy)

    @property
    def display_description(self) -> str:
        return in_language(getattr(self, "description", ""), getattr(self, "description_cy", ""))

    def __str__(self):
        return self.display_name
