from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Organizer, PlanContent, Submission, SubmissionEvent


@admin.register(Organizer)
class OrganizerAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "department", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("code", "name")


class SubmissionEventInline(admin.TabularInline):
    model = SubmissionEvent
    extra = 0
    readonly_fields = ("created_at", "actor", "action", "from_state", "to_state", "comment")
    can_delete = False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("organizer", "campaign", "form", "state", "submitted_at", "is_late")
    list_filter = ("campaign", "form", "state", "is_late")
    inlines = [SubmissionEventInline]


admin.site.register(PlanContent, SimpleHistoryAdmin)
