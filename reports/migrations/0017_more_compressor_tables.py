"""Reload the GB 19153-2019 air compressor table with 表2 (variable-speed oil-injected rotary,
2.2 to 315 kW, the whole of 表2 as transcribed there) from github:adgo07/EquipEffi
(reports/data/grading/, confidence "secondary").

The kind is kept in the equipment row's ``params`` ("compressor_kind"), as before: no schema
change. Running it twice changes nothing (update_or_create by natural key).
"""

from dataclasses import asdict

from django.db import migrations

NATURAL_KEY = ("standard", "edition", "equipment_type", "metric")
RELOADED = ("air_compressor",)


def load(apps, schema_editor):
    from reports.calculations.equipment_tables import equipment_table_specs

    GradingTable = apps.get_model("reports", "GradingTable")
    for spec in equipment_table_specs():
        if spec.equipment_type not in RELOADED:
            continue
        values = asdict(spec)
        key = {name: values.pop(name) for name in NATURAL_KEY}
        GradingTable.objects.update_or_create(**key, defaults={**values, "is_current": True})


class Migration(migrations.Migration):
    dependencies = [("reports", "0016_load_remaining_limit_standards")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
