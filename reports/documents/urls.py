"""Pages of the documents area: the forms and packages of a campaign, document requests."""

from django.urls import path

from reports.documents import views as documents

urlpatterns = [
    path("documents/", documents.documents, name="documents"),
    path("documents/request/", documents.document_request_view, name="document-request"),
]
