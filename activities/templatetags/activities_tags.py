"""Template filters for activities: money in pounds, and small labels."""

from decimal import Decimal

from django import template

from networks.text import money

register = template.Library()
register.filter("money", money)


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
