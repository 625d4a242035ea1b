from django.urls import path

from . import statement_views as views

app_name = "statements"

urlpatterns = [
    path("networks/<slug:slug>/statements/", views.statement_list, name="list"),
    path("statements/<int:pk>/", views.statement_detail, name="detail"),
    path("statements/<int:pk>/publish/", views.statement_publish, name="publish"),
    path("statements/<int:pk>/statement.csv", views.statement_csv, name="csv"),
    path("statements/<int:pk>/statement.pdf", views.statement_pdf, name="pdf"),
    path("statements/<int:pk>/links/", views.share_create, name="share_create"),
    path("statements/<int:pk>/links/<int:share_pk>/revoke/", views.share_revoke, name="share_revoke"),
    # The read-only link for people with no account.
    path("shared/statements/<str:token>/", views.statement_shared, name="shared"),
    path("shared/statements/<str:token>/statement.pdf", views.statement_shared_pdf, name="shared_pdf"),
]
