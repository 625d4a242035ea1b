from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("networks/<slug:slug>/reviews/", views.round_list, name="round_list"),
    path("networks/<slug:slug>/reviews/new/", views.round_create, name="round_create"),
    path("networks/<slug:slug>/settings/reviews/", views.review_settings, name="review_settings"),
    path("reviews/<int:pk>/", views.round_detail, name="round_detail"),
    path("reviews/<int:pk>/open/", views.round_open, name="round_open"),
    path("reviews/<int:pk>/extend/", views.round_extend, name="round_extend"),
    path("reviews/<int:pk>/close/", views.round_close, name="round_close"),
    path("reviews/<int:pk>/answer/", views.response_edit, name="response_edit"),
    path("reviews/<int:pk>/answer/<int:question_id>/", views.answer_save, name="answer_save"),
    path("reviews/<int:pk>/submit/", views.response_submit, name="response_submit"),
    path("reviews/<int:pk>/results/", views.round_results, name="round_results"),
    path("reviews/<int:pk>/results.csv", views.round_results_csv, name="round_results_csv"),
    path("schools/<int:urn>/maturity/", views.maturity_record, name="maturity_record"),
]
