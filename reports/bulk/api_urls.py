"""API routes of bulk entry under /api/v1/."""

from django.urls import path

from . import api

urlpatterns = [
    path("bulk-entry/", api.bulk_import_api, name="api-bulk-entry"),
    path("bulk-entry/template/", api.bulk_template_api, name="api-bulk-template"),
]
