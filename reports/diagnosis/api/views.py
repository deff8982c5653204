"""Report API: the same submissions and moves as the pages, through the same services and scope."""

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from portal.api.viewsets import ScopedMixin
from portal.audit import audit_record
from portal.scoping import scope
from reports.checks.api.serializers import ReasonsSerializer
from reports.diagnosis.api import serializers as s
from reports.diagnosis.services import editing, feedback, moves
from reports.models import DiagnosisReport, EnergyUse, Equipment, Measure

CHECKS = ("quantity_ok", "quality_ok", "data_ok", "feedback_ok")


class ReportViewSet(
    ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Diagnosis reports: the agency's drafts, everyone's submitted reports in their scope."""

    base_queryset = DiagnosisReport.objects.select_related(
        "task__campaign", "task__enterprise", "task__organizer", "feedback"
    ).order_by("id")
    filterset_fields = {
        "task": ["exact"],
        "task__campaign__year": ["exact"],
        "task__state": ["exact"],
        "is_excellent_case": ["exact"],
    }
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_serializer_class(self):
        return s.ReportDetailSerializer if self.action == "retrieve" else s.ReportSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "energy_uses", "equipment", "measures__taxonomy", "acceptances"
            )
        return queryset

    def _detail(self, report_id: int, code: int = status.HTTP_200_OK) -> Response:
        report = (
            self.get_queryset()
            .prefetch_related("energy_uses", "equipment", "measures__taxonomy", "acceptances")
            .get(pk=report_id)
        )
        return Response(s.ReportDetailSerializer(report).data, status=code)

    @extend_schema(request=s.ReportCreateSerializer, responses=s.ReportDetailSerializer)
    def create(self, request):
        """Open (or fetch) the agency's draft report of a published or returned task."""
        body = s.ReportCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report = editing.report_open(task_id=body.validated_data["task"], actor=request.user)
        return self._detail(report.pk, status.HTTP_201_CREATED)

    @extend_schema(request=s.ReportSerializer, responses=s.ReportDetailSerializer)
    def partial_update(self, request, pk=None):
        report = self.get_object()
        body = s.ReportSerializer(report, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        editing.report_update(task_id=report.task_id, actor=request.user, data=body.validated_data)
        return self._detail(report.pk)

    @extend_schema(
        request={"multipart/form-data": s.FileUploadSerializer}, responses=s.ReportDetailSerializer
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def file(self, request, pk=None):
        """Upload the report file: PDF or DOCX by content, size-limited, generated name."""
        report = self.get_object()
        body = s.FileUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        editing.report_upload_file(
            task_id=report.task_id,
            actor=request.user,
            upload=body.validated_data["file"],
            request=request,
        )
        return self._detail(report.pk)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        report = self.get_object()
        if not report.file:
            raise Http404
        audit_record(
            actor=request.user,
            action="report.download",
            obj=report,
            request=request,
            organizer=report.task.organizer_id,
            summary=report.download_name,
        )
        return FileResponse(
            report.file.open("rb"), as_attachment=True, filename=report.download_name
        )

    @extend_schema(request=ReasonsSerializer, responses=s.ReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit; `reasons` ({"code:target": text}) explain flagged figures (data checks)."""
        report = self.get_object()
        body = ReasonsSerializer(data={"reasons": request.data.get("reasons") or {}})
        body.is_valid(raise_exception=True)
        moves.report_submit(
            task_id=report.task_id,
            actor=request.user,
            reasons=body.validated_data["reasons"],
            request=request,
        )
        return self._detail(report.pk)

    def _decide(self, request, decision: str) -> Response:
        report = self.get_object()
        body = s.ChecklistSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        moves.report_decide(
            task_id=report.task_id,
            actor=request.user,
            decision=decision,
            checklist={k: data[k] for k in CHECKS},
            comment=data["comment"],
            request=request,
        )
        return self._detail(report.pk)

    @extend_schema(request=s.ChecklistSerializer, responses=s.ReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept with the four criteria (all true) once the enterprise's feedback is on file."""
        return self._decide(request, "accept")

    @extend_schema(request=s.ChecklistSerializer, responses=s.ReportDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """Return to the agency; the comment is required."""
        return self._decide(request, "return")

    @extend_schema(request=s.FeedbackInputSerializer, responses=s.ReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None):
        """The enterprise's confirmation and rating, or an organizer's phone record."""
        report = self.get_object()
        body = s.FeedbackInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        feedback.feedback_save(
            task_id=report.task_id, actor=request.user, request=request, **body.validated_data
        )
        return self._detail(report.pk)

    @extend_schema(request=s.ExcellentSerializer, responses=s.ReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def excellent(self, request, pk=None):
        report = self.get_object()
        body = s.ExcellentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        moves.report_mark_excellent(
            task_id=report.task_id, actor=request.user, request=request, **body.validated_data
        )
        return self._detail(report.pk)


class _RowViewSet(
    ScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Rows of a draft report: created, changed (PATCH) and removed by the agency through the
    services."""

    kind = ""
    filterset_fields = ["report"]

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if "data" in kwargs:  # related rows must be ones the user may see
            user = self.request.user
            serializer.fields["report"].queryset = scope(DiagnosisReport.objects.all(), user)
            if "equipment" in serializer.fields:
                serializer.fields["equipment"].queryset = scope(Equipment.objects.all(), user)
        return serializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        report = data.pop("report")
        service = {
            "energy": editing.energy_use_add,
            "equipment": editing.equipment_add,
            "measure": editing.measure_add,
        }[self.kind]
        serializer.instance = service(
            task_id=report.task_id, actor=self.request.user, data=data, request=self.request
        )

    def partial_update(self, request, pk=None):
        """Change a row: the fields sent are checked and computed as for a new row, the others
        keep what was entered; refused as a new row is (report submitted, year closed)."""
        row = self.get_object()
        body = self.get_serializer(row, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        if data.pop("report", row.report) != row.report:
            raise ValidationError({"report": [_("A row stays in the report it was entered in.")]})
        updated = editing.report_row_update(
            kind=self.kind, row_id=row.pk, actor=request.user, data=data, request=request
        )
        return Response(self.get_serializer(updated).data)

    def perform_destroy(self, instance):
        editing.report_row_remove(
            kind=self.kind, row_id=instance.pk, actor=self.request.user, request=self.request
        )


class EnergyUseViewSet(_RowViewSet):
    base_queryset = EnergyUse.objects.order_by("id")
    serializer_class = s.EnergyUseSerializer
    kind = "energy"


class EquipmentViewSet(_RowViewSet):
    base_queryset = Equipment.objects.order_by("id")
    serializer_class = s.EquipmentSerializer
    kind = "equipment"


class MeasureViewSet(_RowViewSet):
    base_queryset = Measure.objects.select_related("taxonomy").order_by("id")
    serializer_class = s.MeasureSerializer
    kind = "measure"
