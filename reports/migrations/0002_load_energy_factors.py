"""GB/T 2589-2020 conversion factors to standard coal (reference values of its annexes)."""

import csv
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "energy_factors.csv"


def load(apps, schema_editor):
    EnergyFactor = apps.get_model("reports", "EnergyFactor")
    with DATA.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            EnergyFactor.objects.update_or_create(
                standard="GB/T 2589", edition="2020", carrier_code=row["carrier_code"],
                defaults={"name": row["carrier_zh"], "unit": row["unit"],
                          "kgce_per_unit": Decimal(row["kgce_per_unit"]),
                          "basis": row["basis"], "note": row["note"] or ""},
            )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
