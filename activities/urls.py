from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    # A network's activities, budget, history and tools.
    path("networks/<slug:slug>/activities/", views.activity_list, name="activity_list"),
    path("networks/<slug:slug>/activities/new/", views.activity_type_choose, name="activity_type_choose"),
    path("networks/<slug:slug>/activities/new/<slug:type_slug>/", views.activity_create, name="activity_create"),
    path("networks/<slug:slug>/activities/budget/", views.budget, name="budget"),
    path("networks/<slug:slug>/activities/budget.csv", views.budget_csv, name="budget_csv"),
    path("networks/<slug:slug>/activities/budget/set/", views.budget_set, name="budget_set"),
    path("networks/<slug:slug>/activities/budget/set/<int:pk>/", views.budget_set, name="budget_edit"),
    path("networks/<slug:slug>/activities/history/", views.history, name="history"),
    path("networks/<slug:slug>/tools/", views.tool_list, name="tool_list"),
    path("networks/<slug:slug>/tools/jigsaw/new/", views.jigsaw_create, name="jigsaw_create"),
    path("networks/<slug:slug>/tools/pstb/new/", views.pstb_create, name="pstb_create"),
    path("networks/<slug:slug>/tools/force-field/new/", views.force_field_create, name="force_field_create"),
    # One activity.
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/cancel/", views.activity_cancel, name="activity_cancel"),
    path("activities/<int:pk>/checklist/<int:item_pk>/", views.checklist_toggle, name="checklist_toggle"),
    path("activities/<int:pk>/people/add/", views.participant_add, name="participant_add"),
    path("activities/<int:pk>/people/role/", views.participants_set_role, name="participants_set_role"),
    path("activities/<int:pk>/people/<int:participant_pk>/", views.participant_edit, name="participant_edit"),
    path(
        "activities/<int:pk>/people/<int:participant_pk>/remove/",
        views.participant_remove,
        name="participant_remove",
    ),
    path("activities/<int:pk>/costs/propose/", views.costs_propose, name="costs_propose"),
    path("activities/<int:pk>/costs/add/", views.cost_line_add, name="cost_line_add"),
    path("activities/<int:pk>/costs/<int:line_pk>/", views.cost_line_edit, name="cost_line_edit"),
    path("activities/<int:pk>/costs/<int:line_pk>/delete/", views.cost_line_delete, name="cost_line_delete"),
    path("activities/<int:pk>/costs/<int:line_pk>/approve/", views.cost_line_approve, name="cost_line_approve"),
    path(
        "activities/<int:pk>/costs/school/<int:school_pk>/approve/",
        views.costs_approve_school,
        name="costs_approve_school",
    ),
    path("activities/<int:pk>/costs/<int:line_pk>/spent/", views.cost_line_spend, name="cost_line_spend"),
    path("activities/<int:pk>/evaluation/", views.evaluation_edit, name="evaluation_edit"),
    path("activities/<int:pk>/notes/", views.notes_edit, name="notes_edit"),
    path("activities/<int:pk>/outcomes/", views.outcomes_edit, name="outcomes_edit"),
    # Rates of a consortium.
    path("consortia/<slug:slug>/rates/", views.rate_list, name="rate_list"),
    path("consortia/<slug:slug>/rates/<int:pk>/", views.rate_edit, name="rate_edit"),
    # A person's calendar feed: the settings page, and the secret address itself (no sign-in).
    path("activities/calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    # Facilitation tools.
    path("tools/jigsaw/<int:pk>/", views.jigsaw_detail, name="jigsaw_detail"),
    path("tools/jigsaw/<int:pk>/print/", views.jigsaw_print, name="jigsaw_print"),
    path("tools/jigsaw/<int:pk>/delete/", views.jigsaw_delete, name="jigsaw_delete"),
    path("tools/pstb/<int:pk>/", views.pstb_detail, name="pstb_detail"),
    path("tools/pstb/<int:pk>/<str:part>/<int:item_pk>/remove/", views.pstb_part_remove, name="pstb_part_remove"),
    path("tools/force-field/<int:pk>/", views.force_field_detail, name="force_field_detail"),
    path("tools/force-field/<int:pk>/forces/<int:force_pk>/remove/", views.force_remove, name="force_remove"),
]
