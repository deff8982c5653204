"""Load the product benchmark tables shipped in reports/data/benchmarks/ (with their sources).

GB 30251-2024 (refining and petrochemical products) and the three sourced rows of the NDRC
2023 标杆/基准 list. Running it twice changes nothing (update_or_create by natural key).
"""

from django.db import migrations


def load(apps, schema_editor):
    from reports.benchmarking.datafiles import load_tables, shipped_tables

    load_tables(
        apps.get_model("reports", "BenchmarkTable"),
        apps.get_model("reports", "BenchmarkEntry"),
        shipped_tables(),
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0010_product_benchmarking")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
