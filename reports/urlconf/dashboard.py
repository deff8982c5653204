"""Pages of the dashboard area: the deadline dashboard, agency scorecards, national exports."""

from django.urls import path

from reports.views import dashboard

urlpatterns: list = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]
