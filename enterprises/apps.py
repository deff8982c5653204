from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = _("Enterprises")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the scoping rules)
