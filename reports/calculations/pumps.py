"""Clean-water centrifugal pumps against GB 19762-2007 《清水离心泵能效限定值及节能评价值》.

Method (the standard's Annex A):

1. specific speed ns = 3.65 · n · √Q / H^0.75, with Q in m³/s (half the flow for a
   double-suction pump) and H the head per stage; ns is rounded to 0.1 before the look-ups;
2. base efficiency η from the flow Q (the pump's total flow, m³/h) on the base-value curve;
3. correction Δη from ns (none for 120 ≤ ns ≤ 210);
4. rated-point efficiency η0 = η − Δη; limit value (能效限定值) η0 − 4 %;
   energy-saving evaluation value (节能评价值) η0 + 1 %.

Between two table points η and Δη are interpolated linearly (in Q and in ns) and rounded half-up
to 0.1 %, the precision of the printed tables. The loaded table is partial (see
``reports/data/pump_efficiency_gb19762_2007.json``): where it has no value for the flow or the
specific speed the result says so instead of guessing.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .datafiles import data_path, read_json
from .decimals import Number, as_decimal, positive, round_half_up
from .interpolation import Point, interpolate

NS_COEFFICIENT = Decimal("3.65")
SECONDS_PER_HOUR = Decimal(3600)


class PumpStatus(StrEnum):
    EVALUATED = "evaluated"
    NO_TABLE_VALUE = "no_table_value"


class PumpRating(StrEnum):
    ENERGY_SAVING = "energy_saving"  # at or above the evaluation value
    MEETS_LIMIT = "meets_limit"
    BELOW_LIMIT = "below_limit"
    NO_GRADING = "no_grading"


@dataclass(frozen=True)
class PumpTable:
    standard: str
    edition: str
    coverage: str  # "partial" until the full printed tables are entered
    base_efficiency: dict[str, tuple[tuple[Point, ...], ...]]  # pump kind → segments
    efficiency_correction: tuple[tuple[Point, ...], ...]  # segments over ns
    limit_offset_pct: Decimal
    evaluation_offset_pct: Decimal


@dataclass(frozen=True)
class PumpEvaluation:
    status: PumpStatus
    specific_speed: Decimal  # ns as computed
    specific_speed_rounded: Decimal  # ns to 0.1, used for the look-up
    base_efficiency_pct: Decimal | None
    efficiency_correction_pct: Decimal | None
    rated_point_efficiency_pct: Decimal | None
    limit_pct: Decimal | None
    evaluation_pct: Decimal | None
    standard: str
    edition: str
    table_coverage: str


@cache
def load_pump_table(path: Path | None = None) -> PumpTable:
    data = read_json(path or data_path("pump_efficiency_gb19762_2007.json"))
    return PumpTable(
        standard=data["standard"],
        edition=str(data["edition"]),
        coverage=data["coverage"],
        base_efficiency={
            kind: _segments(segments) for kind, segments in data["base_efficiency"].items()
        },
        efficiency_correction=_segments(data["efficiency_correction"]),
        limit_offset_pct=as_decimal(data["limit_offset_pct"], field="limit offset"),
        evaluation_offset_pct=as_decimal(data["evaluation_offset_pct"], field="evaluation offset"),
    )


def _segments(raw: list[list[dict[str, str]]]) -> tuple[tuple[Point, ...], ...]:
    return tuple(
        tuple(
            sorted(
                (as_decimal(point["x"], field="x"), as_decimal(point["value"], field="value"))
                for point in segment
            )
        )
        for segment in raw
    )


def specific_speed(
    speed_rpm: Number,
    flow_m3h: Number,
    head_m: Number,
    *,
    double_suction: bool = False,
    stages: int = 1,
) -> Decimal:
    """ns = 3.65 · n · √Q / H^0.75 (Q in m³/s, halved for double suction; H per stage)."""
    n = positive(speed_rpm, field=_("speed"))
    q = positive(flow_m3h, field=_("flow")) / SECONDS_PER_HOUR
    if double_suction:
        q /= 2
    h = positive(head_m, field=_("head")) / positive(stages, field=_("stages"))
    return NS_COEFFICIENT * n * q.sqrt() / h ** Decimal("0.75")


def _lookup(segments: tuple[tuple[Point, ...], ...], x: Decimal) -> Decimal | None:
    # Interpolate only inside one segment: the gaps between segments are unknown table parts.
    for segment in segments:
        value = interpolate(segment, x)
        if value is not None:
            return round_half_up(value)
    return None


def pump_efficiency_limits(
    flow_m3h: Number,
    head_m: Number,
    speed_rpm: Number,
    *,
    double_suction: bool = False,
    stages: int = 1,
    table: PumpTable | None = None,
) -> PumpEvaluation:
    """Rated-point efficiency η0, limit value and evaluation value of a pump's rated point."""
    table = table or load_pump_table()
    ns = specific_speed(speed_rpm, flow_m3h, head_m, double_suction=double_suction, stages=stages)
    ns_rounded = round_half_up(ns)
    kind = "multistage" if stages > 1 else "single_stage"
    eta = _lookup(table.base_efficiency.get(kind, ()), as_decimal(flow_m3h, field=_("flow")))
    delta = _lookup(table.efficiency_correction, ns_rounded)
    evaluated = eta is not None and delta is not None
    eta0 = eta - delta if eta is not None and delta is not None else None
    return PumpEvaluation(
        status=PumpStatus.EVALUATED if evaluated else PumpStatus.NO_TABLE_VALUE,
        specific_speed=ns,
        specific_speed_rounded=ns_rounded,
        base_efficiency_pct=eta,
        efficiency_correction_pct=delta,
        rated_point_efficiency_pct=eta0,
        limit_pct=eta0 + table.limit_offset_pct if eta0 is not None else None,
        evaluation_pct=eta0 + table.evaluation_offset_pct if eta0 is not None else None,
        standard=table.standard,
        edition=table.edition,
        table_coverage=table.coverage,
    )


def pump_rating(efficiency_pct: Number, evaluation: PumpEvaluation) -> PumpRating:
    """Where a pump's actual rated-point efficiency stands against the evaluation's values."""
    if evaluation.limit_pct is None or evaluation.evaluation_pct is None:
        return PumpRating.NO_GRADING
    value = as_decimal(efficiency_pct, field=_("efficiency"))
    if value >= evaluation.evaluation_pct:
        return PumpRating.ENERGY_SAVING
    if value >= evaluation.limit_pct:
        return PumpRating.MEETS_LIMIT
    return PumpRating.BELOW_LIMIT
