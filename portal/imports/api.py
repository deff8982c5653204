"""POST <list>/import/ of the API: the same import service as the page, all or nothing."""

from collections.abc import Callable

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from portal.filesize import too_large_message
from portal.models import Campaign

from .outcome import ImportOutcome, OtherOrganizerFile


class RowErrorSerializer(serializers.Serializer):
    row = serializers.CharField()
    column = serializers.CharField()
    reason = serializers.CharField()


class ImportRequestSerializer(serializers.Serializer):
    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all())
    file = serializers.FileField()
    dry_run = serializers.BooleanField(default=False)
    other_organizer_ok = serializers.BooleanField(
        default=False,
        help_text="Import even when the file's 填报单位 names another organizer "
        "(without it such a file is refused with 409, code other_organizer).",
    )


class ImportOutcomeSerializer(serializers.Serializer):
    """What an import did; with errors (status 422) nothing was stored."""

    ok = serializers.BooleanField()
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    # A declared field named like Serializer.errors: DRF's metaclass moves it into
    # _declared_fields, the stubs see a class attribute.
    errors = RowErrorSerializer(many=True)  # type: ignore[assignment]
    notes = serializers.ListField(child=serializers.CharField())


def read_upload(request) -> dict:
    body = ImportRequestSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    upload = body.validated_data["file"]
    if upload.size > settings.SPREADSHEET_MAX_BYTES:
        raise ValidationError(
            {"file": [too_large_message(upload.size, settings.SPREADSHEET_MAX_BYTES)]}
        )
    return body.validated_data


def import_response(outcome) -> Response:
    return Response(
        ImportOutcomeSerializer(outcome).data,
        status=status.HTTP_200_OK if outcome.ok else status.HTTP_422_UNPROCESSABLE_ENTITY,
    )


class OtherOrganizerSerializer(serializers.Serializer):
    """409: the file names another organizer; send other_organizer_ok=true to import it."""

    detail = serializers.CharField()
    code = serializers.CharField()
    file_organizer = serializers.CharField(help_text="the organizer the file's 填报单位 names")
    parameter = serializers.CharField(help_text="the parameter that says go on")


def other_organizer_response(exc: OtherOrganizerFile) -> Response:
    body = {
        "detail": str(exc.message),
        "code": exc.code,
        "file_organizer": exc.named,
        "parameter": "other_organizer_ok",
    }
    return Response(body, status=status.HTTP_409_CONFLICT)


class ImportActionMixin:
    """Adds POST …/import/ to a viewset: `import_service(campaign=, organizer=, file=, actor=,
    dry_run=, request=)` runs on the caller's organizer; 422 lists every bad row."""

    # staticmethod(agency_list_import) in the viewset
    import_service: Callable[..., ImportOutcome]

    @extend_schema(
        request={"multipart/form-data": ImportRequestSerializer},
        responses={
            200: ImportOutcomeSerializer,
            409: OtherOrganizerSerializer,
            422: ImportOutcomeSerializer,
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_(self, request):
        """Import the form's spreadsheet (all or nothing); 422 lists every bad row."""
        data = read_upload(request)
        try:
            outcome = type(self).import_service(
                campaign=data["campaign"],
                organizer=request.user.organizer,
                file=data["file"],
                actor=request.user,
                dry_run=data["dry_run"],
                request=request,
                other_organizer_ok=data["other_organizer_ok"],
            )
        except OtherOrganizerFile as exc:
            return other_organizer_response(exc)
        return import_response(outcome)
