"""`{{ amount|money }}`: the platform's one money format (networks.text.money) in any app's templates."""

from django import template

from networks.text import money

register = template.Library()
register.filter("money", money)
