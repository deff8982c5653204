"""GB/T 4754-2017 divisions (mining, manufacturing, utilities) with the five key sectors marked."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "industries_gb4754_2017.csv"


def load(apps, schema_editor):
    Industry = apps.get_model("enterprises", "Industry")
    with DATA.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            Industry.objects.update_or_create(
                code=row["code"],
                defaults={"name": row["name_zh"], "key_sector": row["key_sector"] or "",
                          "standard": "GB/T 4754-2017"},
            )


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
