from django.urls import path

from reports.dashboard.api import views as dashboard

urlpatterns = [
    path("dashboard/", dashboard.DashboardView.as_view(), name="api-dashboard"),
    path("scorecards/", dashboard.ScorecardListView.as_view(), name="api-scorecards"),
    path("exports/", dashboard.ExportView.as_view(), name="api-exports"),
]
