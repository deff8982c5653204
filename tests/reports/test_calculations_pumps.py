"""Clean-water centrifugal pumps against GB 19762-2007."""

from decimal import Decimal

from reports.calculations.interpolation import Point
from reports.calculations.pumps import (
    PumpRating,
    PumpStatus,
    PumpTable,
    pump_efficiency_limits,
    pump_rating,
    specific_speed,
)

D = Decimal


def _example():
    # Annex A: double-suction, Q = 800 m3/h, H = 12 m, n = 1470 r/min.
    return pump_efficiency_limits(800, 12, 1470, double_suction=True)


def test_specific_speed_of_the_worked_example():
    """Q/2 = 400 m3/h = 0.11111 m3/s, √ = 0.33333; 3.65 × 1470 × 0.33333 = 1788.5;
    12^0.75 = 6.4474; 1788.5 / 6.4474 = 277.4."""
    ns = specific_speed(1470, 800, 12, double_suction=True)
    assert ns.quantize(D("0.1")) == D("277.4")


def test_single_suction_uses_the_whole_flow():
    """Single suction: √(800/3600) = 0.47140; 3.65 × 1470 × 0.47140 / 6.4474 = 392.3."""
    assert specific_speed(1470, 800, 12).quantize(D("0.1")) == D("392.3")


def test_multistage_uses_the_head_per_stage():
    """Two stages sharing 24 m have the ns of one 12 m stage."""
    assert specific_speed(1470, 800, 24, stages=2) == specific_speed(1470, 800, 12)


def test_worked_example_values():
    """η = 85 %, Δη = 2.1 %, η0 = 82.9 %, limit = 82.9 − 4 = 78.9 %, evaluation = 82.9 + 1 = 83.9 %."""
    result = _example()
    assert result.status == PumpStatus.EVALUATED
    assert result.specific_speed_rounded == D("277.4")
    assert result.base_efficiency_pct == D("85")
    assert result.efficiency_correction_pct == D("2.1")
    assert result.rated_point_efficiency_pct == D("82.9")
    assert result.limit_pct == D("78.9")
    assert result.evaluation_pct == D("83.9")
    assert (result.standard, result.edition, result.table_coverage) == (
        "GB 19762",
        "2007",
        "partial",
    )


def test_no_correction_between_ns_120_and_210():
    """H = 21.4 m gives ns ≈ 180 (in 120–210): Δη = 0, η0 = 85.0, limit 81.0, evaluation 86.0."""
    result = pump_efficiency_limits(800, "21.4", 1470, double_suction=True)
    assert 120 <= result.specific_speed <= 210
    assert result.efficiency_correction_pct == 0
    assert (result.limit_pct, result.evaluation_pct) == (D("81.0"), D("86.0"))


def test_flow_without_table_value_is_not_guessed():
    """Q = 500 m3/h is not among the verified points: no η, no limits."""
    result = pump_efficiency_limits(500, 12, 1470, double_suction=True)
    assert result.status == PumpStatus.NO_TABLE_VALUE
    assert result.base_efficiency_pct is None
    assert result.limit_pct is None
    assert pump_rating(80, result) == PumpRating.NO_GRADING


def test_multistage_curve_is_not_loaded():
    """Multistage pumps use another base curve, not encoded: no table value."""
    assert pump_efficiency_limits(800, 24, 1470, stages=2).status == PumpStatus.NO_TABLE_VALUE


def _synthetic_table() -> PumpTable:
    # Test data, not the standard: two η points, and a Δη gap between 220 and 277.4.
    eta: tuple[Point, ...] = ((D(100), D(80)), (D(200), D(82)))
    return PumpTable(
        standard="TEST",
        edition="0",
        coverage="partial",
        base_efficiency={"single_stage": (eta,)},
        efficiency_correction=(
            ((D(120), D(0)), (D(210), D(0)), (D(220), D("0.3"))),
            ((D("277.4"), D("2.1")),),
        ),
        limit_offset_pct=D(-4),
        evaluation_offset_pct=D(1),
    )


def test_base_efficiency_is_interpolated_linearly_in_flow():
    """Q = 125 between (100, 80) and (200, 82): 80 + 2 × 25/100 = 80.5 %."""
    result = pump_efficiency_limits(125, 20, 1450, table=_synthetic_table())
    assert result.base_efficiency_pct == D("80.5")


def test_correction_is_not_interpolated_across_a_gap():
    """ns ≈ 250 lies between two separate segments (220 and 277.4): no value."""
    # H from ns = 250 at n = 1470, Q = 400 m3/h per suction side: (1788.5 / 250)^(4/3) = 13.8 m
    result = pump_efficiency_limits(
        800, "13.8", 1470, double_suction=True, table=_synthetic_table()
    )
    assert 240 < result.specific_speed < 260
    assert result.efficiency_correction_pct is None
    assert result.status == PumpStatus.NO_TABLE_VALUE


def test_rating_against_the_example_values():
    """Limit 78.9 %, evaluation 83.9 %: 84 saves energy, 78.9 and 80 meet the limit, 78.8 is below."""
    result = _example()
    assert pump_rating(84, result) == PumpRating.ENERGY_SAVING
    assert pump_rating("83.9", result) == PumpRating.ENERGY_SAVING
    assert pump_rating(80, result) == PumpRating.MEETS_LIMIT
    assert pump_rating("78.9", result) == PumpRating.MEETS_LIMIT
    assert pump_rating("78.8", result) == PumpRating.BELOW_LIMIT
