"""Load more national tables, each value with its source and confidence "secondary":

- energy consumption limit standards (reports/data/benchmarks/
  limit_standards_ecquota_insight.csv): 29 standards transcribed by
  github:adgo07/ECQuota-Insight; rows the portal cannot apply faithfully (correction factors,
  conditions) are not in the file (see docs/benchmarking.md);
- GB 20052-2024 表2, 10 kV dry-type transformers 80–2500 kVA, and GB 19153-2019 表1 air
  compressors 4–450 kW (with the cells of 37 and 75 kW that were blank), both from
  github:adgo07/EquipEffi, reloaded into the tables of migration 0013 (reports/data/grading/).

Running it twice changes nothing (update_or_create by natural key).
"""

from dataclasses import asdict

from django.db import migrations

NATURAL_KEY = ("standard", "edition", "equipment_type", "metric")
RELOADED = ("transformer", "air_compressor")


def load(apps, schema_editor):
    from reports.benchmarking.datafiles import limit_standard_tables, load_tables
    from reports.calculations.equipment_tables import equipment_table_specs

    load_tables(
        apps.get_model("reports", "BenchmarkTable"),
        apps.get_model("reports", "BenchmarkEntry"),
        limit_standard_tables(),
    )
    GradingTable = apps.get_model("reports", "GradingTable")
    for spec in equipment_table_specs():
        if spec.equipment_type not in RELOADED:
            continue
        values = asdict(spec)
        key = {name: values.pop(name) for name in NATURAL_KEY}
        GradingTable.objects.update_or_create(**key, defaults={**values, "is_current": True})


class Migration(migrations.Migration):
    dependencies = [("reports", "0014_case_library")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
