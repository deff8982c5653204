"""The full official names of the 37 provincial-level competent departments (column
department_zh of data/organizers_provincial.csv), printed on documents as 填报单位 and 甲方.

A name an organizer has already entered is kept; reversing leaves the names in place.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "organizers_provincial.csv"


def load(apps, schema_editor):
    Organizer = apps.get_model("provinces", "Organizer")
    with DATA.open(encoding="utf-8") as f:
        names = {row["code"]: row["department_zh"].strip() for row in csv.DictReader(f)}
    for organizer in Organizer.objects.filter(code__in=names, department=""):
        organizer.department = names[organizer.code]
        organizer.save(update_fields=["department"])


class Migration(migrations.Migration):
    dependencies = [("provinces", "0003_organizer_official_name")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
