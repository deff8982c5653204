from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from reports.views.home import home

from . import views, views_audit, views_jobs, views_security

handler400 = "portal.views_errors.bad_request"  # bad query parameters (portal.params)

urlpatterns = [
    path("", home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("accounts/two-factor/", views_security.security_overview, name="security-overview"),
    path("accounts/two-factor/verify/", views_security.otp_verify, name="otp-verify"),
    path("accounts/two-factor/setup/", views_security.otp_setup, name="otp-setup"),
    path("accounts/two-factor/recovery-codes/", views_security.otp_recovery_codes,
         name="otp-recovery-codes"),
    path("audit/", views_audit.audit_log, name="audit-log"),
    path("audit/export/", views_audit.audit_export, name="audit-export"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/<int:pk>/read/", views.notice_read, name="notice-read"),
    path("documents/", views_jobs.job_list, name="job-list"),
    path("documents/<int:pk>/", views_jobs.job_detail, name="job-detail"),
    path("documents/<int:pk>/download/", views_jobs.job_download, name="job-download"),
    path("documents/<int:pk>/retry/", views_jobs.job_retry, name="job-retry"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("portal.api.urls")),
    path("api/v1/", include("provinces.api.urls")),
    path("api/v1/", include("agencies.api.urls")),
    path("api/v1/", include("enterprises.api.urls")),
    path("api/v1/", include("reports.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("provinces/", include("provinces.urls")),
    path("agencies/", include("agencies.urls")),
    path("enterprises/", include("enterprises.urls")),
    path("reports/", include("reports.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
