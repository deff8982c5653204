from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.db.models.signals import post_save

        from . import checks, rules  # noqa: F401  (registers the system checks, scoping rules)
        from .jobs import tasks  # noqa: F401  (the document job tasks, sent by name)
        from .security import retention  # noqa: F401  (registers the audit retention check)
        from .security.api_tokens import on_user_saved
        from .security.audit_events import locked_out_record

        user_locked_out.connect(
            lambda sender, request=None, username=None, **kw: locked_out_record(
                username=username, request=request
            ),
            dispatch_uid="portal.security.audit_locked_out",
            weak=False,
        )
        # A password change revokes the user's API tokens, whichever path changed it.
        post_save.connect(on_user_saved, sender="portal.User", dispatch_uid="api-tokens-password")
