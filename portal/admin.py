from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .choices import Role
from .models import AuditLog, Campaign, DocumentJob, Notice, User
from .security.duties import admin_site_has_permission

# The Django admin opens for the system administrator only (separation of duties).
# The default site's check is replaced on this one instance, on purpose.
admin.site.has_permission = admin_site_has_permission  # type: ignore[method-assign]

# Who holds which duty, and so who has the admin flags, is the security administrator's
# business (/accounts/security/accounts/); the system administrator cannot change it here.
DUTY_FIELDS = ("duty", "is_staff", "is_superuser", "groups", "user_permissions")


class PortalUserCreationForm(AdminUserCreationForm):
    # django-stubs declares no Meta on the auth forms; Django defines it (model User, username).
    class Meta(AdminUserCreationForm.Meta):  # type: ignore[name-defined]
        model = User
        fields = ("username", "role", "organizer", "agency", "enterprise", "tenant_admin")

    def clean_role(self):
        role = self.cleaned_data["role"]
        if role == Role.MINISTRY:
            raise forms.ValidationError(
                _("Ministry accounts are created by the security administrator.")
            )
        return role


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = PortalUserCreationForm
    add_fieldsets = (
        (
            None,
            {
                "fields": (
                    "username",
                    "role",
                    "organizer",
                    "agency",
                    "enterprise",
                    "tenant_admin",
                    "usable_password",
                    "password1",
                    "password2",
                )
            },
        ),
    )
    list_display = (
        "username",
        "full_name",
        "role",
        "duty",
        "organizer",
        "agency",
        "enterprise",
        "is_active",
    )
    list_filter = ("role", "duty", "tenant_admin", "is_active")
    search_fields = ("username", "full_name", "email")
    autocomplete_fields = ("organizer", "agency", "enterprise")
    readonly_fields = DUTY_FIELDS
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (
            _("Role"),
            {
                "fields": (
                    "role",
                    "organizer",
                    "agency",
                    "enterprise",
                    "full_name",
                    "job_title",
                    "phone",
                    "tenant_admin",
                    "duty",
                )
            },
        ),
    )

    def has_change_permission(self, request, obj=None):
        # Ministry accounts (passwords included) belong to the security administrator.
        if obj is not None and obj.role == Role.MINISTRY:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are deactivated, never deleted (their records name them)


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ("year", "name", "plan_due", "recommendation_due", "intent_due", "summary_due")
    # The year's set-up is edited on the ministry's campaign pages (/reports/campaigns/), which
    # check and preview it; typing JSON here could store a layout that breaks rendering.
    readonly_fields = (
        "form_layouts",
        "obligations",
        "summary_outline",
        "acceptance_criteria",
        "diagnosis_types",
    )


@admin.register(DocumentJob)
class DocumentJobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "state", "progress", "requested_by", "created_at")
    list_filter = ("kind", "state")
    readonly_fields = [f.name for f in DocumentJob._meta.fields]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "title", "created_at", "read_at", "delivered_at")
    list_filter = ("kind", "digest")


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
