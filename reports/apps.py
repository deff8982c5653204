from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        """Every hook and registry of the app is wired here, explicitly, and nowhere else."""
        from . import rules
        from .checks import panel as checks_panel
        from .dashboard.exports import builder
        from .documents import printing
        from .documents.builders import forms, package, texts
        from .documents.registry import register_builders
        from .reminders import tasks  # noqa: F401  (the daily reminders, sent by beat by name)
        from .summary import panel

        rules.register()  # scoping
        builder.register()  # the national exports (DocumentKind.EXPORT)
        # forms and the published list, task letters and 附件4, packages
        register_builders(forms.BUILDERS, texts.BUILDERS, package.BUILDERS)
        panel.register()  # 附件4 on the submission page
        printing.register()  # the print view of 附件1–4
        checks_panel.register()  # the data checks before 附件3 is submitted
