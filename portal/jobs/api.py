"""/api/v1/jobs/: the caller's document jobs, the finished file, "try again".

reports' /api/v1/documents/ is this viewset plus the request of a document by kind, so the
file is served by one view under both names (api-job-download, api-document-download).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.api.serializers import DocumentJobSerializer
from portal.api.viewsets import ScopedReadOnlyViewSet
from portal.models import DocumentJob

from .service import document_job_retry
from .views import job_file_response


class DocumentJobViewSet(ScopedReadOnlyViewSet):
    """Everyone, ministry staff included, sees only the jobs they asked for."""

    base_queryset = DocumentJob.objects.all()
    serializer_class = DocumentJobSerializer
    filterset_fields = ["kind", "state", "campaign"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return DocumentJob.objects.none()
        return super().get_queryset().filter(requested_by=self.request.user)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The finished file, named in Chinese (RFC 6266 filename*)."""
        return job_file_response(request, self.get_object())

    @extend_schema(request=None, responses={202: DocumentJobSerializer})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Queue a failed job again."""
        job = document_job_retry(job_id=self.get_object().pk, actor=request.user)
        return Response(self.get_serializer(job).data, status=status.HTTP_202_ACCEPTED)
