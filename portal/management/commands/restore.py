from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, backup_list, backup_open, backup_restore
from portal.celery import app as celery_app
from portal.jobs.dispatch import BROKER_ERRORS
from portal.jobs.resume import document_jobs_resume


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into this installation (stop web and workers first): "
        "checks every file against the manifest, loads the database and the files, purges the "
        "broker's stale messages and sends the jobs that were in flight once."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, help="A backup directory.")
        parser.add_argument("--latest", action="store_true", help="The newest in BACKUP_DIR.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument("--keep-queue", action="store_true", help="Do not purge the broker.")
        parser.add_argument("--no-resume", action="store_true", help="Do not send jobs again.")

    def handle(self, *args, **options):
        try:
            backup = self._backup(options)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not options["yes"]:
            answer = input(
                f"Replace this installation's database and files with {backup.path}? [y/N] "
            )
            if answer.strip().lower() != "y":
                raise CommandError("Nothing restored.")
        try:
            result = backup_restore(backup=backup)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {backup.path}: database and {result['files']} files.")
        if not options["keep_queue"] and not settings.CELERY_TASK_ALWAYS_EAGER:
            try:
                purged = celery_app.control.purge()
            except BROKER_ERRORS as exc:
                self.stderr.write(f"The broker's queue was not purged ({exc}): purge it by hand.")
            else:
                self.stdout.write(f"{purged} stale broker messages purged.")
        if not options["no_resume"]:
            resumed = document_jobs_resume(before=backup.dumped_at)
            self.stdout.write(
                "Document jobs in flight at backup time: {requeued} were running, {sent} sent "
                "again, {waiting} waiting for the broker.".format(**resumed)
            )

    def _backup(self, options):
        if options["path"]:
            return backup_open(options["path"])
        if options["latest"]:
            backups = backup_list(settings.BACKUP_DIR)
            if not backups:
                raise BackupError(f"No backup in {settings.BACKUP_DIR}.")
            return backups[0]
        raise BackupError("Name a backup directory, or --latest.")
