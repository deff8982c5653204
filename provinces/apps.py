from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvincesConfig(AppConfig):
    name = "provinces"
    verbose_name = _("Provinces")

    def ready(self) -> None:
        from . import notices, panels, rules

        rules.register()  # scoping
        panels.register()  # the 附件1 panel of the submission page and its submit guard
        notices.connect()  # who hears of each move (portal/notifications)
