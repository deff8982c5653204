"""Pages of the documents area: the forms and packages of a campaign, 附件4's editor, requests."""

from django.urls import path

from reports.documents import views as documents
from reports.views import summary

urlpatterns = [
    path("documents/", documents.documents, name="documents"),
    path("documents/request/", documents.document_request_view, name="document-request"),
    path("summary/", summary.summary_edit, name="summary-edit"),
]
