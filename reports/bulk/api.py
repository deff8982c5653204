"""Bulk entry in the API: the template (GET) and the import (POST, all or nothing; 422 lists
every bad row by sheet, row and column)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from portal.choices import Role
from portal.filesize import too_large_message
from portal.models import Campaign
from portal.web import xlsx_response
from reports.diagnosis.api.overview import campaign_for

from .service import bulk_import
from .template import bulk_template


class BulkRequestSerializer(serializers.Serializer):
    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all())
    file = serializers.FileField(help_text="the filled template (.xlsx)")
    dry_run = serializers.BooleanField(default=False)


class SheetErrorSerializer(serializers.Serializer):
    sheet = serializers.CharField()
    row = serializers.IntegerField()
    column = serializers.CharField()
    reason = serializers.CharField()


class BulkOutcomeSerializer(serializers.Serializer):
    """What the import did; with errors (status 422) nothing was stored."""

    ok = serializers.BooleanField()
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField(help_text="data rows read")
    written = serializers.IntegerField(help_text="rows stored")
    replaced = serializers.IntegerField(help_text="tables of a report the file replaced")
    unchanged = serializers.IntegerField(help_text="tables already as in the file")
    reports = serializers.IntegerField(help_text="reports changed")
    errors = SheetErrorSerializer(many=True)  # type: ignore[assignment]


def _agency(request) -> None:
    if request.user.role != Role.AGENCY:
        raise PermissionDenied


@extend_schema(
    parameters=[OpenApiParameter("year", int, description="campaign year (default: latest)")],
    responses={
        (
            200,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ): OpenApiTypes.BINARY
    },
)
@api_view(["GET"])
def bulk_template_api(request):
    """The bulk-entry template of the agency's open reports of a campaign, pre-filled."""
    _agency(request)
    campaign = campaign_for(request)
    if campaign is None:
        raise Http404
    return xlsx_response(
        bulk_template(request.user, campaign), f"{campaign.year}年度诊断报告数据批量填报.xlsx"
    )


@extend_schema(
    request={"multipart/form-data": BulkRequestSerializer},
    responses={
        200: BulkOutcomeSerializer,
        400: OpenApiResponse(description="the file is not a filled template"),
        422: BulkOutcomeSerializer,
    },
)
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser])
def bulk_import_api(request):
    """Import a filled template into the agency's open reports (all rows or none)."""
    _agency(request)
    body = BulkRequestSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    upload = body.validated_data["file"]
    if upload.size > settings.SPREADSHEET_MAX_BYTES:
        raise ValidationError(
            {"file": [too_large_message(upload.size, settings.SPREADSHEET_MAX_BYTES)]}
        )
    outcome = bulk_import(
        campaign=body.validated_data["campaign"],
        file=upload,
        actor=request.user,
        dry_run=body.validated_data["dry_run"],
        request=request,
    )
    return Response(
        BulkOutcomeSerializer(outcome).data,
        status=status.HTTP_200_OK if outcome.ok else status.HTTP_422_UNPROCESSABLE_ENTITY,
    )
