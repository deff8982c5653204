from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Agencies")

    def ready(self) -> None:
        from . import panels, rules

        rules.register()  # scoping
        panels.register()  # the 附件2 panel of the submission page and its submit guard
