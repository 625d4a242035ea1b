from django.urls import include, path

from . import views

app_name = "reviews"

urlpatterns = [
    path("networks/<slug:slug>/reviews/", views.round_list, name="round_list"),
    path("networks/<slug:slug>/reviews/new/", views.round_create, name="round_create"),
    path("networks/<slug:slug>/settings/reviews/", views.review_settings, name="review_settings"),
    # One round: opening and closing it, answering it, its results (the prefix holds no argument:
    # pages that list the platform's pages read the arguments from each path's own route).
    path(
        "reviews/",
        include(
            [
                path("<int:pk>/", views.round_detail, name="round_detail"),
                path("<int:pk>/open/", views.round_open, name="round_open"),
                path("<int:pk>/extend/", views.round_extend, name="round_extend"),
                path("<int:pk>/close/", views.round_close, name="round_close"),
                path("<int:pk>/answer/", views.response_edit, name="response_edit"),
                path("<int:pk>/answer/<int:question_id>/", views.answer_save, name="answer_save"),
                path("<int:pk>/submit/", views.response_submit, name="response_submit"),
                path("<int:pk>/results/", views.round_results, name="round_results"),
                path("<int:pk>/results.csv", views.round_results_csv, name="round_results_csv"),
            ]
        ),
    ),
    path("schools/<int:urn>/maturity/", views.maturity_record, name="maturity_record"),
]
