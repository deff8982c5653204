from django.core.management.base import BaseCommand

from demo.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Load the demo programme (campaigns 2019–2021, organizers, agencies, tasks, logins)."

    def handle(self, *args, **options):
        logins = seed_demo()
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Logins (password for all: {DEMO_PASSWORD}):")
        )
        for role, username, tenant in logins:
            self.stdout.write(f"  {role:<12} {username:<12} {tenant}")
