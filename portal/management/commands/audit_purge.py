from django.core.management.base import BaseCommand

from portal.security.retention import audit_log_purge, retention_days


class Command(BaseCommand):
    help = "Delete audit records older than AUDIT_RETENTION_DAYS (at least 180); recorded itself."

    def handle(self, *args, **options):
        deleted = audit_log_purge()
        self.stdout.write(f"{deleted} audit records older than {retention_days()} days deleted.")
