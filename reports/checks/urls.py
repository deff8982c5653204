"""Pages of the data checks (namespace `reports`)."""

from django.urls import path

from reports.checks import views

urlpatterns = [
    path("tasks/<int:pk>/checks/", views.report_checks, name="report-checks"),
    path("lists/<int:pk>/checks/", views.list_checks, name="list-checks"),
    path("campaigns/<int:pk>/checks/", views.campaign_checks, name="campaign-checks"),
]
