from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from . import rules  # noqa: F401  (registers the scoping rules)
        from .security.api_tokens import on_user_saved

        # A password change revokes the user's API tokens, whichever path changed it.
        post_save.connect(on_user_saved, sender="portal.User", dispatch_uid="api-tokens-password")
