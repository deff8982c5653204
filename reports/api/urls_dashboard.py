from django.urls import path

from . import dashboard

urlpatterns = [
    path("dashboard/", dashboard.DashboardView.as_view(), name="api-dashboard"),
    path("scorecards/", dashboard.ScorecardListView.as_view(), name="api-scorecards"),
    path("exports/", dashboard.ExportView.as_view(), name="api-exports"),
]
