"""Pages of the dashboard area: the deadline dashboard, agency scorecards, national exports."""

from django.urls import path

from reports.views import dashboard, scorecards

urlpatterns: list = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("scorecards/", scorecards.scorecard_list, name="scorecard-list"),
]
