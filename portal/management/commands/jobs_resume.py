from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.backup import BackupError, backup_open
from portal.jobs.resume import document_jobs_resume


class Command(BaseCommand):
    help = (
        "Send again, once, the document jobs that were queued or running when a backup was "
        "made (`restore` does this itself unless --no-resume). Safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--backup", type=Path, help="The restored backup's directory.")
        parser.add_argument(
            "--before", help="ISO time: the jobs queued or running, last written before it."
        )

    def handle(self, *args, **options):
        try:
            if options["backup"]:
                before = backup_open(options["backup"]).dumped_at
            elif options["before"]:
                before = datetime.fromisoformat(options["before"])
                if timezone.is_naive(before):
                    before = timezone.make_aware(before)
            else:
                # Not "now" by default: a job running in a live worker would be sent again.
                raise CommandError("Name the restored backup (--backup) or a time (--before).")
        except (BackupError, ValueError) as exc:  # CommandError passes through
            raise CommandError(str(exc)) from exc
        result = document_jobs_resume(before=before)
        self.stdout.write(
            "{requeued} were running, {sent} sent again, {waiting} waiting for the broker.".format(
                **result
            )
        )
