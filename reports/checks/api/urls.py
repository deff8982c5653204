"""API routes of the data checks."""

from django.urls import path

from reports.checks.api import views

urlpatterns = [
    path("reports/<int:pk>/checks/", views.report_checks, name="api-report-checks"),
    path("submissions/<int:pk>/checks/", views.list_checks, name="api-list-checks"),
]
