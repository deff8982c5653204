"""Motor minimum efficiencies and grading against GB 18613-2020."""

from decimal import Decimal

from reports.calculations.grading import GradeStatus
from reports.calculations.motors import motor_grade, motor_min_efficiency


def test_table_point_uses_the_table_values():
    """11 kW 4-pole: grade 3 ≥ 91.4 %, grade 2 ≥ 93.3 % (table row), not interpolated."""
    limits = motor_min_efficiency("11", 4)
    assert limits.minimum_pct == {3: Decimal("91.4"), 2: Decimal("93.3")}
    assert not limits.interpolated
    assert (limits.standard, limits.edition) == ("GB 18613", "2020")


def test_rating_between_points_interpolates_in_log_kw():
    """6 kW 4-pole between 5.5 kW (89.6/91.9) and 7.5 kW (90.4/92.6).

    t = log10(6/5.5) / log10(7.5/5.5) = 0.03779 / 0.13470 = 0.2806
    grade 3: 89.6 + 0.8 × 0.2806 = 89.82 → 89.8; grade 2: 91.9 + 0.7 × 0.2806 = 92.10 → 92.1
    """
    limits = motor_min_efficiency("6", 4)
    assert limits.minimum_pct == {3: Decimal("89.8"), 2: Decimal("92.1")}
    assert limits.interpolated


def test_large_rating_between_points_interpolates():
    """180 kW 2-pole between 160 kW (95.6/96.3) and 200 kW (95.8/96.5).

    t = log10(180/160) / log10(200/160) = 0.05115 / 0.09691 = 0.5278
    grade 3: 95.6 + 0.2 × 0.5278 = 95.71 → 95.7; grade 2: 96.3 + 0.2 × 0.5278 = 96.41 → 96.4
    """
    assert motor_min_efficiency(180, 2).minimum_pct == {
        3: Decimal("95.7"),
        2: Decimal("96.4"),
    }


def test_ratings_above_200_kw_keep_the_200_kw_values():
    """400 kW 4-pole carries the 200 kW values 96.0 / 96.7 (IEC rule already in the table)."""
    assert motor_min_efficiency(400, 4).minimum_pct == {3: Decimal("96.0"), 2: Decimal("96.7")}


def test_ratings_outside_the_standard_have_no_limits():
    """Below 0.12 kW, above 1000 kW and 10 poles are outside GB 18613-2020."""
    assert motor_min_efficiency("0.09", 4) is None
    assert motor_min_efficiency(1200, 4) is None
    assert motor_min_efficiency(11, 10) is None
    assert motor_min_efficiency(1000, 8) is not None


def test_efficiency_meeting_grade_2_is_grade_2_or_better():
    """11 kW 4-pole at 93.3 % meets grade 2; grade 1 values are not loaded, so "or better"."""
    result = motor_grade("93.3", 11, 4)
    assert (result.status, result.grade, result.at_least) == (GradeStatus.GRADED, 2, True)


def test_efficiency_between_limits_is_grade_3():
    """11 kW 4-pole at 92.0 %: ≥ 91.4 (grade 3) but < 93.3 (grade 2)."""
    result = motor_grade("92.0", 11, 4)
    assert (result.grade, result.at_least, result.below_limit) == (3, False, False)


def test_efficiency_on_the_limit_meets_it():
    """11 kW 4-pole at exactly 91.4 % is grade 3."""
    assert motor_grade("91.4", 11, 4).grade == 3


def test_efficiency_under_the_limit_is_flagged():
    """11 kW 4-pole at 91.3 % is below the grade-3 limit 91.4 %."""
    result = motor_grade("91.3", 11, 4)
    assert result.status == GradeStatus.BELOW_LIMIT
    assert result.below_limit
    assert result.thresholds[3] == Decimal("91.4")


def test_interpolated_limit_is_used_for_grading():
    """6 kW 4-pole at 89.7 % misses the interpolated limit 89.8 %."""
    assert motor_grade("89.7", 6, 4).below_limit


def test_motor_outside_scope_is_not_graded():
    """0.09 kW has no grading."""
    assert motor_grade("50", "0.09", 2).status == GradeStatus.NO_GRADING
