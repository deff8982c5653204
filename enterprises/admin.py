from django.contrib import admin

from .models import (
    DiagnosisTask,
    Enterprise,
    Industry,
    PublishedEntry,
    PublishedList,
    TaskEvent,
    TaskLetter,
)
from .services.registry import enterprise_describe


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "key_sector")


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    """The ministry's corrections of the national record; no organizer's listing changes."""

    list_display = ("name", "credit_code", "city", "industry", "is_sme")
    search_fields = ("name", "credit_code")

    def save_model(self, request, obj, form, change):
        enterprise_describe(
            enterprise=obj,
            values={name: form.cleaned_data[name] for name in form.changed_data},
            actor=request.user,
            request=request,
        )


class TaskEventInline(admin.TabularInline):
    model = TaskEvent
    extra = 0
    readonly_fields = ("created_at", "actor", "action", "from_state", "to_state", "comment")
    can_delete = False


@admin.register(DiagnosisTask)
class DiagnosisTaskAdmin(admin.ModelAdmin):
    list_display = ("enterprise_name", "campaign", "organizer", "agency", "diagnosis_type", "state")
    list_filter = ("campaign", "diagnosis_type", "state")
    search_fields = ("enterprise_name", "enterprise__credit_code")
    autocomplete_fields = ("enterprise", "agency")
    raw_id_fields = ("previous_task",)
    inlines = [TaskEventInline]


@admin.register(TaskLetter)
class TaskLetterAdmin(admin.ModelAdmin):
    list_display = ("campaign", "organizer", "number", "agency", "state", "signed_at")
    readonly_fields = ("number", "issued_at", "organizer_name", "agency_name", "agency_credit_code")


class PublishedEntryInline(admin.TabularInline):
    model = PublishedEntry
    extra = 0
    can_delete = False
    readonly_fields = (
        "seq",
        "enterprise_name",
        "credit_code",
        "city",
        "organizer_name",
        "agency_name",
        "diagnosis_type",
    )
    fields = readonly_fields


@admin.register(PublishedList)
class PublishedListAdmin(admin.ModelAdmin):
    """Snapshots are history: read them here, publish through the ministry's page."""

    list_display = ("campaign", "version", "is_current", "published_at", "entry_count")
    list_filter = ("campaign", "is_current")
    inlines = [PublishedEntryInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
