"""Blocks other apps' pages show, without their Python importing this app (DESIGN.md: networks <- enquiry).

In a template: {% load enquiry_panels %}{% enquiry_network_panel network %}
"""

from django import template

from ..reads import home_context, network_panel_context

register = template.Library()


@register.inclusion_tag("enquiry/_network_panel.html", takes_context=True)
def enquiry_network_panel(context, network):
    """The network page's "Enquiries" block: counts, and links to the library and the overview."""
    return network_panel_context(context["request"].user, network)


@register.inclusion_tag("enquiry/_home.html", takes_context=True)
def enquiry_home(context):
    """The home page's "Your enquiries" block, with new comments on the person's enquiries."""
    return home_context(context["request"].user)
