"""API route of the enterprise dossier: /api/v1/enterprises/<pk>/dossier/."""

from django.urls import path

from reports.dossier.api import views

urlpatterns = [
    path("enterprises/<int:pk>/dossier/", views.dossier, name="api-dossier"),
]
