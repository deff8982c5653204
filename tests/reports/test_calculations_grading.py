"""Grading tables held as data, for equipment types other than motors and pumps.

The thresholds below are test data made up for these tests, not values of any standard.
"""

import json
from decimal import Decimal

from django.utils.translation import override

from reports.calculations.grading import GradeStatus, grade, grade_equipment
from reports.calculations.grading_data import grading_table_from_dict, load_grading_tables

COMPRESSOR = {
    "standard": "GB 19153",
    "edition": "2019",
    "equipment_type": "air_compressor",
    "metric": "specific_power",
    "unit": "kW/(m3/min)",
    "direction": "lower",
    "grades": [1, 2, 3],
    "rows": [
        {
            "when": {"rated_kw": {"gt": "5.5", "le": "15"}, "cooling": "air"},
            "thresholds": {"1": "6.0", "2": "6.8", "3": "7.6"},
        }
    ],
}


def _transformer(metric: str, thresholds: dict[str, str]) -> dict:
    return {
        "standard": "GB 20052",
        "edition": "2020",
        "equipment_type": "transformer",
        "metric": metric,
        "unit": "W",
        "direction": "lower",
        "grades": [1, 2, 3],
        "rows": [{"when": {"kva": {"ge": "1000", "le": "1000"}}, "thresholds": thresholds}],
    }


TRANSFORMER = [
    grading_table_from_dict(_transformer("no_load_loss", {"1": "700", "2": "800", "3": "900"})),
    grading_table_from_dict(_transformer("load_loss", {"1": "9000", "2": "10000", "3": "11000"})),
]
PARAMS = {"rated_kw": "11", "cooling": "air"}


def test_lower_is_better_grades_best_first():
    """Specific power 6.0 → grade 1 (on the threshold), 6.5 → 2, 7.6 → 3."""
    table = grading_table_from_dict(COMPRESSOR)
    assert grade(table, "6.0", PARAMS).grade == 1
    assert grade(table, "6.5", PARAMS).grade == 2
    assert grade(table, "7.6", PARAMS).grade == 3


def test_missing_the_last_grade_is_below_limit():
    """7.7 > 7.6 (grade 3 = limit) is flagged below the limit."""
    result = grade(grading_table_from_dict(COMPRESSOR), "7.7", PARAMS)
    assert result.status == GradeStatus.BELOW_LIMIT
    assert result.below_limit
    assert (result.standard, result.edition) == ("GB 19153", "2019")


def test_higher_is_better_direction():
    """With higher-is-better, 6.5 misses 6.8 (grade 2) but meets 6.0 (grade 3 here)."""
    data = dict(COMPRESSOR, direction="higher", grades=[2, 3])
    data["rows"] = [{"when": {}, "thresholds": {"2": "6.8", "3": "6.0"}}]
    table = grading_table_from_dict(data)
    assert grade(table, "6.5").grade == 3
    assert grade(table, "5.9").below_limit


def test_range_bounds_follow_the_row():
    """rated_kw 5.5 is excluded (gt), 15 included (le), 30 matches no row; cooling must match."""
    table = grading_table_from_dict(COMPRESSOR)
    assert (
        grade(table, "6.0", {"rated_kw": "5.5", "cooling": "air"}).status == GradeStatus.NO_GRADING
    )
    assert grade(table, "6.0", {"rated_kw": "15", "cooling": "air"}).grade == 1
    assert (
        grade(table, "6.0", {"rated_kw": "30", "cooling": "air"}).status == GradeStatus.NO_GRADING
    )
    assert (
        grade(table, "6.0", {"rated_kw": "11", "cooling": "water"}).status == GradeStatus.NO_GRADING
    )


def test_type_without_table_says_no_grading_table():
    """No table loaded for fans: "no grading table", naming GB 19761-2020."""
    result = grade_equipment(TRANSFORMER, "fan", {"efficiency": "80"})
    assert result.status == GradeStatus.NO_TABLE
    assert (result.standard, result.edition) == ("GB 19761", "2020")
    with override("en"):
        assert result.label == "No grading table"


def test_transformer_takes_the_worse_of_its_losses():
    """No-load 650 W (grade 1) and load 9 500 W (grade 2) → grade 2."""
    values = {"no_load_loss": "650", "load_loss": "9500"}
    result = grade_equipment(TRANSFORMER, "transformer", values, {"kva": "1000"})
    assert (result.status, result.grade) == (GradeStatus.GRADED, 2)
    assert [part.grade for part in result.parts] == [1, 2]


def test_transformer_with_one_loss_over_the_limit_is_below_limit():
    """Load loss 11 500 W > 11 000 W fails even with a grade-1 no-load loss."""
    values = {"no_load_loss": "650", "load_loss": "11500"}
    assert grade_equipment(TRANSFORMER, "transformer", values, {"kva": "1000"}).below_limit


def test_missing_metric_value_gives_no_grading():
    """Without the load loss the transformer cannot be graded."""
    result = grade_equipment(TRANSFORMER, "transformer", {"no_load_loss": "650"}, {"kva": "1000"})
    assert result.status == GradeStatus.NO_GRADING


def test_grade_label_says_or_better_when_better_grades_are_unknown():
    """A table with grades 2 and 3 only reports grade 2 as "Grade 2 or better"."""
    data = dict(COMPRESSOR, rows=[{"when": {}, "thresholds": {"2": "6.8", "3": "7.6"}}])
    result = grade(grading_table_from_dict(data), "6.0")
    assert (result.grade, result.at_least) == (2, True)
    with override("en"):
        assert result.label == "Grade 2 or better"


def test_tables_are_loaded_from_a_folder(tmp_path):
    """Every JSON file in the folder becomes a table; a missing folder means none."""
    (tmp_path / "gb19153_2019.json").write_text(json.dumps(COMPRESSOR), encoding="utf-8")
    tables = load_grading_tables(tmp_path)
    assert [table.equipment_type for table in tables] == ["air_compressor"]
    assert tables[0].rows[0].thresholds[3] == Decimal("7.6")
    assert load_grading_tables(tmp_path / "missing") == ()
