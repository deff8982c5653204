from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerView

from reports.home.views import home

from . import (
    health,
    views,
    views_accounts,
    views_audit,
    views_campaigns,
    views_help,
    views_invitations,
    views_people,
    views_security,
    views_tokens,
)
from .api.schema import SchemaView
from .imports.marked import import_marked_download
from .jobs import views as job_views
from .notifications import views as notice_views

handler400 = "portal.views_errors.bad_request"  # bad query parameters (portal.params)

urlpatterns = [
    path("", home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", health.metrics, name="metrics"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("captcha/", include("captcha.urls")),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/two-factor/", views_security.security_overview, name="security-overview"),
    path("accounts/two-factor/verify/", views_security.otp_verify, name="otp-verify"),
    path("accounts/two-factor/setup/", views_security.otp_setup, name="otp-setup"),
    path(
        "accounts/two-factor/recovery-codes/",
        views_security.otp_recovery_codes,
        name="otp-recovery-codes",
    ),
    path("accounts/security/accounts/", views_accounts.account_list, name="security-accounts"),
    path(
        "accounts/security/accounts/<int:pk>/<slug:move>/",
        views_accounts.account_move,
        name="security-account-move",
    ),
    path("accounts/people/", views_people.people, name="people"),
    path("accounts/people/<int:pk>/<slug:move>/", views_people.people_move, name="people-move"),
    path(
        "accounts/invitations/<int:pk>/resend/",
        views_people.invitation_resend,
        name="invitation-resend",
    ),
    path("accounts/invite-contacts/", views_people.invite_contacts, name="invite-contacts"),
    path(
        "accounts/invitation/<str:token>/",
        views_invitations.invitation_accept,
        name="invitation-accept",
    ),
    path(
        "accounts/password/reset/",
        views_invitations.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        views_invitations.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/api-tokens/", views_tokens.api_token_list, name="api-tokens"),
    path(
        "accounts/api-tokens/<int:pk>/revoke/",
        views_tokens.api_token_revoke_view,
        name="api-token-revoke",
    ),
    path(
        "accounts/api-tokens/revoke-all/",
        views_tokens.api_tokens_revoke_all,
        name="api-tokens-revoke-all",
    ),
    path("audit/", views_audit.audit_log, name="audit-log"),
    path("audit/export/", views_audit.audit_export, name="audit-export"),
    path("campaigns/", views_campaigns.campaign_list, name="campaigns"),
    path("campaigns/<int:pk>/<slug:move>/", views_campaigns.campaign_confirm, name="campaign-move"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/<int:pk>/read/", views.notice_read, name="notice-read"),
    path("accounts/notices/", notice_views.notice_preferences, name="notice-preferences"),
    path("imports/marked/<str:token>/", import_marked_download, name="import-marked"),
    path("documents/", job_views.job_list, name="job-list"),
    path("documents/<int:pk>/", job_views.job_detail, name="job-detail"),
    path("documents/<int:pk>/download/", job_views.job_download, name="job-download"),
    path("documents/<int:pk>/retry/", job_views.job_retry, name="job-retry"),
    path("help/", views_help.help_index, name="help-index"),
    path("help/<slug:slug>/", views_help.help_page, name="help-page"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("portal.api.urls")),
    path("api/v1/", include("provinces.api.urls")),
    path("api/v1/", include("agencies.api.urls")),
    path("api/v1/", include("enterprises.api.urls")),
    path("api/v1/", include("reports.api_urls")),
    path("api/schema/", SchemaView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("provinces/", include("provinces.urls")),
    path("agencies/", include("agencies.urls")),
    path("enterprises/", include("enterprises.urls")),
    path("reports/", include("reports.urls")),
]

# No /media/ route, also under DEBUG: uploaded and generated files are served only by the
# scoped, audited download views (reports, letters, documents).
