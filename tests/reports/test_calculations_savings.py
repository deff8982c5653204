"""Savings from upgrading motors to grade 2 (GB 18613-2020), in kWh and tce."""

from decimal import Decimal

from reports.calculations.savings import motor_upgrade_saving, motor_upgrade_to_grade2

D = Decimal


def test_upgrade_saving_formula():
    """15 kW × 0.75 × 6 000 h × 2 × (1/0.880 − 1/0.933) = 135 000 × 0.064552 = 8 714.6 kWh;
    8 714.6 × 0.1229 / 1000 = 1.0710 tce."""
    saving = motor_upgrade_saving(
        rated_kw=15,
        actual_efficiency_pct="88.0",
        target_efficiency_pct="93.3",
        hours_per_year=6000,
        count=2,
    )
    assert saving.kwh_per_year.quantize(D("0.1")) == D("8714.6")
    assert saving.tce_per_year.quantize(D("0.0001")) == D("1.0710")
    assert saving.load_factor == D("0.75")


def test_upgrade_to_grade_2_targets_the_table_value():
    """15 kW 4-pole grade 2 = 93.9 %: 135 000 × (1/0.880 − 1/0.939) = 9 639.1 kWh = 1.1846 tce."""
    saving = motor_upgrade_to_grade2(
        rated_kw=15, poles=4, actual_efficiency_pct="88.0", hours_per_year=6000, count=2
    )
    assert saving.target_efficiency_pct == D("93.9")
    assert saving.kwh_per_year.quantize(D("0.1")) == D("9639.1")
    assert saving.tce_per_year.quantize(D("0.0001")) == D("1.1846")


def test_load_factor_is_a_parameter():
    """Load factor 1.0 instead of 0.75 scales the saving by 4/3."""
    common = {"rated_kw": 15, "poles": 4, "actual_efficiency_pct": "88.0", "hours_per_year": 6000}
    full = motor_upgrade_to_grade2(load_factor=1, **common)
    default = motor_upgrade_to_grade2(**common)
    assert full.kwh_per_year * 3 == default.kwh_per_year * 4


def test_motor_already_at_target_saves_nothing():
    """An actual efficiency at or above the target saves 0 kWh, never a negative amount."""
    saving = motor_upgrade_to_grade2(
        rated_kw=15, poles=4, actual_efficiency_pct="94.5", hours_per_year=6000
    )
    assert saving.kwh_per_year == 0
    assert saving.tce_per_year == 0


def test_motor_outside_the_standard_has_no_upgrade_estimate():
    """1 200 kW is outside GB 18613-2020: no target, no estimate."""
    estimate = motor_upgrade_to_grade2(
        rated_kw=1200, poles=4, actual_efficiency_pct=90, hours_per_year=6000
    )
    assert estimate is None
