"""The equipment grading tables of reports/data/grading/*.csv turned into table data.

Each CSV is a transcription of one standard's tables (see reports/data/grading/SOURCES.md); this
module reads it into the "thresholds" layout of ``grading_data`` (rows with conditions on key
parameters and a threshold per grade) or, for the GB 19762-2025 pumps, the formula layout read
by ``pump_formula``. Every table keeps its standard, edition, the year it applies from, its
source and its confidence. Pure code: no database; migration 0013 stores what it returns.

Ranges in the source cells ("1.35≤ψ<1.55", "No2<机号≤No2.5", "蒸汽≤20t/h 或 热水≤14MW") become
conditions; a cell marked NA(-) (not applicable) or left blank (not retrieved) gives no threshold,
and a row with no threshold at all is left out: such a size says "no grading table for this size".
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .datafiles import data_path, read_csv

# A steam boiler of 20 t/h is paired with a hot-water boiler of 14 MW in GB 24500's bands
# (10 t/h with 7 MW): hot-water capacities are compared as t/h = MW / 0.7.
MW_PER_TPH = Decimal("0.7")


@dataclass(frozen=True)
class TableSpec:
    """One table to store: what ``reports.GradingTable`` holds."""

    standard: str
    edition: str
    title: str
    equipment_type: str
    metric: str
    unit: str
    direction: str
    format: str
    in_force_from: int
    source: str
    confidence: str
    coverage: str
    note: str
    data: dict[str, Any] = field(default_factory=dict)


_NUMBER = r"(?:No)?(-?\d+(?:\.\d+)?)"
_OPS = {"<": "lt", "≤": "le", ">": "gt", "≥": "ge"}
_FLIP = {"lt": "gt", "le": "ge", "gt": "lt", "ge": "le"}


def parse_range(text: str, variable: str) -> dict[str, str]:
    """``"1.35≤ψ<1.55"`` → ``{"ge": "1.35", "lt": "1.55"}``; one-sided forms too.

    ``variable`` is the symbol in the cell (ψ, ns, 机号, γ, Q); the bounds may carry "No".
    """
    text = text.replace(" ", "")
    both = re.fullmatch(rf"{_NUMBER}([<≤]){re.escape(variable)}([<≤]){_NUMBER}", text)
    if both:
        low, low_op, high_op, high = both.groups()
        return {_FLIP[_OPS[low_op]]: low, _OPS[high_op]: high}
    right = re.fullmatch(rf"{re.escape(variable)}([<≤>≥]){_NUMBER}", text)
    if right:
        op, value = right.groups()
        return {_OPS[op]: value}
    left = re.fullmatch(rf"{_NUMBER}([<≤>≥]){re.escape(variable)}", text)
    if left:
        value, op = left.groups()
        return {_FLIP[_OPS[op]]: value}
    raise ValueError(f"cannot read the range {text!r} of {variable}")


def _number(cell: str) -> str | None:
    """A threshold cell: the number, or None for NA(-) / blank / a note."""
    cell = cell.strip()
    return cell if re.fullmatch(r"-?\d+(?:\.\d+)?", cell) else None


def _thresholds(row: Mapping[str, str], columns: Mapping[int, str]) -> dict[str, str]:
    found = {str(grade): _number(row.get(column, "")) for grade, column in columns.items()}
    return {grade: value for grade, value in found.items() if value is not None}


def _first(rows: list[dict[str, str]], key: str) -> str:
    return rows[0][key] if rows else ""


def _sources(rows: Iterable[Mapping[str, str]]) -> str:
    return " | ".join(dict.fromkeys(row["source"] for row in rows))


def _confidence(rows: Iterable[Mapping[str, str]]) -> str:
    return " | ".join(dict.fromkeys(row["confidence"] for row in rows))


GRADES = {1: "grade_1", 2: "grade_2", 3: "grade_3"}


def transformer_tables(rows: list[dict[str, str]]) -> list[TableSpec]:
    """GB 20052-2024: no-load and load loss (kW, lower is better), one table each."""
    tables = []
    for metric, prefix in (("no_load_loss", "no_load_loss"), ("load_loss", "load_loss")):
        columns = {grade: f"{prefix}_grade{grade}_kW" for grade in (1, 2, 3)}
        table_rows = []
        for row in rows:
            when: dict[str, Any] = {
                "transformer_kind": "干式" if "干式" in row["category"] else "油浸式",
                "capacity_kva": {"ge": row["rated_capacity_kVA"], "le": row["rated_capacity_kVA"]},
                "core_material": row["core_material"],
            }
            if row["connection_group"]:
                when["connection_group"] = row["connection_group"]
            if row["insulation_class"]:
                when["insulation_class"] = row["insulation_class"]
            thresholds = _thresholds(row, columns)
            if thresholds:
                table_rows.append({"when": when, "thresholds": thresholds, "table": row["table"]})
        tables.append(
            TableSpec(
                standard="GB 20052",
                edition="2024",
                title=_first(rows, "title"),
                equipment_type="transformer",
                metric=metric,
                unit="kW",
                direction="lower",
                format="thresholds",
                in_force_from=2025,
                source=_sources(rows),
                confidence=_confidence(rows),
                coverage="partial",
                note="10 kV oil-immersed 30–2500 kVA (表1) and dry-type 30–2500 kVA (表2); 35 kV and above (表3 on) not loaded.",
                data={"grades": [1, 2, 3], "rows": table_rows},
            )
        )
    return tables


def compressor_tables(rows: list[dict[str, str]]) -> list[TableSpec]:
    """GB 19153-2019: specific power kW/(m³/min) by motor power, pressure and cooling."""
    table_rows = []
    for row in rows:
        thresholds = _thresholds(row, GRADES)
        if not thresholds:
            continue
        power = row["drive_motor_rated_power_kW"]
        pressure = row["rated_discharge_pressure_MPa"]
        table_rows.append(
            {
                "when": {
                    "compressor_kind": row["compressor_type"],
                    "rated_kw": {"ge": power, "le": power},
                    "discharge_pressure_mpa": {"ge": pressure, "le": pressure},
                    "cooling": row["cooling"],
                },
                "thresholds": thresholds,
                "table": row["table"],
            }
        )
    return [
        TableSpec(
            standard="GB 19153",
            edition="2019",
            title=_first(rows, "title"),
            equipment_type="air_compressor",
            metric="specific_power",
            unit="kW/(m³/min)",
            direction="lower",
            format="thresholds",
            in_force_from=2020,
            source=_sources(rows),
            confidence=_confidence(rows),
            coverage="partial",
            note="Oil-injected rotary, fixed speed (表1): motor powers 1.5 to 630 kW; "
            "variable-speed oil-injected rotary (表2): 2.2 to 315 kW; the other tables "
            "(piston, oil-free) are not loaded.",
            data={"grades": [1, 2, 3], "rows": table_rows},
        )
    ]


_FAN_VARIABLES = (
    ("pressure_coefficient_psi", "psi", "ψ"),
    ("hub_ratio_gamma", "hub_ratio", "γ"),
    ("specific_speed_ns", "specific_speed", "ns"),
    ("machine_number_band", "machine_number", "机号"),
)


def fan_tables(rows: list[dict[str, str]]) -> list[TableSpec]:
    """GB 19761-2020: the highest fan (pressure) efficiency by type, ψ or γ, ns and size."""
    table_rows = []
    for row in rows:
        thresholds = _thresholds(row, GRADES)
        if not thresholds:
            continue
        when: dict[str, Any] = {"fan_kind": row["fan_type"]}
        for column, param, symbol in _FAN_VARIABLES:
            if row[column]:
                when[param] = parse_range(row[column], symbol)
        table_rows.append({"when": when, "thresholds": thresholds, "table": row["table"]})
    return [
        TableSpec(
            standard="GB 19761",
            edition="2020",
            title=_first(rows, "title"),
            equipment_type="fan",
            metric="efficiency",
            unit="%",
            direction="higher",
            format="thresholds",
            in_force_from=2021,
            source=_sources(rows),
            confidence=_confidence(rows),
            coverage="full",
            note="Tables 1–4 as transcribed (table 1 may be short).",
            data={"grades": [1, 2, 3], "rows": table_rows},
        )
    ]


def boiler_capacity(text: str) -> dict[str, str]:
    """``"蒸汽≤20t/h 或 热水≤14MW"`` → a condition on the capacity in t/h (MW / 0.7)."""
    if not text or text in {"all capacities", "额定工况"}:
        return {}
    steam = text.split("或")[0].strip().replace("蒸汽", "").replace("t/h", "")
    return parse_range("Q" + steam, "Q")


def boiler_fuel(row: Mapping[str, str]) -> str:
    """The fuel as the form offers it: the fuel and, for coal, its class (烟煤 Ⅱ类)."""
    return f"{row['fuel']} {row['fuel_class']}".strip()


def boiler_tables(rows: list[dict[str, str]]) -> list[TableSpec]:
    """GB 24500-2020: design thermal efficiency (%) by boiler type, fuel and capacity."""
    table_rows = []
    for row in rows:
        thresholds = _thresholds(row, GRADES)
        limit_only = re.match(r"(\d+(?:\.\d+)?)\s*\(限定值", row["grade_3"])
        if not thresholds and limit_only:
            thresholds = {"3": limit_only.group(1)}
        if not thresholds:
            continue
        when: dict[str, Any] = {"boiler_kind": row["boiler_type"], "fuel": boiler_fuel(row)}
        capacity = boiler_capacity(row["capacity_band"])
        if capacity:
            when["capacity_tph"] = capacity
        table_rows.append({"when": when, "thresholds": thresholds, "table": row["table_or_clause"]})
    return [
        TableSpec(
            standard="GB 24500",
            edition="2020",
            title=_first(rows, "title"),
            equipment_type="boiler",
            metric="efficiency",
            unit="%",
            direction="higher",
            format="thresholds",
            in_force_from=2021,
            source=_sources(rows),
            confidence=_confidence(rows),
            coverage="full",
            note="Tables 1–4 and 5.2 (electric boilers: limit value 97 % only). Hot-water "
            "capacities are compared as t/h = MW / 0.7 (the standard pairs 20 t/h with 14 MW).",
            data={"grades": [1, 2, 3], "rows": table_rows},
        )
    ]


def _coefficients(text: str) -> dict[str, str]:
    return {
        name.strip(): value.strip()
        for name, value in (part.split("=") for part in text.split(";") if "=" in part)
    }


def pump_formula_tables(rows: list[dict[str, str]]) -> list[TableSpec]:
    """GB 19762-2025 clear-water centrifugal pumps: formula coefficients and Ci by grade.

    The chemical-process pumps' method of the same file (表2, polynomials) is kept in the CSV
    but not loaded: it needs the pump's family, which the report does not record.
    """
    clear = [row for row in rows if row["pump_family"] == "清水离心泵"]
    coefficients = {}
    constants = []
    for row in clear:
        if row["table_or_item"] == "formula":
            kind = "multistage" if row["range"].startswith("多级") else "single_stage"
            coefficients[kind] = _coefficients(row["parameter"])
        elif row["parameter"] == "Ci":
            flow = row["range"].split(":", 1)[1].strip()
            constants.append(
                {
                    "pump_kind": row["pump_type"],
                    "flow_m3h": parse_range(flow, "Q"),
                    "ci": {
                        "1": row["grade_1_or_value"],
                        "2": row["grade_2"],
                        "3": row["grade_3"],
                    },
                }
            )
    return [
        TableSpec(
            standard="GB 19762",
            edition="2025",
            title="清水离心泵能效限定值及能效等级",
            equipment_type="pump",
            metric="efficiency",
            unit="%",
            direction="higher",
            format="pump_formula",
            in_force_from=2026,
            source=_sources(clear),
            confidence=_confidence(clear),
            coverage="partial",
            note="η = a(ln ns)² + b(ln Q)² + c(ln ns)(ln Q) + d(ln ns) + e(ln Q) − Ci; grade "
            "order of the Ci columns inferred (smaller Ci → higher efficiency). Clear-water "
            "pumps only.",
            data={"grades": [1, 2, 3], "coefficients": coefficients, "constants": constants},
        )
    ]


BUILDERS = {
    "gb20052_2024_transformer_losses_PARTIAL.csv": transformer_tables,
    "gb19153_2019_air_compressor_specific_power_PARTIAL.csv": compressor_tables,
    "gb19761_2020_fan_efficiency.csv": fan_tables,
    "gb24500_2020_industrial_boiler_efficiency.csv": boiler_tables,
    "gb19762_2025_centrifugal_pump_efficiency.csv": pump_formula_tables,
}


def equipment_table_specs(directory: Path | None = None) -> list[TableSpec]:
    """Every table built from the CSV files of ``directory`` (default reports/data/grading)."""
    folder = directory or data_path("grading")
    specs: list[TableSpec] = []
    for name, build in BUILDERS.items():
        path = folder / name
        if path.is_file():
            specs.extend(build(read_csv(path)))
    return specs
