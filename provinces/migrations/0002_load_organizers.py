"""The 37 provincial-level organizers addressed by the notice (GB/T 2260 codes; XPCC for the corps)."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "organizers_provincial.csv"


def load(apps, schema_editor):
    Organizer = apps.get_model("provinces", "Organizer")
    with DATA.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_code = {}
    for order, row in enumerate(rows, start=1):
        organizer, _ = Organizer.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name_zh"], "kind": row["kind"], "sort_order": order},
        )
        by_code[row["code"]] = organizer
    for row in rows:
        if row["parent_code"]:
            Organizer.objects.filter(code=row["code"]).update(
                parent=by_code[row["parent_code"]])


class Migration(migrations.Migration):
    dependencies = [("provinces", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
