"""GB 19762-2025 clear-water centrifugal pumps: the minimum efficiency of each grade.

η_i = a(ln ns)² + b(ln Q)² + c(ln ns)(ln Q) + d(ln ns) + e(ln Q) − C_i

with ns the specific speed (3.65 · n · √Q / H^0.75, Q in m³/s halved for double suction, H per
stage), Q the flow at the best efficiency point in m³/h, a…e the coefficients of single-stage or
multi-stage pumps and C_i the constant of grade i for the pump kind and flow band (表3). A pump
meets grade i when its efficiency is at least η_i (rounded to 0.1 like the printed tables);
grade 3 is the limit value. Outside every flow band of its kind there is no grading.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .decimals import Number, as_decimal, round_half_up
from .grading import Condition, Direction, GradeResult, GradeStatus, grade_against
from .grading_data import _condition
from .pumps import specific_speed

PUMP_KINDS = ("单级单吸", "单级双吸", "管道", "多级", "轻型多级立式", "轻型多级卧式")


@dataclass(frozen=True)
class PumpFormulaTable:
    standard: str
    edition: str
    coefficients: Mapping[str, Mapping[str, Decimal]]  # single_stage / multistage → a..e
    constants: tuple[tuple[str, Condition, Mapping[int, Decimal]], ...]  # kind, flow band, Ci


def pump_formula_table(standard: str, edition: str, data: Mapping[str, Any]) -> PumpFormulaTable:
    return PumpFormulaTable(
        standard=standard,
        edition=edition,
        coefficients={
            kind: {name: Decimal(value) for name, value in values.items()}
            for kind, values in data["coefficients"].items()
        },
        constants=tuple(
            (
                item["pump_kind"],
                _condition("flow_m3h", item["flow_m3h"]),
                {int(grade): Decimal(value) for grade, value in item["ci"].items()},
            )
            for item in data["constants"]
        ),
    )


def pump_kind(*, stages: int = 1, double_suction: bool = False, chosen: str = "") -> str:
    """The 表3 kind: the one chosen, else from the stages and suction."""
    if chosen:
        return chosen
    if stages > 1:
        return "多级"
    return "单级双吸" if double_suction else "单级单吸"


def grade_thresholds(
    table: PumpFormulaTable,
    flow_m3h: Number,
    head_m: Number,
    speed_rpm: Number,
    *,
    kind: str,
    double_suction: bool = False,
    stages: int = 1,
) -> dict[int, Decimal] | None:
    """η_1, η_2, η_3 (%) of the pump's rated point, or None outside the flow bands."""
    flow = as_decimal(flow_m3h, field="flow")
    constants = next(
        (
            ci
            for name, band, ci in table.constants
            if name == kind and band.matches({"flow_m3h": flow})
        ),
        None,
    )
    if constants is None:
        return None
    ns = specific_speed(speed_rpm, flow, head_m, double_suction=double_suction, stages=stages)
    family = "multistage" if "多级" in kind else "single_stage"
    k = table.coefficients[family]
    ln_ns = Decimal(str(math.log(ns)))
    ln_q = Decimal(str(math.log(flow)))
    base = (
        k["a"] * ln_ns**2
        + k["b"] * ln_q**2
        + k["c"] * ln_ns * ln_q
        + k["d"] * ln_ns
        + k["e"] * ln_q
    )
    return {grade: round_half_up(base - ci) for grade, ci in constants.items()}


def pump_formula_grade(
    table: PumpFormulaTable,
    efficiency_pct: Number,
    flow_m3h: Number,
    head_m: Number,
    speed_rpm: Number,
    *,
    kind: str,
    double_suction: bool = False,
    stages: int = 1,
) -> GradeResult:
    value = as_decimal(efficiency_pct, field="efficiency")
    context = {
        "value": value,
        "metric": "efficiency",
        "unit": "%",
        "standard": table.standard,
        "edition": table.edition,
        "equipment_type": "pump",
    }
    thresholds = grade_thresholds(
        table,
        flow_m3h,
        head_m,
        speed_rpm,
        kind=kind,
        double_suction=double_suction,
        stages=stages,
    )
    if thresholds is None:
        return GradeResult(status=GradeStatus.NO_GRADING, **context)  # type: ignore[arg-type]
    status, number, at_least = grade_against(thresholds, value, Direction.HIGHER_IS_BETTER)
    return GradeResult(
        status=status,
        grade=number,
        at_least=at_least,
        thresholds=thresholds,
        **context,  # type: ignore[arg-type]
    )
