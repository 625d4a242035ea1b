from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("networks.urls")),
    path("", include("reviews.urls")),
    path("", include("enquiry.urls")),
    path("", include("activities.urls")),
    path("", include("brokerage.urls")),
]

handler500 = "plc_platform.errors.server_error"
