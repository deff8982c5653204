"""python manage.py import_agency_list --campaign 2021 --organizer 130000 附件2.xlsx"""

from django.core.management.base import BaseCommand

from agencies.services import agency_list_import
from portal.imports.command import add_import_arguments, run_import
from provinces.models import Organizer


class Command(BaseCommand):
    help = (
        "Load an 附件2 agency list as the organizer's recommendations; agencies are "
        "deduplicated nationally by credit code. Bad rows: printed, nothing imported, exit 1."
    )

    def add_arguments(self, parser):
        add_import_arguments(parser)

    def handle(self, *args, **options):
        run_import(
            self,
            agency_list_import,
            noun="recommendations",
            options=options,
            organizers=Organizer.objects.all(),
        )
