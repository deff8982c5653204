"""API of the documents: ask for a file, poll its job, download it, try a failed one again.

POST /api/v1/documents/ {kind, year, organizer, letter, published_list} → 202 and the job;
GET /api/v1/documents/{id}/ polls it (state, progress, download_url once done); GET
/api/v1/documents/{id}/download/ sends the file. A user sees only the jobs they asked for.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from portal.api.serializers import DocumentJobSerializer
from portal.choices import JobState
from portal.jobs.api import DocumentJobViewSet
from portal.models import Campaign, DocumentJob
from provinces.models import Organizer
from reports.documents.services import REQUESTABLE, document_request


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


class DocumentViewSet(DocumentJobViewSet):
    """/api/v1/jobs/ (list, poll, download, retry) plus the request of a document by kind."""

    base_queryset = DocumentJob.objects.select_related("campaign", "organizer")
    serializer_class = DocumentSerializer

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
