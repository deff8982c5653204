from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, backup_create, backup_prune


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's backup API) and every stored file, with a "
        "SHA-256 manifest, into BACKUP_DIR; then delete backups past BACKUP_KEEP or older than "
        "BACKUP_MAX_AGE_DAYS (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="Instead of BACKUP_DIR.")
        parser.add_argument("--no-prune", action="store_true", help="Keep every older backup.")

    def handle(self, *args, **options):
        directory = options["dir"] or settings.BACKUP_DIR
        try:
            backup = backup_create(directory=directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{backup.path}: database and {len(backup.manifest['files'])} files.")
        if not options["no_prune"]:
            for path in backup_prune(directory=directory):
                self.stdout.write(f"Deleted {path} (retention).")
