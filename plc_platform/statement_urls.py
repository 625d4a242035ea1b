from django.urls import include, path

from . import statement_views as views

app_name = "statements"

urlpatterns = [
    path("networks/<slug:slug>/statements/", views.statement_list, name="list"),
    # One statement (the prefix holds no argument: pages that list the platform's pages read the
    # arguments from each path's own route).
    path(
        "statements/",
        include(
            [
                path("<int:pk>/", views.statement_detail, name="detail"),
                path("<int:pk>/publish/", views.statement_publish, name="publish"),
                path("<int:pk>/statement.csv", views.statement_csv, name="csv"),
                path("<int:pk>/statement.pdf", views.statement_pdf, name="pdf"),
                path("<int:pk>/links/", views.share_create, name="share_create"),
                path("<int:pk>/links/<int:share_pk>/revoke/", views.share_revoke, name="share_revoke"),
            ]
        ),
    ),
    # The read-only link for people with no account.
    path("shared/statements/<str:token>/", views.statement_shared, name="shared"),
    path("shared/statements/<str:token>/statement.pdf", views.statement_shared_pdf, name="shared_pdf"),
]
