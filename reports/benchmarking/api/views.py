"""Benchmarking API: the same services and scope as the pages."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from portal.api.viewsets import ScopedMixin, ScopedReadOnlyViewSet
from portal.scoping import scope
from reports.benchmarking import services
from reports.benchmarking.api import serializers as s
from reports.models import BenchmarkEntry, BenchmarkTable, DiagnosisReport, ProductRow


class BenchmarkTableViewSet(ScopedMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Loaded tables and editions; the ministry uploads a new one (CSV, all rows or none)."""

    base_queryset = BenchmarkTable.objects.order_by("code", "-effective_year", "-edition")
    serializer_class = s.BenchmarkTableSerializer
    filterset_fields = ["code", "edition", "kind"]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": s.BenchmarkUploadSerializer},
        responses={201: s.BenchmarkTableSerializer},
    )
    def create(self, request, *args, **kwargs):
        if not request.user.is_ministry:
            raise PermissionDenied
        body = s.BenchmarkUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        try:
            content = data.pop("file").read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError({"file": [_("The file is not UTF-8 text.")]}) from None
        try:
            table = services.benchmark_table_upload(
                actor=request.user, data=data, content=content, request=request
            )
        except services.UploadRefused as exc:
            raise ValidationError({"file": exc.errors}) from None
        return Response(s.BenchmarkTableSerializer(table).data, status=status.HTTP_201_CREATED)


class BenchmarkEntryViewSet(ScopedReadOnlyViewSet):
    base_queryset = BenchmarkEntry.objects.select_related("table").order_by("table", "id")
    serializer_class = s.BenchmarkEntrySerializer
    filterset_fields = ["table", "industry", "product"]


class ProductRowViewSet(
    ScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """A report's main products, benchmarked by the service; the agency adds, changes (PATCH)
    and removes them while the report is a draft."""

    base_queryset = ProductRow.objects.select_related("entry__table").order_by("id")
    serializer_class = s.ProductRowSerializer
    filterset_fields = ["report", "level"]

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if "data" in kwargs:
            serializer.fields["report"].queryset = scope(
                DiagnosisReport.objects.all(), self.request.user
            )
        return serializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        report = data.pop("report")
        serializer.instance = services.product_row_add(
            task_id=report.task_id, actor=self.request.user, data=data, request=self.request
        )

    def partial_update(self, request, pk=None):
        row = self.get_object()
        body = self.get_serializer(row, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        if data.pop("report", row.report) != row.report:
            raise ValidationError({"report": [_("A row stays in the report it was entered in.")]})
        updated = services.product_row_update(
            row_id=row.pk, actor=request.user, data=data, request=request
        )
        return Response(self.get_serializer(updated).data)

    def perform_destroy(self, instance):
        services.product_row_remove(
            row_id=instance.pk, actor=self.request.user, request=self.request
        )
