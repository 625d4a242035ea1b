from django.urls import path

from . import views

app_name = "enquiry"

urlpatterns = [
    path("enquiries/", views.enquiry_list, name="enquiry_list"),
    path("enquiries/new/", views.enquiry_create, name="enquiry_create"),
    path("enquiries/mine.csv", views.enquiry_csv, name="enquiry_csv"),
    path("enquiries/<int:pk>/", views.enquiry_detail, name="enquiry_detail"),
    path("enquiries/<int:pk>/print/", views.enquiry_print, name="enquiry_print"),
    path("enquiries/<int:pk>/edit/", views.enquiry_edit, name="enquiry_edit"),
    path("enquiries/<int:pk>/delete/", views.enquiry_delete, name="enquiry_delete"),
    path("enquiries/<int:pk>/stage/", views.enquiry_stage, name="enquiry_stage"),
    path("enquiries/<int:pk>/share/", views.enquiry_share, name="enquiry_share"),
    path("enquiries/<int:pk>/people/", views.enquiry_people, name="enquiry_people"),
    path(
        "enquiries/<int:pk>/people/<int:collaborator_id>/remove/",
        views.collaborator_remove,
        name="collaborator_remove",
    ),
    path("enquiries/<int:pk>/evidence/new/<str:kind>/", views.evidence_add, name="evidence_add"),
    path("enquiries/<int:pk>/evidence/<int:evidence_id>/edit/", views.evidence_edit, name="evidence_edit"),
    path("enquiries/<int:pk>/evidence/<int:evidence_id>/delete/", views.evidence_delete, name="evidence_delete"),
    path("enquiries/<int:pk>/evidence/<int:evidence_id>/outcome/", views.measure_outcome, name="measure_outcome"),
    path("enquiries/<int:pk>/impact/new/", views.impact_add, name="impact_add"),
    path("enquiries/<int:pk>/impact/<int:claim_id>/delete/", views.impact_delete, name="impact_delete"),
    path("enquiries/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("enquiries/files/<str:token>/", views.evidence_file, name="evidence_file"),
    path("enquiries/network/<slug:slug>/", views.network_enquiries, name="network_enquiries"),
    path("enquiries/network/<slug:slug>/enquiries.csv", views.network_enquiries_csv, name="network_enquiries_csv"),
    path("library/", views.library, name="library"),
    path("consortia/<slug:slug>/approaches/", views.approach_list, name="approach_list"),
    path("consortia/<slug:slug>/approaches/<int:pk>/", views.approach_edit, name="approach_edit"),
    path("consortia/<slug:slug>/approaches/<int:pk>/remove/", views.approach_remove, name="approach_remove"),
    path("consortia/<slug:slug>/approaches/<int:pk>/restore/", views.approach_restore, name="approach_restore"),
]
