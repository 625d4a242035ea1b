"""The home page's costs panel: lines waiting for the person's approval as a school's lead."""

from django import template

from ..reads import costs_to_approve

register = template.Library()


@register.inclusion_tag("activities/_costs_to_approve.html", takes_context=True)
def costs_to_approve_panel(context):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return {"lines": costs_to_approve(user) if user is not None else []}
