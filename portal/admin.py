from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import AuditLog, Campaign, DocumentJob, Notice, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "role", "organizer", "agency", "enterprise",
                    "is_active")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email")
    autocomplete_fields = ("organizer", "agency", "enterprise")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role"), {"fields": ("role", "organizer", "agency", "enterprise", "full_name",
                                "job_title", "phone", "is_security_officer")}),
    )


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ("year", "name", "plan_due", "recommendation_due", "intent_due", "summary_due")


@admin.register(DocumentJob)
class DocumentJobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "state", "progress", "requested_by", "created_at")
    list_filter = ("kind", "state")
    readonly_fields = [f.name for f in DocumentJob._meta.fields]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("recipient", "title", "created_at", "read_at")


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read-only: nothing deletes or changes audit records."""

    list_display = ("created_at", "actor", "organizer", "action", "object_type", "object_id")
    list_filter = ("action",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
