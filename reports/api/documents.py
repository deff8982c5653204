"""API of the documents: ask for a file, poll its job, download it, try a failed one again.

POST /api/v1/documents/ {kind, year, organizer, letter, published_list} → 202 and the job;
GET /api/v1/documents/{id}/ polls it (state, progress, download_url once done); GET
/api/v1/documents/{id}/download/ sends the file. A user sees only the jobs they asked for.
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.api.serializers import DocumentJobSerializer
from portal.api.viewsets import ScopedMixin
from portal.audit import audit_record
from portal.choices import JobState
from portal.jobs.service import document_job_retry
from portal.models import Campaign, DocumentJob
from provinces.models import Organizer
from reports.services.documents import REQUESTABLE, document_request


class DocumentRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=sorted(REQUESTABLE))
    year = serializers.IntegerField(required=False, help_text="campaign year, e.g. 2021")
    organizer = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="organizer code; the ministry without it gets the national file",
    )
    letter = serializers.IntegerField(required=False, help_text="task letter id (letters)")
    published_list = serializers.IntegerField(
        required=False, help_text="published list id (default: the current one)"
    )


class DocumentSerializer(DocumentJobSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta(DocumentJobSerializer.Meta):
        fields = [*DocumentJobSerializer.Meta.fields, "download_url"]

    def get_download_url(self, job: DocumentJob) -> str | None:
        if job.state != JobState.DONE:
            return None
        return reverse("api-document-download", args=[job.pk])


def _lookups(values: dict) -> tuple[Campaign | None, Organizer | None, dict]:
    campaign = get_object_or_404(Campaign, year=values["year"]) if values.get("year") else None
    code = (values.get("organizer") or "").strip().upper()
    organizer = get_object_or_404(Organizer, code=code) if code else None
    params = {"letter_id": values.get("letter"), "published_list_id": values.get("published_list")}
    return campaign, organizer, {k: v for k, v in params.items() if v}


class DocumentViewSet(
    ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    base_queryset = DocumentJob.objects.select_related("campaign", "organizer")
    serializer_class = DocumentSerializer
    filterset_fields = ["kind", "state", "campaign"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return DocumentJob.objects.none()
        return super().get_queryset().filter(requested_by=self.request.user)

    @extend_schema(request=DocumentRequestSerializer, responses={202: DocumentSerializer})
    def create(self, request):
        """Queue a document (or get the finished file of the same request on unchanged data)."""
        data = DocumentRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        campaign, organizer, params = _lookups(data.validated_data)
        job = document_request(
            actor=request.user,
            kind=data.validated_data["kind"],
            campaign=campaign,
            organizer=organizer,
            params=params,
            request=request,
        )
        headers = {"Location": reverse("api-document-detail", args=[job.pk])}
        return Response(
            DocumentSerializer(job).data, status=status.HTTP_202_ACCEPTED, headers=headers
        )

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The finished file, named in Chinese (RFC 6266 filename*)."""
        job = self.get_object()
        if job.state != JobState.DONE or not job.output:
            raise Http404
        audit_record(
            actor=request.user,
            action="document.download",
            obj=job,
            organizer=job.organizer,
            summary=job.output_name,
            request=request,
        )
        return FileResponse(job.output.open("rb"), as_attachment=True, filename=job.output_name)

    @extend_schema(request=None, responses={202: DocumentSerializer})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Queue a failed job again."""
        job = document_job_retry(job_id=self.get_object().pk, actor=request.user)
        return Response(DocumentSerializer(job).data, status=status.HTTP_202_ACCEPTED)
