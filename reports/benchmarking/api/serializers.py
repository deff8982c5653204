"""Serializers of the benchmarking API: output of the tables, input of rows and uploads."""

from rest_framework import serializers

from reports.benchmarking.services import PRODUCT_INPUT, TABLE_FIELDS
from reports.models import BenchmarkEntry, BenchmarkTable, ProductRow


class BenchmarkTableSerializer(serializers.ModelSerializer):
    class Meta:
        model = BenchmarkTable
        fields = ["id", *TABLE_FIELDS, "created_at"]  # the upload service's fields, in its order


class BenchmarkUploadSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=64)
    edition = serializers.CharField(max_length=16)
    title = serializers.CharField(max_length=255, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=BenchmarkTable._meta.get_field("kind").choices)
    effective_year = serializers.IntegerField(min_value=1990, max_value=2100)
    source = serializers.CharField()
    confidence = serializers.CharField(max_length=255)
    notes = serializers.CharField(required=False, allow_blank=True)
    file = serializers.FileField(help_text="CSV (UTF-8) in the upload format, see docs.")


class BenchmarkEntrySerializer(serializers.ModelSerializer):
    cited = serializers.CharField(read_only=True)

    class Meta:
        model = BenchmarkEntry
        fields = [
            "id",
            "table",
            "industry",
            "product",
            "indicator",
            "unit",
            "table_ref",
            "leading_value",
            "advanced_value",
            "limit_value",
            "reference_standard",
            "source",
            "confidence",
            "notes",
            "cited",
        ]


class ProductRowSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    entry = serializers.PrimaryKeyRelatedField(
        queryset=BenchmarkEntry.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = ProductRow
        fields = [
            "id",
            "report",
            *PRODUCT_INPUT,
            "unit_consumption",
            "indicator_unit",
            "level",
            "level_label",
            "standard_cited",
            "later_edition",
            "saving_to_limit_tce",
            "saving_to_leading_tce",
        ]
        read_only_fields = [
            "unit_consumption",
            "indicator_unit",
            "level",
            "standard_cited",
            "later_edition",
            "saving_to_limit_tce",
            "saving_to_leading_tce",
        ]
        extra_kwargs = {"product": {"required": False, "allow_blank": True}}
