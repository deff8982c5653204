"""Load (again) the product benchmark tables shipped in reports/data/benchmarks/."""

from django.core.management.base import BaseCommand

from reports.benchmarking.datafiles import load_tables, shipped_tables
from reports.models import BenchmarkEntry, BenchmarkTable


class Command(BaseCommand):
    help = "Load the product benchmark tables (limit standards, NDRC 2023 levels) with sources."

    def handle(self, *args, **options):
        tables = shipped_tables()
        count = load_tables(BenchmarkTable, BenchmarkEntry, tables)
        self.stdout.write(f"{len(tables)} benchmark tables, {count} entries loaded.")
