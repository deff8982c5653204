from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Agencies")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the scoping rules)
