from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from . import rules, summary_panel
        from .documents.builders import register_builders
        from .exports import builder
        from .reminders import hooks

        rules.register()  # scoping
        hooks.connect()  # notices when the ministry returns a submission; the reminder tasks
        builder.register()  # the national exports (DocumentKind.EXPORT)
        register_builders()  # forms, summary, letters, published list, packages
        summary_panel.register()  # 附件4 on the submission page
