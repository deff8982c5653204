"""python manage.py import_intent_list --campaign 2021 --organizer 130000 附件3.xlsx"""

from django.core.management.base import BaseCommand

from enterprises.services import intent_list_import
from portal.imports.command import add_import_arguments, run_import
from provinces.models import Organizer


class Command(BaseCommand):
    help = (
        "Load an 附件3 intent list (also 2019/2020 history): every bad row is printed as "
        "'row N: column: reason' and nothing is imported (exit 1); re-importing the same "
        "file changes nothing."
    )

    def add_arguments(self, parser):
        add_import_arguments(parser)

    def handle(self, *args, **options):
        run_import(
            self,
            intent_list_import,
            noun="tasks",
            options=options,
            organizers=Organizer.objects.all(),
        )
