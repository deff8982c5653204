from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import post_delete, post_save

        from . import checks, dataversion, metrics, rules
        from . import tasks as _tasks  # noqa: F401  (account e-mails, sent by name: registered)
        from .jobs import tasks  # noqa: F401  (the document job tasks, sent by name: registered)
        from .notifications import tasks as notice_tasks  # noqa: F401  (delivery and digest)
        from .security import retention
        from .security.api_tokens import on_user_saved
        from .security.audit_events import locked_out_record
        from .security.login_hooks import on_login, on_login_failed
        from .selectors import campaign_id_forget

        checks.register()  # a CJK font for WeasyPrint
        retention.register()  # the audit log's retention period
        rules.register()  # scoping of the kernel's models
        metrics.register()  # job durations and failures (Celery signals)
        dataversion.register()  # list counts and facets cached per version of their tables

        user_locked_out.connect(
            lambda sender, request=None, username=None, **kw: locked_out_record(
                username=username, request=request
            ),
            dispatch_uid="portal.security.audit_locked_out",
            weak=False,
        )
        # A password change revokes the user's API tokens, whichever path changed it.
        post_save.connect(on_user_saved, sender="portal.User", dispatch_uid="api-tokens-password")
        user_logged_in.connect(on_login, dispatch_uid="portal.security.two_factor")
        user_login_failed.connect(
            on_login_failed, dispatch_uid="portal.security.audit_login_failed"
        )
        post_delete.connect(
            campaign_id_forget, sender="portal.Campaign", dispatch_uid="campaign-ids-forget"
        )
