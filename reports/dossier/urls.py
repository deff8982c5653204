"""The enterprise dossier (企业档案)."""

from django.urls import path

from reports.dossier import views

urlpatterns = [
    path("enterprises/<int:pk>/dossier/", views.dossier, name="dossier"),
]
