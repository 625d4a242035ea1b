from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views
from .api import api


def _public(patterns):
    """The API answers for itself (a 401 problem, not a redirect to the sign-in page)."""
    for pattern in patterns:
        pattern.callback = login_not_required(pattern.callback)
    return patterns


app_name = "tokens"

urlpatterns = [
    path("api/v1/docs/", views.docs, name="docs"),
    path("profile/tokens/", views.token_list, name="token_list"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]

api_urls, api_app_name, api_namespace = api.urls
api_patterns = (_public(api_urls), api_app_name)
