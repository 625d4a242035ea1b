"""The network page and the school page (plc_platform.network_views): same paths as ever."""

from django.urls import path

from . import network_views

urlpatterns = [
    path("networks/<slug:slug>/", network_views.network_detail, name="network_detail"),
    path("schools/<int:urn>/", network_views.school_detail, name="school_detail"),
]
