"""Template filters for activities: money in pounds, and small labels."""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

register = template.Library()


@register.filter
def money(value):
    """£1,234.50 (exact: the Decimal is shown to the penny, never through a float)."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"))
    sign = "−" if amount < 0 else ""
    pounds, pence = f"{abs(amount):.2f}".split(".")
    return f"{sign}£{intcomma(int(pounds))}.{pence}"


@register.filter
def quantity(value):
    """2, 0.5, 12.4: a quantity without trailing zeros."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}"
    return text


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
