"""Follow-up (跟踪服务) API: the follow-up rows of a task, their moves, the realization rates."""

from decimal import Decimal

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from enterprises.models import DiagnosisTask
from portal.api.viewsets import ScopedMixin
from portal.params import query_int
from portal.scoping import get_scoped_or_404
from reports.choices import EnterpriseProgress
from reports.diagnosis.api.overview import campaign_for, plain
from reports.diagnosis.api.serializers import MeasureSerializer
from reports.follow_up.selectors import follow_up_rows, realization_for
from reports.follow_up.services import (
    follow_up_move,
    follow_up_progress_report,
    follow_up_save,
)
from reports.models import FollowUp


def _amount():
    return serializers.DecimalField(
        max_digits=18, decimal_places=4, min_value=Decimal(0), required=False, allow_null=True
    )


class FollowUpSerializer(serializers.ModelSerializer):
    measure_state = serializers.CharField(
        source="state", read_only=True, help_text="How far the measure has come (this follow-up)."
    )

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "task",
            "measure",
            "state",
            "measure_state",
            "state_reason",
            "actual_investment_wan",
            "realized_tce",
            "realized_kwh",
            "realized_wan",
            "note",
            "evidence_name",
            "evidence_type",
            "evidence_size",
            "evidence_sha256",
            "progress",
            "progress_note",
            "progress_reported_at",
            "verified_at",
            "verified_by",
            "updated_at",
        ]
        read_only_fields = fields


class FollowUpInputSerializer(serializers.Serializer):
    task = serializers.IntegerField()
    measure = serializers.IntegerField()
    actual_investment_wan = _amount()
    realized_tce = _amount()
    realized_kwh = _amount()
    realized_wan = _amount()
    note = serializers.CharField(required=False, allow_blank=True)
    evidence = serializers.FileField(required=False)


class ProgressInputSerializer(serializers.Serializer):
    task = serializers.IntegerField()
    measure = serializers.IntegerField()
    progress = serializers.ChoiceField(choices=EnterpriseProgress.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class MoveInputSerializer(serializers.Serializer):
    task = serializers.IntegerField()
    measure = serializers.IntegerField()
    move = serializers.CharField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class FollowUpViewSet(
    ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """What a follow-up task recorded about each measure of the earlier report."""

    base_queryset = FollowUp.objects.select_related("measure").order_by("id")
    serializer_class = FollowUpSerializer
    filterset_fields = ["task", "measure"]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(request=FollowUpInputSerializer, responses=FollowUpSerializer)
    def create(self, request):
        """Record (or update) actual investment, realized savings and evidence."""
        body = FollowUpInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        task, measure, evidence = data.pop("task"), data.pop("measure"), data.pop("evidence", None)
        record = follow_up_save(
            task_id=task,
            measure_id=measure,
            actor=request.user,
            data=data,
            evidence=evidence,
            request=request,
        )
        return Response(FollowUpSerializer(self.get_queryset().get(pk=record.pk)).data, status=201)

    @extend_schema(request=ProgressInputSerializer, responses=FollowUpSerializer)
    @action(detail=False, methods=["post"])
    def progress(self, request):
        """The enterprise reports its own progress on an earlier measure."""
        body = ProgressInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        record = follow_up_progress_report(
            task_id=data["task"],
            measure_id=data["measure"],
            progress=data["progress"],
            note=data["note"],
            actor=request.user,
            request=request,
        )
        return Response(FollowUpSerializer(self.get_queryset().get(pk=record.pk)).data)

    @extend_schema(request=MoveInputSerializer, responses=FollowUpSerializer)
    @action(detail=False, methods=["post"])
    def move(self, request):
        """Move an earlier measure along its lifecycle: the agency records (not adopted needs
        a comment); the organizer verifies an implemented measure or sends it back (reject,
        with the reason)."""
        body = MoveInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        record = follow_up_move(
            task_id=data["task"],
            measure_id=data["measure"],
            move=data["move"],
            actor=request.user,
            comment=data["comment"],
            request=request,
        )
        return Response(FollowUpSerializer(self.get_queryset().get(pk=record.pk)).data)

    @extend_schema(
        parameters=[OpenApiParameter("task", int, required=True)],
        responses=MeasureSerializer(many=True),
    )
    @action(detail=False, methods=["get"])
    def earlier(self, request):
        """The earlier report's measures that a follow-up task follows up."""
        task_id = query_int(request, "task", required=True)
        task = get_scoped_or_404(DiagnosisTask.objects.all(), request.user, pk=task_id)
        if task.previous_task_id is None:
            raise Http404
        rows = follow_up_rows(request.user, task, editable=False)
        return Response(MeasureSerializer([row.measure for row in rows], many=True).data)


@extend_schema(parameters=[OpenApiParameter("year", int)], responses=dict)
@api_view(["GET"])
def realization(request):
    """Realization rate per follow-up task (enterprise) and in total."""
    rows, total = realization_for(request.user, campaign=campaign_for(request))
    return Response(
        {"rows": [_realization_row(row) for row in rows], "total": _realization_row(total)}
    )


def _realization_row(row) -> dict:
    task = row.task
    return plain(
        {
            "task": task.pk if task else None,
            "enterprise": task.enterprise_name if task else None,
            "proposed": row.proposed,
            "realized": row.realized,
            "rate_by_count": row.rate_by_count,
            "expected_tce": row.expected_tce,
            "realized_expected_tce": row.realized_expected_tce,
            "rate_by_savings": row.rate_by_savings,
            "realized_tce": row.realized_tce,
            "actual_investment_wan": row.actual_investment_wan,
        }
    )
