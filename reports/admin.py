"""Admin: the reference tables are edited here (new standard editions, grading tables, measure
codes); reports are read-only, because every change to them goes through the services."""

from django.contrib import admin

from .models import (
    Acceptance,
    CaseStory,
    DiagnosisReport,
    EnergyFactor,
    EnergyUse,
    Equipment,
    Feedback,
    FollowUp,
    GradingTable,
    Measure,
    MeasureCategory,
)


@admin.register(EnergyFactor)
class EnergyFactorAdmin(admin.ModelAdmin):
    list_display = ("carrier_code", "name", "kgce_per_unit", "unit", "basis", "standard", "edition")
    list_filter = ("standard", "edition", "basis")


@admin.register(GradingTable)
class GradingTableAdmin(admin.ModelAdmin):
    list_display = (
        "equipment_type",
        "standard",
        "edition",
        "metric",
        "format",
        "coverage",
        "is_current",
    )
    list_filter = ("equipment_type", "format", "is_current")


@admin.register(MeasureCategory)
class MeasureCategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "category", "parent", "is_active")
    list_filter = ("level", "category", "is_active")
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class EnergyUseInline(ReadOnlyInline):
    model = EnergyUse
    fields = ("carrier_name", "quantity", "unit", "factor_kgce", "factor_source", "tce")


class EquipmentInline(ReadOnlyInline):
    model = Equipment
    fields = (
        "equipment_type",
        "name",
        "rating",
        "count",
        "efficiency_pct",
        "rating_status",
        "saving_kwh",
    )


class MeasureInline(ReadOnlyInline):
    model = Measure
    fields = ("title", "category", "investment_wan", "savings_tce", "payback_years", "state")


class AcceptanceInline(ReadOnlyInline):
    model = Acceptance
    fields = (
        "created_at",
        "decision",
        "quantity_ok",
        "quality_ok",
        "data_ok",
        "feedback_ok",
        "comment",
        "decided_by",
    )
    readonly_fields = ("created_at",)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DiagnosisReport)
class DiagnosisReportAdmin(ReadOnlyAdmin):
    list_display = (
        "task",
        "submitted_at",
        "is_late",
        "energy_tce",
        "savings_tce",
        "is_excellent_case",
    )
    list_filter = ("task__campaign", "is_excellent_case", "is_late", "task__state")
    search_fields = ("task__enterprise__name", "task__enterprise__credit_code")
    list_select_related = ("task__campaign", "task__enterprise")
    inlines = [EnergyUseInline, EquipmentInline, MeasureInline, AcceptanceInline]


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ("report", "rating", "confirmed", "source", "created_at")
    list_filter = ("source", "rating")


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ("task", "measure", "realized_tce", "actual_investment_wan", "updated_at")


@admin.register(CaseStory)
class CaseStoryAdmin(ReadOnlyAdmin):
    """Case pages' editorial titles and summaries (written by the organizer on the case page)."""

    list_display = ("report", "title", "edited_by", "updated_at")
    search_fields = ("title", "report__task__enterprise__name")
    list_select_related = ("report__task__enterprise", "edited_by")
