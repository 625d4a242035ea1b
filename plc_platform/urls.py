from django.contrib import admin
from django.urls import include, path

from api.urls import api_patterns

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("plc_platform.network_urls")),
    path("", include("networks.urls")),
    path("", include("reviews.urls")),
    path("", include("enquiry.urls")),
    path("", include("activities.urls")),
    path("", include("brokerage.urls")),
    path("", include("api.urls")),
    path("api/v1/", include(api_patterns, namespace="api")),
    path("", include("plc_platform.flow_urls")),
    path("", include("plc_platform.overview_urls")),
    path("", include("plc_platform.statement_urls")),
    path("", include("plc_platform.privacy_urls")),
]

handler500 = "plc_platform.errors.server_error"
