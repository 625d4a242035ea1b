"""The pager's links: the page number changes, every other GET parameter (a search, a filter, the
page of another list on the same page) is kept."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, number, param="page"):
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()
