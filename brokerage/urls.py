from django.urls import path

from . import views

app_name = "brokerage"

urlpatterns = [
    # Requests, matching and proposals.
    path("brokerage/", views.request_list, name="request_list"),
    path("brokerage/requests/new/", views.request_create, name="request_create"),
    path("brokerage/requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("brokerage/requests/<int:pk>/triage/", views.request_triage, name="request_triage"),
    path("brokerage/requests/<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("brokerage/requests/<int:pk>/match/", views.request_match, name="request_match"),
    path("brokerage/requests/<int:pk>/propose/", views.proposal_create, name="proposal_create"),
    path("brokerage/proposals/<int:pk>/", views.proposal_respond, name="proposal_respond"),
    # Engagements.
    path("brokerage/engagements/", views.engagement_list, name="engagement_list"),
    path("brokerage/engagements/<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("brokerage/engagements/<int:pk>/book/", views.engagement_book, name="engagement_book"),
    path("brokerage/engagements/<int:pk>/complete/", views.engagement_complete, name="engagement_complete"),
    path("brokerage/engagements/<int:pk>/outcome/", views.engagement_review, name="engagement_review"),
    path("brokerage/engagements/<int:pk>/cancel/", views.engagement_cancel, name="engagement_cancel"),
    # Specialists.
    path("brokerage/consortia/<slug:slug>/specialists/", views.specialist_list, name="specialist_list"),
    path("brokerage/consortia/<slug:slug>/specialists/new/", views.specialist_create, name="specialist_create"),
    path("brokerage/specialists/me/", views.specialist_me, name="specialist_me"),
    path("brokerage/specialists/<int:pk>/", views.specialist_detail, name="specialist_detail"),
    path("brokerage/specialists/<int:pk>/edit/", views.specialist_edit, name="specialist_edit"),
    path("brokerage/specialists/<int:pk>/availability/", views.availability, name="availability"),
    path(
        "brokerage/specialists/<int:pk>/availability/<int:block>/remove/",
        views.availability_remove,
        name="availability_remove",
    ),
    path("brokerage/specialists/<int:pk>/past/new/", views.past_engagement_add, name="past_engagement_add"),
    # The record of schools' practice, and what schools offer as hosts.
    path("brokerage/consortia/<slug:slug>/practice/", views.practice_list, name="practice_list"),
    path("brokerage/consortia/<slug:slug>/practice/new/", views.practice_create, name="practice_create"),
    path("brokerage/consortia/<slug:slug>/practice/import/", views.practice_import_view, name="practice_import"),
    path("brokerage/practice/<int:pk>/", views.practice_detail, name="practice_detail"),
    path("brokerage/practice/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("brokerage/practice/<int:pk>/delete/", views.practice_delete, name="practice_delete"),
    path("brokerage/schools/<int:urn>/hosting/", views.host_capacity, name="host_capacity"),
    # The desk's settings and the digest (the exchange between networks is plc_platform's page).
    path("brokerage/consortia/<slug:slug>/settings/", views.desk_settings, name="desk_settings"),
    path("brokerage/digest/", views.digest_preferences, name="digest_preferences"),
    path("brokerage/digest/<str:token>/", views.digest_by_link, name="digest_by_link"),
]
