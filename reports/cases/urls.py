"""Case library pages (典型案例库)."""

from django.urls import path

from reports.cases import views

urlpatterns = [
    path("cases/", views.case_list, name="case-list"),
    path("cases/export/", views.case_export, name="case-export"),
    path("cases/<int:pk>/", views.case_detail_view, name="case-detail"),
    path("cases/<int:pk>/print/", views.case_print, name="case-print"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case-edit"),
]
