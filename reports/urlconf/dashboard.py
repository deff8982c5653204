"""Pages of the dashboard area: the deadline dashboard, agency scorecards, national exports."""

from django.urls import path

from reports.views import dashboard, dashboard_exports, scorecards

urlpatterns: list = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("scorecards/", scorecards.scorecard_list, name="scorecard-list"),
    path("exports/", dashboard_exports.export_list, name="export-list"),
]
