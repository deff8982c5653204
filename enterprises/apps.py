from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = _("Enterprises")

    def ready(self) -> None:
        from . import panels, rules

        rules.register()  # scoping
        panels.register()  # the 附件3 panel, the plan's actual counts, "letters signed" guard
