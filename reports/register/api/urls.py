"""API routes of the register: /api/v1/register/ (measures and statistics) and the public ones."""

from django.urls import path

from reports.register.api import views

urlpatterns = [
    path("register/measures/", views.register_measures, name="api-register-measures"),
    path("register/statistics/", views.register_statistics, name="api-register-statistics"),
    path("register/public/", views.register_public, name="api-register-public"),
    path("register/results/", views.register_results, name="api-register-results"),
]
