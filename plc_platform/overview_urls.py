"""The consortium overview and its CSV (plc_platform.overview_views)."""

from django.urls import path

from . import overview_views

app_name = "overview"

urlpatterns = [
    path("consortia/<slug:slug>/overview/", overview_views.consortium_overview, name="consortium"),
    path("consortia/<slug:slug>/overview.csv", overview_views.consortium_overview_csv, name="consortium_csv"),
]
