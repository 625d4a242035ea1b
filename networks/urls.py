from django.urls import path

from . import import_views, notice_views, results_views, review_views, views

app_name = "networks"

urlpatterns = [
    path("networks/", views.network_list, name="network_list"),
    path("networks/<slug:slug>/", views.network_detail, name="network_detail"),
    path("networks/<slug:slug>/edit/", views.network_edit, name="network_edit"),
    path("networks/<slug:slug>/schools/add/", views.network_school_add, name="network_school_add"),
    path(
        "networks/<slug:slug>/schools/<int:urn>/remove/",
        views.network_school_remove,
        name="network_school_remove",
    ),
    path("networks/<slug:slug>/invite/", views.network_invite, name="network_invite"),
    path("schools/", views.school_list, name="school_list"),
    path("schools/<int:urn>/", views.school_detail, name="school_detail"),
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
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("invitations/<int:pk>/withdraw/", views.invitation_withdraw, name="invitation_withdraw"),
    path("profile/", views.profile, name="profile"),
    # Self-review against the frameworks.
    path("networks/<slug:slug>/reviews/", review_views.round_list, name="round_list"),
    path("networks/<slug:slug>/reviews/new/", review_views.round_create, name="round_create"),
    path("networks/<slug:slug>/settings/reviews/", review_views.review_settings, name="review_settings"),
    path("reviews/<int:pk>/", review_views.round_detail, name="round_detail"),
    path("reviews/<int:pk>/open/", review_views.round_open, name="round_open"),
    path("reviews/<int:pk>/extend/", review_views.round_extend, name="round_extend"),
    path("reviews/<int:pk>/close/", review_views.round_close, name="round_close"),
    path("reviews/<int:pk>/answer/", review_views.response_edit, name="response_edit"),
    path("reviews/<int:pk>/answer/<int:question_id>/", review_views.answer_save, name="answer_save"),
    path("reviews/<int:pk>/submit/", review_views.response_submit, name="response_submit"),
    path("reviews/<int:pk>/results/", results_views.round_results, name="round_results"),
    path("reviews/<int:pk>/results.csv", results_views.round_results_csv, name="round_results_csv"),
    path("schools/<int:urn>/maturity/", review_views.maturity_record, name="maturity_record"),
    path("profile/emails/", notice_views.email_preferences, name="email_preferences"),
    path("emails/<str:token>/", notice_views.email_preferences_by_link, name="email_preferences_by_link"),
]
