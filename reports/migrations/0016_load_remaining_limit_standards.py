"""Load, each value with its source and confidence "secondary":

- the limit standards whose values github:adgo07/ECQuota-Insight keeps only in its large
  definition files (data/definitions/gb-*.json), each row naming its repository, commit and
  file (reports/data/benchmarks/limit_standards_ecquota_insight_definitions.csv); rows the
  portal cannot apply faithfully (correction factors, converted output, conditions) are not in
  the file (docs/benchmarking.md lists them and why);
- GB 19153-2019 表1 air compressors of 500, 560 and 630 kW from github:adgo07/EquipEffi
  (reports/data/grading/), reloaded into the table of migrations 0013 and 0015.

Running it twice changes nothing (update_or_create by natural key).
"""

from dataclasses import asdict

from django.db import migrations

NATURAL_KEY = ("standard", "edition", "equipment_type", "metric")
RELOADED = ("air_compressor",)


def load(apps, schema_editor):
    from reports.benchmarking.datafiles import load_tables, remaining_limit_standard_tables
    from reports.calculations.equipment_tables import equipment_table_specs

    load_tables(
        apps.get_model("reports", "BenchmarkTable"),
        apps.get_model("reports", "BenchmarkEntry"),
        remaining_limit_standard_tables(),
    )
    GradingTable = apps.get_model("reports", "GradingTable")
    for spec in equipment_table_specs():
        if spec.equipment_type not in RELOADED:
            continue
        values = asdict(spec)
        key = {name: values.pop(name) for name in NATURAL_KEY}
        GradingTable.objects.update_or_create(**key, defaults={**values, "is_current": True})


class Migration(migrations.Migration):
    dependencies = [("reports", "0015_load_more_benchmarks")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
