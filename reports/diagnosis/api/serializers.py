"""Serializers of the report API: output shapes, and inputs the services validate further."""

from decimal import Decimal

from rest_framework import serializers

from reports.choices import EquipmentType, MeasureKind
from reports.diagnosis.services.editing import ENERGY_INPUT, EQUIPMENT_INPUT
from reports.models import (
    Acceptance,
    DiagnosisReport,
    EnergyUse,
    Equipment,
    Feedback,
    GradingTable,
    Measure,
    MeasureCategory,
)


def _amount(**kwargs):
    return serializers.DecimalField(
        max_digits=18,
        decimal_places=4,
        min_value=Decimal(0),
        required=False,
        allow_null=True,
        **kwargs,
    )


class EnergyUseSerializer(serializers.ModelSerializer):
    class Meta:
        model = EnergyUse
        fields = [
            "id",
            "report",
            "carrier_code",
            "carrier_name",
            "quantity",
            "unit",
            "measured_lhv",
            "factor_kgce",
            "factor_unit",
            "factor_source",
            "factor_standard",
            "factor_edition",
            "tce",
            "primary_factor",
            "primary_tce",
            "note",
        ]
        read_only_fields = [f for f in fields if f not in {"report", *ENERGY_INPUT}]
        extra_kwargs = {
            "unit": {"required": False, "allow_blank": True},
            "note": {"required": False},
        }


class EquipmentSerializer(serializers.ModelSerializer):
    grade_label = serializers.CharField(read_only=True)

    class Meta:
        model = Equipment
        fields = [
            "id",
            "report",
            *EQUIPMENT_INPUT,  # what the editing service takes, in its order
            "rating_status",
            "grade",
            "grade_at_least",
            "grade_label",
            "limit_value",
            "target_value",
            "grading_standard",
            "grading_edition",
            "below_limit",
            "saving_kwh",
            "saving_tce",
            "grading_note",
        ]
        read_only_fields = [
            "rating_status",
            "grade",
            "grade_at_least",
            "limit_value",
            "target_value",
            "grading_standard",
            "grading_edition",
            "below_limit",
            "saving_kwh",
            "saving_tce",
            "grading_note",
        ]
        extra_kwargs = {"equipment_type": {"choices": EquipmentType.choices}}


class MeasureSerializer(serializers.ModelSerializer):
    taxonomy_code = serializers.CharField(source="taxonomy.code", read_only=True, default=None)
    savings_tce = _amount()

    class Meta:
        model = Measure
        fields = [
            "id",
            "report",
            "taxonomy",
            "taxonomy_code",
            "category",
            "equipment",
            "title",
            "description",
            "investment_wan",
            "savings_tce",
            "savings_kwh",
            "savings_wan",
            "payback_years",
            "co2_t",
            "state",
            "state_reason",
        ]
        read_only_fields = ["payback_years", "co2_t", "state", "state_reason"]
        extra_kwargs = {
            "category": {
                "required": False,
                "allow_blank": True,
                "choices": ["", *MeasureKind.values],
            },
            "title": {"required": False, "allow_blank": True},
        }


class FeedbackSerializer(serializers.ModelSerializer):
    on_behalf = serializers.BooleanField(read_only=True)

    class Meta:
        model = Feedback
        fields = [
            "confirmed",
            "rating",
            "comments",
            "source",
            "on_behalf",
            "contact_name",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["source", "created_at", "updated_at"]


class AcceptanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Acceptance
        fields = [
            "id",
            "decision",
            "quantity_ok",
            "quality_ok",
            "data_ok",
            "feedback_ok",
            "comment",
            "decided_by",
            "created_at",
        ]


REPORT_FIELDS = [
    "id",
    "task",
    "diagnosis_year",
    "findings",
    "is_historical",
    "file_name",
    "file_type",
    "file_size",
    "file_sha256",
    "file_uploaded_at",
    "energy_tce",
    "energy_tce_primary",
    "equipment_count",
    "below_limit_count",
    "upgrade_kwh",
    "upgrade_tce",
    "measure_count",
    "investment_wan",
    "savings_tce",
    "savings_kwh",
    "savings_wan",
    "co2_t",
    "submitted_at",
    "submit_count",
    "is_late",
    "last_comment",
    "accepted_at",
    "is_excellent_case",
    "excellent_note",
    "task_state",
]


class ReportSerializer(serializers.ModelSerializer):
    task_state = serializers.CharField(source="task.state", read_only=True)

    class Meta:
        model = DiagnosisReport
        fields = REPORT_FIELDS
        read_only_fields = [f for f in REPORT_FIELDS if f not in {"diagnosis_year", "findings"}]


class ReportDetailSerializer(ReportSerializer):
    energy_uses = EnergyUseSerializer(many=True, read_only=True)
    equipment = EquipmentSerializer(many=True, read_only=True)
    measures = MeasureSerializer(many=True, read_only=True)
    feedback = FeedbackSerializer(read_only=True)
    acceptances = AcceptanceSerializer(many=True, read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = [*REPORT_FIELDS, "energy_uses", "equipment", "measures", "feedback", "acceptances"]


class ReportCreateSerializer(serializers.Serializer):
    task = serializers.IntegerField()


class FileUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class ChecklistSerializer(serializers.Serializer):
    quantity_ok = serializers.BooleanField(default=False)
    quality_ok = serializers.BooleanField(default=False)
    data_ok = serializers.BooleanField(default=False)
    feedback_ok = serializers.BooleanField(default=False)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class FeedbackInputSerializer(serializers.Serializer):
    confirmed = serializers.BooleanField(default=True)
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comments = serializers.CharField(required=False, allow_blank=True, default="")
    contact_name = serializers.CharField(required=False, allow_blank=True, default="")


class ExcellentSerializer(serializers.Serializer):
    excellent = serializers.BooleanField(default=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MeasureCategorySerializer(serializers.ModelSerializer):
    parent = serializers.CharField(
        source="parent.code", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = MeasureCategory
        fields = ["id", "code", "parent", "level", "name", "category", "source", "edition"]


class GradingTableSerializer(serializers.ModelSerializer):
    class Meta:
        model = GradingTable
        fields = [
            "id",
            "standard",
            "edition",
            "title",
            "equipment_type",
            "metric",
            "unit",
            "direction",
            "format",
            "coverage",
            "note",
            "is_current",
            "in_force_from",
            "source",
            "confidence",
            "data",
        ]
