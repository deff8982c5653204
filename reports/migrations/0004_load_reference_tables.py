"""Load the grading tables (GB 18613-2020 motors, GB 19762-2007 pumps) and the measure taxonomy.

The files in reports/data/ are the project's copy of the standards' tables; each row keeps its
standard and edition. Running the load twice changes nothing (update_or_create by natural key).
"""

import csv
import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _motor_points(rows):
    points = []
    for row in rows:
        grades = {"3": row["grade3_min_efficiency_pct"], "2": row["grade2_min_efficiency_pct"]}
        if row.get("grade1_min_efficiency_pct"):
            grades["1"] = row["grade1_min_efficiency_pct"]
        points.append({"rated_kw": row["rated_kw"], "poles": int(row["poles"]),
                       "grades": grades})
    return points


def load_grading_tables(apps, schema_editor):
    GradingTable = apps.get_model("reports", "GradingTable")
    rows = _read_csv("motor_efficiency_gb18613_2020.csv")
    GradingTable.objects.update_or_create(
        standard=rows[0]["standard"], edition=rows[0]["edition"], equipment_type="motor",
        metric="efficiency",
        defaults={"title": "电动机能效限定值及能效等级", "unit": "%", "direction": "higher",
                  "format": "motor", "coverage": "full",
                  "data": {"grades": [1, 2, 3], "points": _motor_points(rows)},
                  "note": "Grade 3 = limit (IE3), grade 2 = IE4; grade 1 (IE5) not loaded."},
    )
    with (DATA / "pump_efficiency_gb19762_2007.json").open(encoding="utf-8") as handle:
        pump = json.load(handle)
    GradingTable.objects.update_or_create(
        standard=pump["standard"], edition=str(pump["edition"]), equipment_type="pump",
        metric="efficiency",
        defaults={"title": pump.get("title", ""), "unit": "%", "direction": "higher",
                  "format": "pump", "coverage": pump.get("coverage", "partial"),
                  "data": pump, "note": pump.get("coverage_note", "")},
    )


def load_taxonomy(apps, schema_editor):
    MeasureCategory = apps.get_model("reports", "MeasureCategory")
    nodes = {}
    for order, row in enumerate(_read_csv("measures.csv")):
        for code, level, name, parent, category in (
            (row["system_code"], "system", row["system_zh"], None, ""),
            (row["subsystem_code"], "subsystem", row["subsystem_zh"], row["system_code"], ""),
            (row["code"], "measure", row["measure_zh"], row["subsystem_code"], row["category"]),
        ):
            if code in nodes:
                continue
            nodes[code], _ = MeasureCategory.objects.update_or_create(
                code=code,
                defaults={"level": level, "name": name, "category": category,
                          "parent": nodes.get(parent), "sort_order": order,
                          "source": "starter list", "edition": "2021"},
            )


def load(apps, schema_editor):
    """Both tables (also called by tests that flush the database, see tests/conftest.py)."""
    load_grading_tables(apps, schema_editor)
    load_taxonomy(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_diagnosis_reports")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
