"""Pages of the dashboard area: the deadline dashboard, agency scorecards, national exports."""

from django.urls import path

from reports.dashboard.views import exports, page, scorecards

urlpatterns: list = [
    path("dashboard/", page.dashboard, name="dashboard"),
    path("scorecards/", scorecards.scorecard_list, name="scorecard-list"),
    path("exports/", exports.export_list, name="export-list"),
]
