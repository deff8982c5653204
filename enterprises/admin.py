from django.contrib import admin

from .models import DiagnosisTask, Enterprise, Industry, TaskEvent, TaskLetter


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "key_sector")


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ("name", "credit_code", "city", "industry", "is_sme")
    search_fields = ("name", "credit_code")


class TaskEventInline(admin.TabularInline):
    model = TaskEvent
    extra = 0
    readonly_fields = ("created_at", "actor", "action", "from_state", "to_state", "comment")
    can_delete = False


@admin.register(DiagnosisTask)
class DiagnosisTaskAdmin(admin.ModelAdmin):
    list_display = ("enterprise", "campaign", "organizer", "agency", "diagnosis_type", "state")
    list_filter = ("campaign", "diagnosis_type", "state")
    search_fields = ("enterprise__name", "enterprise__credit_code")
    autocomplete_fields = ("enterprise", "agency")
    raw_id_fields = ("previous_task",)
    inlines = [TaskEventInline]


@admin.register(TaskLetter)
class TaskLetterAdmin(admin.ModelAdmin):
    list_display = ("campaign", "organizer", "agency", "state", "signed_at")
