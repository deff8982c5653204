"""API routes of the case library: /api/v1/cases/."""

from django.urls import path

from reports.cases.api import views

urlpatterns = [
    path("cases/", views.cases, name="api-case-list"),
    path("cases/export/", views.cases_export, name="api-case-export"),
    path("cases/<int:pk>/", views.case, name="api-case-detail"),
]
