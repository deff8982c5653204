"""Load the equipment grading tables of reports/data/grading/*.csv (see SOURCES.md there).

GB 20052-2024 transformers, GB 19153-2019 air compressors, GB 19761-2020 fans, GB 24500-2020
boilers and GB 19762-2025 clear-water pumps, each with its source, confidence and the campaign
year it applies from; the existing tables (GB 18613-2020 motors, GB 19762-2007 pumps) get theirs.
Running the load twice changes nothing (update_or_create by natural key).
"""

from dataclasses import asdict

from django.db import migrations

from reports.calculations.equipment_tables import equipment_table_specs

NATURAL_KEY = ("standard", "edition", "equipment_type", "metric")

# The tables of migration 0004, dated and sourced (their files are in reports/data/).
EARLIER = {
    ("GB 18613", "2020", "motor"): {
        "in_force_from": 2021,
        "source": "reports/data/motor_efficiency_gb18613_2020.csv (shared/domain copy)",
        "confidence": "secondary: transcription of the standard's table 1",
    },
    ("GB 19762", "2007", "pump"): {
        "in_force_from": 2008,
        "source": "reports/data/pump_efficiency_gb19762_2007.json",
        "confidence": "partial: curves read from the standard's figures",
    },
}


def load(apps, schema_editor):
    GradingTable = apps.get_model("reports", "GradingTable")
    for (standard, edition, kind), values in EARLIER.items():
        GradingTable.objects.filter(
            standard=standard, edition=edition, equipment_type=kind
        ).update(**values)
    for spec in equipment_table_specs():
        values = asdict(spec)
        key = {name: values.pop(name) for name in NATURAL_KEY}
        # The 2025 pump edition applies from 2026 campaigns; "current" stays with 2007 for
        # callers that do not give a year.
        values["is_current"] = spec.format != "pump_formula"
        GradingTable.objects.update_or_create(**key, defaults=values)


class Migration(migrations.Migration):
    dependencies = [("reports", "0012_grading_table_source_edition_year")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
