"""GB 19153-2019 表2 (variable-speed oil-injected rotary), checked by hand against the records
of github:adgo07/EquipEffi compressor.json (R001009–R001764), kW/(m³/min), air-cooled unless said:

  2.2 kW: 0.3 MPa 6.1 / 6.8 / 7.8; 1.25 MPa 12.8 / 14.3 / 16.6
  3 kW:   0.7 MPa 8.8 / 9.7 / 11.1
  4 kW:   0.8 MPa 9.1 / 10.1 / 11.7 (表1's fixed-speed 4 kW, 0.8 MPa: 8.4 / 9.3 / 10.6)
  5.5 kW: 1.0 MPa 9.9 / 11.0 / 12.6
  7.5 kW: 0.5 MPa 6.3 / 6.9 / 7.8; 1.25 MPa 10.6 / 11.8 / 13.7
  11 kW:  0.8 MPa 8.0 / 8.9 / 10.1 (liquid-cooled '-' up to 15 kW)
  18.5 kW: 0.7 MPa air 6.9 / 7.5 / 8.4, liquid 6.6 / 7.2 / 8.1
  45 kW:  0.8 MPa air 6.9 / 7.5 / 8.3, liquid 6.6 / 7.2 / 8.0; 1.25 MPa liquid 8.3 / 9.1 / 10.2
  110 kW: 0.8 MPa air 6.4 / 6.9 / 7.7
  200 kW: 1.25 MPa air 7.9 / 8.6 / 9.6, liquid 7.5 / 8.2 / 9.2
  315 kW: 0.8 MPa air 6.2 / 6.7 / 7.5, liquid 6.0 / 6.5 / 7.2
  表2 ends at 315 kW in the transcription (R001764; 表3, piston compressors, follows).
"""

import pytest

from reports.calculations.equipment_tables import equipment_table_specs
from reports.calculations.grading import GradeStatus, grade_equipment
from reports.calculations.grading_data import grading_table_from_dict
from reports.diagnosis.equipment_fields import FIXED_SPEED, VARIABLE_SPEED

TABLES = [
    grading_table_from_dict(
        {
            **spec.data,
            **{
                k: getattr(spec, k)
                for k in ("standard", "edition", "equipment_type", "metric", "unit", "direction")
            },
        }
    )
    for spec in equipment_table_specs()
    if spec.equipment_type == "air_compressor"
]


def _grade(kind, kw, pressure, cooling, specific_power):
    params = {
        "compressor_kind": kind,
        "rated_kw": kw,
        "discharge_pressure_mpa": pressure,
        "cooling": cooling,
    }
    return grade_equipment(TABLES, "air_compressor", {"specific_power": specific_power}, params)


@pytest.mark.parametrize(
    ("kw", "pressure", "specific_power", "status", "grade"),
    [
        ("2.2", "0.3", "6.1", GradeStatus.GRADED, 1),  # on grade 1
        ("2.2", "0.3", "6.5", GradeStatus.GRADED, 2),  # between 6.1 and 6.8
        ("2.2", "0.3", "7.8", GradeStatus.GRADED, 3),  # on the limit
        ("2.2", "0.3", "7.9", GradeStatus.BELOW_LIMIT, None),
        ("2.2", "1.25", "14.3", GradeStatus.GRADED, 2),
        ("2.2", "1.25", "16.7", GradeStatus.BELOW_LIMIT, None),
        ("3", "0.7", "9.0", GradeStatus.GRADED, 2),
        ("3", "0.7", "11.0", GradeStatus.GRADED, 3),
        ("4", "0.8", "9.1", GradeStatus.GRADED, 1),
        ("4", "0.8", "11.7", GradeStatus.GRADED, 3),
        ("4", "0.8", "11.8", GradeStatus.BELOW_LIMIT, None),
        ("5.5", "1.0", "10.5", GradeStatus.GRADED, 2),
        ("5.5", "1.0", "12.6", GradeStatus.GRADED, 3),
        ("7.5", "0.5", "6.3", GradeStatus.GRADED, 1),
        ("7.5", "0.5", "7.0", GradeStatus.GRADED, 3),  # between 6.9 and 7.8
        ("7.5", "1.25", "11.8", GradeStatus.GRADED, 2),
        ("7.5", "1.25", "13.8", GradeStatus.BELOW_LIMIT, None),
        ("11", "0.8", "8.0", GradeStatus.GRADED, 1),
        ("11", "0.8", "9.5", GradeStatus.GRADED, 3),  # between 8.9 and 10.1
        ("11", "0.8", "10.2", GradeStatus.BELOW_LIMIT, None),
        ("18.5", "0.7", "7.2", GradeStatus.GRADED, 2),  # between 6.9 and 7.5
        ("45", "0.8", "6.9", GradeStatus.GRADED, 1),
        ("45", "0.8", "8.3", GradeStatus.GRADED, 3),
        ("45", "0.8", "8.4", GradeStatus.BELOW_LIMIT, None),
        ("110", "0.8", "6.6", GradeStatus.GRADED, 2),  # between 6.4 and 6.9
        ("110", "0.8", "7.8", GradeStatus.BELOW_LIMIT, None),
        ("200", "1.25", "7.9", GradeStatus.GRADED, 1),
        ("200", "1.25", "9.6", GradeStatus.GRADED, 3),
        ("315", "0.8", "6.2", GradeStatus.GRADED, 1),
        ("315", "0.8", "7.0", GradeStatus.GRADED, 3),  # between 6.7 and 7.5
        ("315", "0.8", "7.6", GradeStatus.BELOW_LIMIT, None),
    ],
)
def test_a_variable_speed_compressor(kw, pressure, specific_power, status, grade):
    result = _grade(VARIABLE_SPEED, kw, pressure, "风冷", specific_power)
    assert (result.status, result.grade) == (status, grade)
    if status == GradeStatus.GRADED:
        assert (result.standard, result.edition, result.at_least) == ("GB 19153", "2019", False)


def test_the_kind_picks_the_table():
    """4 kW, 0.8 MPa, air-cooled: 表2 9.1 / 10.1 / 11.7, 表1 8.4 / 9.3 / 10.6."""
    assert _grade(VARIABLE_SPEED, "4", "0.8", "风冷", "9.2").grade == 2  # 9.1 < 9.2 ≤ 10.1
    assert _grade(FIXED_SPEED, "4", "0.8", "风冷", "9.2").grade == 2  # 8.4 < 9.2 ≤ 9.3
    # 10.0: grade 2 variable-speed (≤ 10.1), grade 3 fixed-speed (9.3 < 10.0 ≤ 10.6)
    assert _grade(VARIABLE_SPEED, "4", "0.8", "风冷", "10.0").grade == 2
    assert _grade(FIXED_SPEED, "4", "0.8", "风冷", "10.0").grade == 3
    # 11.0: grade 3 variable-speed, below the limit fixed-speed
    assert _grade(VARIABLE_SPEED, "4", "0.8", "风冷", "11.0").grade == 3
    assert _grade(FIXED_SPEED, "4", "0.8", "风冷", "11.0").status == GradeStatus.BELOW_LIMIT


@pytest.mark.parametrize(
    ("kw", "pressure", "specific_power", "status", "grade"),
    [
        ("18.5", "0.7", "6.6", GradeStatus.GRADED, 1),
        ("18.5", "0.7", "7.0", GradeStatus.GRADED, 2),  # between 6.6 and 7.2
        ("18.5", "0.7", "8.1", GradeStatus.GRADED, 3),
        ("18.5", "0.7", "8.2", GradeStatus.BELOW_LIMIT, None),
        ("45", "0.8", "7.0", GradeStatus.GRADED, 2),
        ("45", "1.25", "10.2", GradeStatus.GRADED, 3),
        ("45", "1.25", "10.3", GradeStatus.BELOW_LIMIT, None),
        ("200", "1.25", "8.0", GradeStatus.GRADED, 2),  # between 7.5 and 8.2
        ("200", "1.25", "9.3", GradeStatus.BELOW_LIMIT, None),
        ("315", "0.8", "6.5", GradeStatus.GRADED, 2),
        ("315", "0.8", "7.3", GradeStatus.BELOW_LIMIT, None),
    ],
)
def test_a_liquid_cooled_variable_speed_compressor(kw, pressure, specific_power, status, grade):
    result = _grade(VARIABLE_SPEED, kw, pressure, "液冷", specific_power)
    assert (result.status, result.grade) == (status, grade)


@pytest.mark.parametrize(
    ("kw", "pressure", "cooling"),
    [
        ("4", "0.8", "液冷"),  # '-' in the standard
        ("15", "0.8", "液冷"),  # '-' in the standard
        ("355", "0.8", "风冷"),  # 表2 ends at 315 kW (表1 goes on to 630 kW)
        ("1.5", "0.8", "风冷"),  # 表2 starts at 2.2 kW
        ("4", "0.9", "风冷"),  # no such pressure column
    ],
)
def test_outside_the_loaded_variable_speed_rows(kw, pressure, cooling):
    result = _grade(VARIABLE_SPEED, kw, pressure, cooling, "8.0")
    assert result.status == GradeStatus.NO_GRADING


def test_the_variable_speed_rows_name_their_source():
    spec = next(s for s in equipment_table_specs() if s.equipment_type == "air_compressor")
    rows = [r for r in spec.data["rows"] if r["when"]["compressor_kind"] == VARIABLE_SPEED]
    # 21 powers × 6 pressures air-cooled, and liquid-cooled from 18.5 kW (14 powers × 6)
    assert len(rows) == 210
    assert {r["table"] for r in rows} == {"表2"}
    assert "a1643ed38e0b934bbc7562348883b8a8bd4badc5" in spec.source
    assert spec.confidence.startswith("secondary")
