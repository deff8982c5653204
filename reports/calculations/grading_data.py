"""Grading tables written as data (JSON files or dicts from the database).

Format of one table::

    {"standard": "GB 19153", "edition": "2019", "equipment_type": "air_compressor",
     "metric": "specific_power", "unit": "kW/(m3/min)", "direction": "lower",
     "grades": [1, 2, 3],
     "rows": [{"when": {"rated_kw": {"gt": "2.2", "le": "7.5"}, "cooling": "air"},
               "thresholds": {"1": "...", "2": "...", "3": "..."}}]}

A condition is either a text (exact match) or a range with any of ``gt``, ``ge``, ``lt``, ``le``.
"""

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from .datafiles import data_path, read_json
from .decimals import as_decimal
from .grading import Condition, Direction, GradingRow, GradingTable


def grading_table_from_dict(data: Mapping[str, Any]) -> GradingTable:
    return GradingTable(
        standard=data["standard"],
        edition=str(data["edition"]),
        equipment_type=data["equipment_type"],
        metric=data["metric"],
        unit=data.get("unit", ""),
        direction=Direction(data["direction"]),
        grades=tuple(int(number) for number in data["grades"]),
        rows=tuple(_row(row) for row in data["rows"]),
    )


def _row(data: Mapping[str, Any]) -> GradingRow:
    conditions = tuple(_condition(param, rule) for param, rule in data.get("when", {}).items())
    thresholds = {
        int(number): as_decimal(value, field=f"grade {number} threshold")
        for number, value in data["thresholds"].items()
    }
    return GradingRow(conditions=conditions, thresholds=thresholds)


def _condition(param: str, rule: Any) -> Condition:
    if not isinstance(rule, Mapping):
        return Condition(param=param, equals=str(rule).strip())
    low, include_low = _bound(rule, "ge", "gt")
    high, include_high = _bound(rule, "le", "lt")
    return Condition(
        param=param, low=low, high=high, include_low=include_low, include_high=include_high
    )


def _bound(rule: Mapping[str, Any], inclusive: str, exclusive: str) -> tuple[Decimal | None, bool]:
    if inclusive in rule:
        return as_decimal(rule[inclusive], field=inclusive), True
    if exclusive in rule:
        return as_decimal(rule[exclusive], field=exclusive), False
    return None, True


def load_grading_tables(directory: Path | None = None) -> tuple[GradingTable, ...]:
    """Every ``*.json`` table in ``directory`` (default ``reports/data/grading/``), sorted by name.

    No directory means no tables: every type other than motors and pumps is then shown as
    "no grading table" until its standard's numbers are added.
    """
    folder = directory or data_path("grading")
    if not folder.is_dir():
        return ()
    return tuple(grading_table_from_dict(read_json(path)) for path in sorted(folder.glob("*.json")))
