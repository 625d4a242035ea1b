from django.urls import path

from . import privacy_views as views

app_name = "privacy"

urlpatterns = [
    path("profile/data/", views.data_page, name="data"),
    path("profile/data/copies/", views.export_request, name="export_request"),
    path("profile/data/copies/<int:pk>/", views.export_status, name="export_status"),
    path("profile/data/copies/<int:pk>/download/", views.export_download, name="export_download"),
    path("profile/erase/", views.erase_own, name="erase_own"),
    path("erased/", views.erased, name="erased"),
    path("consortia/<slug:slug>/erase/", views.erase_person, name="erase_person"),
]
