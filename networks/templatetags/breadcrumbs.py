"""The way back from a page: every page's breadcrumb trail, drawn by one partial (_breadcrumbs.html).

    {% url 'reviews:round_list' network.slug as rounds_url %}
    {% breadcrumbs network.get_absolute_url network.name rounds_url _("Self-review") here=round %}

The arguments are pairs of address and name, farthest first, then the page itself (`here`); `more`
adds pairs a view made. A pair whose address is empty is left out, so a crumb that only some
people see is written once (`{% if is_staff %}{% url … as list_url %}{% endif %}`)."""

from django import template

register = template.Library()


@register.inclusion_tag("_breadcrumbs.html")
def breadcrumbs(*trail, here, more=()):
    pairs = [*zip(trail[::2], trail[1::2], strict=True), *more]
    return {"crumbs": [(href, label) for href, label in pairs if href], "here": here}
