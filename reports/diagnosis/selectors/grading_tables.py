"""The grading tables as the reference pages show them: each table with its source, and its
rows as readable conditions and thresholds (no tenant data: the same for every role)."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from reports.choices import GradingFormat
from reports.diagnosis.equipment_fields import PARAM_FIELDS
from reports.models import GradingTable

# The parameters' names as the editor labels them (sizes come from the row's rating).
PARAM_LABELS = {
    **{spec.name: spec.label for spec in PARAM_FIELDS},
    "capacity_kva": _("Rated capacity (kVA)"),
    "capacity_tph": _("Capacity (t/h; MW ÷ 0.7)"),
    "rated_kw": _("Rated power (kW)"),
    "flow_m3h": _("Flow (m³/h)"),
    "poles": _("Poles"),
}

_SYMBOLS = {"gt": "＞", "ge": "≥", "lt": "＜", "le": "≤"}


@dataclass(frozen=True)
class TableRow:
    conditions: list[tuple[Any, str]]  # (parameter's label, "≥ 1.35 ＜ 1.55" or the value)
    thresholds: dict[int, str]
    table: str


def grading_table_list() -> list[GradingTable]:
    return list(
        GradingTable.objects.defer("data").order_by(
            "equipment_type", "standard", "-edition", "metric"
        )
    )


def grading_table_get(pk: int) -> GradingTable:
    return GradingTable.objects.get(pk=pk)


def _condition(rule: Any) -> str:
    if not isinstance(rule, dict):
        return str(rule)
    if rule.get("ge") is not None and rule.get("ge") == rule.get("le"):
        return f"= {rule['ge']}"
    return " ".join(f"{_SYMBOLS[op]} {rule[op]}" for op in ("gt", "ge", "lt", "le") if op in rule)


def _label(name: str) -> Any:
    return PARAM_LABELS.get(name, name)


def grading_table_rows(table: GradingTable) -> list[TableRow]:
    """The rows of a thresholds table, or the Ci constants of the 2025 pump formula.

    The motor and 2007 pump layouts are shown by their own counts (their rows are points and
    curves read by the calculations)."""
    data = table.data or {}
    if table.format == GradingFormat.THRESHOLDS:
        return [
            TableRow(
                conditions=[
                    (_label(name), _condition(rule)) for name, rule in row.get("when", {}).items()
                ],
                thresholds={int(k): v for k, v in row["thresholds"].items()},
                table=row.get("table", ""),
            )
            for row in data.get("rows", [])
        ]
    if table.format == GradingFormat.PUMP_FORMULA:
        return [
            TableRow(
                conditions=[
                    (_label("pump_kind"), item["pump_kind"]),
                    (_label("flow_m3h"), _condition(item["flow_m3h"])),
                ],
                thresholds={int(k): f"Ci {v}" for k, v in item["ci"].items()},
                table="表3",
            )
            for item in data.get("constants", [])
        ]
    if table.format == GradingFormat.MOTOR:
        return [
            TableRow(
                conditions=[
                    (_label("rated_kw"), f"= {p['rated_kw']}"),
                    (_label("poles"), str(p["poles"])),
                ],
                thresholds={int(k): v for k, v in p["grades"].items()},
                table="",
            )
            for p in data.get("points", [])
        ]
    return []
