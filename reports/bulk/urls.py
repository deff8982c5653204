"""Bulk entry of report data (agency): page, template, upload, marked copy."""

from django.urls import path

from . import views

urlpatterns = [
    path("bulk/", views.bulk_entry, name="bulk-entry"),
    path("bulk/template/", views.bulk_template_download, name="bulk-template"),
    path("bulk/import/", views.bulk_upload, name="bulk-import"),
    path("bulk/marked/<str:token>/", views.bulk_marked, name="bulk-marked"),
]
