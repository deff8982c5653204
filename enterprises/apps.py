from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = _("Enterprises")

    def ready(self) -> None:
        # Scoping rules, the 附件3 panel and plan counts, the "letters signed" submit guard.
        from . import panels, rules, services  # noqa: F401
