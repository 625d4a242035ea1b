"""A list's pages: the pager's links, where the page number changes and every other GET parameter (a
search, a filter, the page of another list on the same page) is kept; and the paged table, one
page of a list with its pager under it."""

from django import template
from django.template.base import token_kwargs

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, number, param="page"):
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()


@register.tag
def paged_table(parser, token):
    """One page of a list as a table, in the frame every list has (_paged_table.html), the pager
    (_pagination.html, of `page`) under it:

        {% paged_table caption=_("Networks you can see") region=_("Networks") small=True %}
          <thead>…</thead><tbody>{% for network in page.object_list %}…{% endfor %}</tbody>
        {% endpaged_table %}

    `caption` is read by screen readers only; `region` names the frame, which then takes the
    keyboard's focus to scroll sideways; `small` is Bootstrap's compact table."""
    bits = token.split_contents()
    options = token_kwargs(bits[1:], parser)
    if len(options) != len(bits) - 1 or "caption" not in options:
        raise template.TemplateSyntaxError("paged_table takes caption=… and optionally region=… and small=…")
    nodelist = parser.parse(("endpaged_table",))
    parser.delete_first_token()
    return PagedTableNode(nodelist, options)


class PagedTableNode(template.Node):
    def __init__(self, nodelist, options):
        self.nodelist = nodelist
        self.options = options

    def render(self, context):
        frame = {name: value.resolve(context) for name, value in self.options.items()}
        frame["rows"] = self.nodelist.render(context)  # a SafeString: each variable escaped as it was rendered
        with context.push(table=frame):
            return context.template.engine.get_template("_paged_table.html").render(context)
