from django.urls import path

from . import audit_views, import_views, sign_in_views, views

app_name = "networks"

urlpatterns = [
    path("networks/", views.network_list, name="network_list"),
    path("networks/<slug:slug>/edit/", views.network_edit, name="network_edit"),
    path("networks/<slug:slug>/schools/add/", views.network_school_add, name="network_school_add"),
    path(
        "networks/<slug:slug>/schools/<int:urn>/remove/",
        views.network_school_remove,
        name="network_school_remove",
    ),
    path("networks/<slug:slug>/invite/", views.network_invite, name="network_invite"),
    path("networks/<slug:slug>/members/", views.network_members, name="network_members"),
    path(
        "networks/<slug:slug>/members/<int:pk>/school/",
        views.network_member_school,
        name="network_member_school",
    ),
    path("schools/", views.school_list, name="school_list"),
    path("schools/<int:urn>/invite/", views.school_invite, name="school_invite"),
    path("consortia/<slug:slug>/", views.consortium_detail, name="consortium_detail"),
    path("consortia/<slug:slug>/invite/", views.consortium_invite, name="consortium_invite"),
    path("consortia/<slug:slug>/networks/new/", views.network_create, name="network_create"),
    path("consortia/<slug:slug>/schools/import/", import_views.school_import_upload, name="school_import_upload"),
    path(
        "consortia/<slug:slug>/schools/import/<int:pk>/",
        import_views.school_import_preview,
        name="school_import_preview",
    ),
    path("consortia/<slug:slug>/practice-areas/", views.practice_area_list, name="practice_area_list"),
    path("consortia/<slug:slug>/practice-areas/<int:pk>/", views.practice_area_edit, name="practice_area_edit"),
    path(
        "consortia/<slug:slug>/practice-areas/<int:pk>/remove/",
        views.practice_area_remove,
        name="practice_area_remove",
    ),
    path("consortia/<slug:slug>/sign-in/", sign_in_views.sign_in_settings, name="sign_in_settings"),
    path(
        "consortia/<slug:slug>/sign-in/<int:pk>/remove/",
        sign_in_views.sign_in_domain_remove,
        name="sign_in_domain_remove",
    ),
    path("consortia/<slug:slug>/audit/", audit_views.audit_trail, name="audit_trail"),
    path("consortia/<slug:slug>/audit/csv/", audit_views.audit_trail_csv, name="audit_trail_csv"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("invitations/<int:pk>/withdraw/", views.invitation_withdraw, name="invitation_withdraw"),
    path("profile/", views.profile, name="profile"),
    path("language/", views.language_set, name="language_set"),
    path("profile/emails/", views.email_preferences, name="email_preferences"),
    path("profile/school/", views.school_choose, name="school_choose"),
    path("emails/<str:token>/", views.email_preferences_by_link, name="email_preferences_by_link"),
]
