"""Reading benchmark tables from CSV: the shipped files and the ministry's uploads.

Pure functions (no database): they return plain dicts that the loader, the data migration and
the upload service turn into BenchmarkTable / BenchmarkEntry rows. A row that cannot be read is
named with its line number; the caller refuses the whole file if any row is wrong.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from reports.calculations.benchmarking import parse_indicator
from reports.calculations.errors import CalculationError

DATA = Path(__file__).resolve().parent.parent / "data" / "benchmarks"

# The upload format (one row per product; the table's own fields come from the form).
UPLOAD_COLUMNS = (
    "industry",
    "product",
    "indicator",
    "unit",
    "leading_value",
    "advanced_value",
    "limit_value",
    "table_ref",
    "reference_standard",
    "source",
    "confidence",
    "notes",
)
REQUIRED = ("product", "indicator", "unit", "source", "confidence")
VALUES = ("leading_value", "advanced_value", "limit_value")


@dataclass
class Parsed:
    entries: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _number(text: str) -> Decimal | None:
    text = (text or "").strip().replace(",", "")
    if text in {"", "—", "-", "–"}:
        return None
    value = Decimal(text)
    if not value.is_finite():
        raise InvalidOperation
    return value


def _rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]


def parse_entries(text: str) -> Parsed:
    """Entries of the upload format; every wrong row is named (line 2 is the first data row)."""
    result = Parsed()
    rows = _rows(text)
    header = set(rows[0]) if rows else set()
    missing = [name for name in (*REQUIRED, *VALUES) if name not in header]
    if not rows:
        result.errors.append(_("The file has no rows."))
        return result
    if missing:
        result.errors.append(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
        return result
    seen: set[tuple[str, str]] = set()
    for line, row in enumerate(rows, start=2):
        problems = [
            _("“%(name)s” is empty") % {"name": name} for name in REQUIRED if not row.get(name)
        ]
        values: dict[str, Decimal | None] = {}
        for name in VALUES:
            try:
                values[name] = _number(row.get(name, ""))
            except InvalidOperation:
                problems.append(
                    _("“%(value)s” in %(name)s is not a number")
                    % {"value": row[name], "name": name}
                )
        if not problems and all(v is None for v in values.values()):
            problems.append(_("no leading, advanced or limit value"))
        if row.get("unit"):
            try:
                parse_indicator(row["unit"])
            except CalculationError:
                problems.append(
                    _("unit “%(unit)s” is not energy per product (e.g. kgce/t)")
                    % {"unit": row["unit"]}
                )
        key = (row.get("product", ""), row.get("indicator", ""))
        if key in seen and not problems:
            problems.append(_("the product and indicator are already in the file"))
        seen.add(key)
        if problems:
            result.errors.append(
                _("Row %(line)s (%(product)s): %(problems)s.")
                % {
                    "line": line,
                    "product": row.get("product") or "—",
                    "problems": "; ".join(problems),
                }
            )
            continue
        entry = {name: row.get(name, "") for name in UPLOAD_COLUMNS if name not in VALUES}
        result.entries.append({**entry, **values})
    return result


def _product_of(indicator: str) -> str:
    """乙烯装置单位产品综合能耗 → 乙烯装置; 聚丙烯单位产品综合能耗（连续气相法） → 聚丙烯（连续气相法）."""
    for words in ("单位产品综合能耗", "单位能量因数能耗"):
        if words in indicator:
            head, _sep, tail = indicator.partition(words)
            return f"{head}{tail}" or indicator
    return indicator


# Energy consumption limit standards transcribed by github:adgo07/ECQuota-Insight (see
# docs/benchmarking.md for what was left out and why). Loaded by migration 0015.
LIMIT_STANDARDS_FILE = "limit_standards_ecquota_insight.csv"
LIMIT_STANDARDS_NOTE = (
    "Grade 1 = leading, grade 2 = advanced, grade 3 = limit (限定值). The title is descriptive "
    "(the standard's own title was not transcribed); the year in force is the edition's year "
    "unless the transcription gives the implementation date. Rows with correction factors or conditions "
    "the portal cannot apply are not loaded."
)


# The standards whose values the transcription keeps only in its large definition files
# (data/definitions/gb-*.json), read for migration 0016; same columns as LIMIT_STANDARDS_FILE.
REMAINING_LIMIT_STANDARDS_FILE = "limit_standards_ecquota_insight_definitions.csv"


def limit_standard_tables() -> list[dict[str, Any]]:
    """The limit standards of LIMIT_STANDARDS_FILE (migration 0015)."""
    return _limit_tables(LIMIT_STANDARDS_FILE)


def remaining_limit_standard_tables() -> list[dict[str, Any]]:
    """The limit standards of REMAINING_LIMIT_STANDARDS_FILE (migration 0016)."""
    return _limit_tables(REMAINING_LIMIT_STANDARDS_FILE)


def _limit_tables(filename: str) -> list[dict[str, Any]]:
    """One table per standard and edition of a limit-standard file, each row an entry with its
    own source and confidence, in the file's order."""
    rows = _rows((DATA / filename).read_text("utf-8"))
    tables: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["standard"], row["edition"])
        if key not in tables:
            tables[key] = {
                "code": row["standard"],
                "edition": row["edition"],
                "title": f"单位产品能源消耗限额（{row['industry']}）",
                "kind": "limit_standard",
                "effective_year": int(row["effective_year"] or row["edition"]),
                "source": row["source"],
                "confidence": row["confidence"],
                "notes": LIMIT_STANDARDS_NOTE,
                "entries": [],
            }
        tables[key]["entries"].append(
            {
                "industry": row["industry"],
                "product": row["product"],
                "indicator": row["indicator"],
                "unit": row["unit"],
                "table_ref": row["table"],
                "reference_standard": f"{row['standard']}-{row['edition']}",
                "leading_value": _number(row["grade_1"]),
                "advanced_value": _number(row["grade_2"]),
                "limit_value": _number(row["grade_3"]),
                "source": row["source"],
                "confidence": row["confidence"],
                "notes": row["notes"],
            }
        )
    return list(tables.values())


def shipped_tables() -> list[dict[str, Any]]:
    """The tables in reports/data/benchmarks/ with their entries: those of migration 0011
    (GB 30251-2024, NDRC 2023) and the limit standards of migrations 0015 and 0016."""
    return [*_first_tables(), *limit_standard_tables(), *remaining_limit_standard_tables()]


def _first_tables() -> list[dict[str, Any]]:
    """GB 30251-2024 and the three NDRC rows (migration 0011)."""
    grades = _rows((DATA / "related_limit_standard_GB30251-2024_grades.csv").read_text("utf-8"))
    ndrc = _rows((DATA / "ndrc_benchmark_baseline_levels_SOURCED.csv").read_text("utf-8"))
    first = grades[0]
    return [
        {
            "code": "GB 30251",
            "edition": "2024",
            "title": "炼油及石化产品单位产品能源消耗限额",
            "kind": "limit_standard",
            "effective_year": 2024,
            "source": first["source"],
            "confidence": first["confidence"],
            "notes": "Grade 1 = leading, grade 2 = advanced, grade 3 = limit (限定值). "
            "The year in force is the edition's year (the implementation date was not checked).",
            "entries": [
                {
                    "industry": "石化",
                    "product": _product_of(row["indicator"]),
                    "indicator": row["indicator"],
                    "unit": row["unit"],
                    "table_ref": row["table"],
                    "reference_standard": row["standard"],
                    "leading_value": _number(row["grade_1"]),
                    "advanced_value": _number(row["grade_2"]),
                    "limit_value": _number(row["grade_3"]),
                    "source": row["source"],
                    "confidence": row["confidence"],
                    "notes": row["notes"],
                }
                for row in grades
            ],
        },
        {
            "code": "发改产业〔2023〕723号",
            "edition": "2023",
            "title": "工业重点领域能效标杆水平和基准水平（2023年版）",
            "kind": "ndrc_levels",
            "effective_year": 2023,
            "source": ndrc[0]["source"],
            "confidence": ndrc[0]["confidence"],
            "notes": "标杆 = leading value, 基准 = limit value. Only three rows could be sourced; "
            "the NDRC text itself was not found.",
            "entries": [
                {
                    "industry": row["industry"],
                    "product": row["product_or_process"],
                    "indicator": row["indicator"],
                    "unit": row["unit"],
                    "table_ref": "",
                    "reference_standard": row["reference_standard"],
                    "leading_value": _number(row["benchmark_level_标杆"]),
                    "advanced_value": None,
                    "limit_value": _number(row["baseline_level_基准"]),
                    "source": row["source"],
                    "confidence": row["confidence"],
                    "notes": row["notes"],
                }
                for row in ndrc
            ],
        },
    ]


def load_tables(table_model, entry_model, tables: list[dict[str, Any]]) -> int:
    """Create or update the tables and their entries (by natural key); the number of entries.
    Takes the model classes so the data migration can pass its historical ones."""
    count = 0
    for spec in tables:
        spec = dict(spec)
        entries = spec.pop("entries")
        table, _created = table_model.objects.update_or_create(
            code=spec.pop("code"), edition=spec.pop("edition"), defaults=spec
        )
        for entry in entries:
            entry = dict(entry)
            entry_model.objects.update_or_create(
                table=table,
                product=entry.pop("product"),
                indicator=entry.pop("indicator"),
                defaults=entry,
            )
            count += 1
    return count
