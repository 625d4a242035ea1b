"""`{% other_languages as languages %}`: the switch's choices, each language by its own name
(settings.LANGUAGES, never translated: Django's `get_available_languages` would call English
"Saesneg" on a Welsh page)."""

from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()


@register.simple_tag
def other_languages():
    current = translation.get_language()
    return [(code, name) for code, name in settings.LANGUAGES if code != current]
