"""Equipment grading against the loaded tables (reports/data/grading/*.csv), checked by hand.

Values read off the transcribed tables:
  GB 20052-2024 表1, 10 kV oil-immersed 400 kVA, 电工钢带, Dyn11/Yzn11: no-load loss
  0.33 / 0.37 / 0.41 kW, load loss 3.25 / 3.615 / 4.52 kW (grades 1 / 2 / 3, lower is better).
  GB 19761-2020 表1, centrifugal 0.95≤ψ<1.05, 20≤ns<30, No7<机号≤No10: 76 / 71 / 63 %.
  GB 19153-2019 表1, oil-injected rotary 45 kW, 0.8 MPa, air-cooled: 6.6 / 7.1 / 7.9
  kW/(m³/min); 37 kW, 0.8 MPa, air-cooled: 6.7 / 7.3 / 8.1 (grade 1 completed in migration 0015).
  GB 24500-2020 表1, 层状燃烧 烟煤 Ⅱ类: ≤ 20 t/h (or ≤ 14 MW) 85 / 82 / 80 %, above 86 / 83 / 81 %.
  GB 19762-2025 clear-water pump, single stage single suction, Q 100 m³/h, H 20 m, 2900 r/min:
  ns = 3.65 × 2900 × √(100/3600) / 20^0.75 = 186.54; ln ns = 5.2286, ln Q = 4.6052;
  −8.44 × 27.338 − 0.48 × 21.208 + 0.09 × 24.079 + 84.63 × 5.2286 + 8.5 × 4.6052 = 242.89;
  minus Ci 161.33 / 163.33 / 168.33 → 81.6 / 79.6 / 74.6 %.
  Four-stage pump, Q 50 m³/h, H 100 m (25 m a stage), 2950 r/min: ns = 113.50, formula 212.54,
  minus 139.33 / 142.33 / 150.33 → 73.2 / 70.2 / 62.2 %.
"""

from decimal import Decimal

import pytest

from reports.calculations.equipment_tables import (
    boiler_capacity,
    equipment_table_specs,
    parse_range,
)
from reports.calculations.grading import GradeStatus, grade_equipment
from reports.calculations.grading_data import grading_table_from_dict
from reports.calculations.pumps_2025 import (
    grade_thresholds,
    pump_formula_grade,
    pump_formula_table,
)

SPECS = equipment_table_specs()
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
    for spec in SPECS
    if spec.format == "thresholds"
]
PUMP = next(
    pump_formula_table(s.standard, s.edition, s.data) for s in SPECS if s.format == "pump_formula"
)


def _grade(kind, values, params):
    return grade_equipment(TABLES, kind, values, params)


def test_every_table_names_its_standard_edition_source_and_confidence():
    loaded = {(s.standard, s.edition, s.equipment_type, s.metric) for s in SPECS}
    assert loaded == {
        ("GB 20052", "2024", "transformer", "no_load_loss"),
        ("GB 20052", "2024", "transformer", "load_loss"),
        ("GB 19153", "2019", "air_compressor", "specific_power"),
        ("GB 19761", "2020", "fan", "efficiency"),
        ("GB 24500", "2020", "boiler", "efficiency"),
        ("GB 19762", "2025", "pump", "efficiency"),
    }
    for spec in SPECS:
        assert spec.source.startswith("github:adgo07/EquipEffi")
        assert spec.confidence.startswith("secondary")
        assert spec.in_force_from >= 2020


def test_ranges_of_the_source_cells():
    assert parse_range("1.35≤ψ<1.55", "ψ") == {"ge": "1.35", "lt": "1.55"}
    assert parse_range("No2<机号≤No2.5", "机号") == {"gt": "2", "le": "2.5"}
    assert parse_range("机号>No10", "机号") == {"gt": "10"}
    assert parse_range("1.4≤ψ", "ψ") == {"ge": "1.4"}
    assert boiler_capacity("蒸汽≤20t/h 或 热水≤14MW") == {"le": "20"}
    assert boiler_capacity("all capacities") == {}
    with pytest.raises(ValueError, match="cannot read the range"):
        parse_range("about 3", "ψ")


TRANSFORMER = {
    "transformer_kind": "油浸式",
    "capacity_kva": 400,
    "core_material": "电工钢带",
    "connection_group": "Dyn11/Yzn11",
}


@pytest.mark.parametrize(
    ("no_load", "load", "status", "grade"),
    [
        ("0.33", "3.25", GradeStatus.GRADED, 1),  # on the grade 1 points
        ("0.37", "3.0", GradeStatus.GRADED, 2),  # on grade 2's no-load loss: the worse counts
        ("0.35", "3.5", GradeStatus.GRADED, 2),  # between grades 1 and 2 on both
        ("0.41", "4.52", GradeStatus.GRADED, 3),  # on the limit values
        ("0.42", "3.0", GradeStatus.BELOW_LIMIT, None),  # no-load loss above the limit
    ],
)
def test_a_400_kva_oil_transformer(no_load, load, status, grade):
    result = _grade("transformer", {"no_load_loss": no_load, "load_loss": load}, TRANSFORMER)
    assert (result.status, result.grade) == (status, grade)
    assert (result.standard, result.edition) == ("GB 20052", "2024")


def test_a_transformer_size_outside_the_table_is_not_graded():
    """450 kVA is not a rated capacity of 表1; 表2 (dry-type) ends at 2500 kVA."""
    for params in (
        {**TRANSFORMER, "capacity_kva": 450},
        {
            "transformer_kind": "干式",
            "capacity_kva": 3150,
            "core_material": "电工钢带",
            "insulation_class": "F(120℃)",
        },
    ):
        result = _grade("transformer", {"no_load_loss": "0.3", "load_loss": "3"}, params)
        assert result.status == GradeStatus.NO_GRADING


def test_a_dry_transformer_of_50_kva():
    """表2 50 kVA 非晶合金 F(120℃): no-load 0.06 / 0.075 / 0.09, load 0.9 / 0.9 / 1.0."""
    params = {
        "transformer_kind": "干式",
        "capacity_kva": 50,
        "core_material": "非晶合金",
        "insulation_class": "F(120℃)",
    }
    result = _grade("transformer", {"no_load_loss": "0.07", "load_loss": "0.95"}, params)
    assert (result.status, result.grade) == (GradeStatus.GRADED, 3)


DRY_1000 = {
    "transformer_kind": "干式",
    "capacity_kva": 1000,
    "core_material": "电工钢带",
    "insulation_class": "F(120℃)",
}


@pytest.mark.parametrize(
    ("no_load", "load", "status", "grade"),
    [
        ("1.02", "7.315", GradeStatus.GRADED, 1),  # on the grade 1 points
        ("1.1", "7.0", GradeStatus.GRADED, 2),  # no-load between grades 1 and 2
        ("1.205", "7.8", GradeStatus.GRADED, 3),  # load between 7.315 and 8.13: the worse counts
        ("1.415", "8.13", GradeStatus.GRADED, 3),  # on the limit values
        ("1.5", "7.0", GradeStatus.BELOW_LIMIT, None),  # no-load above the limit
        ("1.0", "8.2", GradeStatus.BELOW_LIMIT, None),  # load above the limit
    ],
)
def test_a_1000_kva_dry_transformer(no_load, load, status, grade):
    """表2 1000 kVA 电工钢带 F(120℃): no-load 1.02 / 1.205 / 1.415 kW, load 7.315 / 7.315 /
    8.13 kW (grades 1 and 2 share the load loss, as transcribed)."""
    result = _grade("transformer", {"no_load_loss": no_load, "load_loss": load}, DRY_1000)
    assert (result.status, result.grade) == (status, grade)
    assert (result.standard, result.edition) == ("GB 20052", "2024")


@pytest.mark.parametrize(
    ("capacity", "core", "insulation", "no_load", "load", "grade"),
    [
        # 100 kVA 电工钢带 B(100℃): 0.23 / 0.27 / 0.32, load 1.33 / 1.33 / 1.48.
        (100, "电工钢带", "B(100℃)", "0.25", "1.33", 2),
        # 630 kVA 非晶合金 H(145℃): 0.295 / 0.36 / 0.42, load 5.66 / 5.66 / 6.29.
        (630, "非晶合金", "H(145℃)", "0.295", "5.66", 1),
        (630, "非晶合金", "H(145℃)", "0.40", "6.0", 3),
        # 2500 kVA 非晶合金 F(120℃): 0.84 / 1.02 / 1.2, load 15.445 / 15.445 / 17.17.
        (2500, "非晶合金", "F(120℃)", "0.9", "15.0", 2),
        (2500, "非晶合金", "F(120℃)", "1.2", "17.17", 3),
    ],
)
def test_dry_transformers_above_80_kva(capacity, core, insulation, no_load, load, grade):
    params = {
        "transformer_kind": "干式",
        "capacity_kva": capacity,
        "core_material": core,
        "insulation_class": insulation,
    }
    result = _grade("transformer", {"no_load_loss": no_load, "load_loss": load}, params)
    assert (result.status, result.grade) == (GradeStatus.GRADED, grade)


def test_every_dry_type_row_of_table_2_is_loaded():
    """18 capacities (30–2500 kVA) × 2 core materials × 3 insulation classes, each once."""
    spec = next(s for s in SPECS if s.metric == "no_load_loss")
    dry = [r for r in spec.data["rows"] if r["when"]["transformer_kind"] == "干式"]
    assert len(dry) == 108
    assert {r["table"] for r in dry} == {"表2"}
    keys = {
        (r["when"]["capacity_kva"]["ge"], r["when"]["core_material"], r["when"]["insulation_class"])
        for r in dry
    }
    assert len(keys) == 108
    assert len({k[0] for k in keys}) == 18


FAN = {"fan_kind": "离心", "psi": "1.0", "specific_speed": "25", "machine_number": "8"}


@pytest.mark.parametrize(
    ("efficiency", "params", "status", "grade"),
    [
        ("76", FAN, GradeStatus.GRADED, 1),
        ("72", FAN, GradeStatus.GRADED, 2),  # between 71 and 76
        ("63", FAN, GradeStatus.GRADED, 3),  # on the limit
        ("62.9", FAN, GradeStatus.BELOW_LIMIT, None),
        ("72", {**FAN, "machine_number": "10"}, GradeStatus.GRADED, 2),  # ≤ No10: same row
        ("72", {**FAN, "machine_number": "12"}, GradeStatus.GRADED, 3),  # > No10: 80/75/66
    ],
)
def test_a_centrifugal_fan(efficiency, params, status, grade):
    result = _grade("fan", {"efficiency": efficiency}, params)
    assert (result.status, result.grade) == (status, grade)


def test_an_axial_fan_by_hub_ratio():
    """表3 axial fans: γ and machine number; a fan outside every band is not graded."""
    graded = _grade(
        "fan",
        {"efficiency": "95"},
        {"fan_kind": "轴流", "hub_ratio": "0.35", "machine_number": "8", "specific_speed": "1"},
    )
    assert graded.status == GradeStatus.GRADED
    outside = _grade("fan", {"efficiency": "80"}, {**FAN, "psi": "3"})
    assert outside.status == GradeStatus.NO_GRADING


COMPRESSOR = {
    "compressor_kind": "一般用喷油回转（工频）",
    "rated_kw": 45,
    "discharge_pressure_mpa": "0.8",
    "cooling": "风冷",
}


@pytest.mark.parametrize(
    ("specific_power", "params", "status", "grade", "at_least"),
    [
        ("6.6", COMPRESSOR, GradeStatus.GRADED, 1, False),
        ("7.0", COMPRESSOR, GradeStatus.GRADED, 2, False),  # between 6.6 and 7.1
        ("7.9", COMPRESSOR, GradeStatus.GRADED, 3, False),
        ("8.0", COMPRESSOR, GradeStatus.BELOW_LIMIT, None, False),
        # 37 kW: 6.7 / 7.3 / 8.1 now that grade 1 is loaded; no "or better" any more
        ("6.7", {**COMPRESSOR, "rated_kw": 37}, GradeStatus.GRADED, 1, False),
        ("7.0", {**COMPRESSOR, "rated_kw": 37}, GradeStatus.GRADED, 2, False),
    ],
)
def test_an_air_compressor(specific_power, params, status, grade, at_least):
    result = _grade("air_compressor", {"specific_power": specific_power}, params)
    assert (result.status, result.grade, result.at_least) == (status, grade, at_least)
    assert result.unit == "kW/(m³/min)"


@pytest.mark.parametrize(
    ("kw", "pressure", "cooling", "specific_power", "status", "grade"),
    [
        # 4 kW, 0.8 MPa, air-cooled: 8.4 / 9.3 / 10.6
        ("4", "0.8", "风冷", "8.4", GradeStatus.GRADED, 1),
        ("4", "0.8", "风冷", "9.0", GradeStatus.GRADED, 2),
        ("4", "0.8", "风冷", "10.6", GradeStatus.GRADED, 3),
        ("4", "0.8", "风冷", "10.7", GradeStatus.BELOW_LIMIT, None),
        # 18.5 kW, 0.7 MPa, liquid-cooled: 6.2 / 6.8 / 7.6
        ("18.5", "0.7", "液冷", "6.2", GradeStatus.GRADED, 1),
        ("18.5", "0.7", "液冷", "7.0", GradeStatus.GRADED, 3),
        # 75 kW, 0.8 MPa, air-cooled: 6.3 / 6.8 / 7.5 (grades 2 and 3 completed)
        ("75", "0.8", "风冷", "6.5", GradeStatus.GRADED, 2),
        ("75", "0.8", "风冷", "7.5", GradeStatus.GRADED, 3),
        # 160 kW, 1.0 MPa, air-cooled: 6.7 / 7.3 / 8.1
        ("160", "1.0", "风冷", "7.3", GradeStatus.GRADED, 2),
        # 315 kW, 1.25 MPa, liquid-cooled: 7.0 / 7.7 / 8.6
        ("315", "1.25", "液冷", "8.0", GradeStatus.GRADED, 3),
        ("315", "1.25", "液冷", "8.7", GradeStatus.BELOW_LIMIT, None),
        # 450 kW, 0.8 MPa, air-cooled: 5.8 / 6.3 / 7.0
        ("450", "0.8", "风冷", "6.0", GradeStatus.GRADED, 2),
        # 500, 560 and 630 kW (migration 0016), 0.8 MPa: air 5.8 / 6.3 / 7.0, liquid 5.6 / 6.0 / 6.7
        ("500", "0.8", "风冷", "5.8", GradeStatus.GRADED, 1),
        ("500", "0.8", "风冷", "6.0", GradeStatus.GRADED, 2),
        ("560", "0.8", "液冷", "6.7", GradeStatus.GRADED, 3),
        ("630", "0.8", "液冷", "6.8", GradeStatus.BELOW_LIMIT, None),
        # 630 kW, 0.3 MPa, air-cooled: 3.5 / 3.8 / 4.3; 1.25 MPa liquid-cooled: 6.9 / 7.6 / 8.5
        ("630", "0.3", "风冷", "3.6", GradeStatus.GRADED, 2),
        ("630", "1.25", "液冷", "8.5", GradeStatus.GRADED, 3),
        # 11 kW has no liquid-cooled cell ('-'); 表1 ends at 630 kW
        ("11", "0.8", "液冷", "7.0", GradeStatus.NO_GRADING, None),
        ("710", "0.8", "风冷", "6.0", GradeStatus.NO_GRADING, None),
    ],
)
def test_compressor_powers_added_from_the_transcription(
    kw, pressure, cooling, specific_power, status, grade
):
    params = {**COMPRESSOR, "rated_kw": kw, "discharge_pressure_mpa": pressure, "cooling": cooling}
    result = _grade("air_compressor", {"specific_power": specific_power}, params)
    assert (result.status, result.grade) == (status, grade)
    if status == GradeStatus.GRADED:
        assert (result.standard, result.edition, result.at_least) == ("GB 19153", "2019", False)


def test_every_compressor_power_of_table_1_is_loaded():
    spec = next(s for s in SPECS if s.equipment_type == "air_compressor")
    powers = {float(r["when"]["rated_kw"]["ge"]) for r in spec.data["rows"]}
    assert powers == {
        1.5,
        2.2,
        3,
        4,
        5.5,
        7.5,
        11,
        15,
        18.5,
        22,
        30,
        37,
        45,
        55,
        75,
        90,
        110,
        132,
        160,
        200,
        250,
        315,
        355,
        400,
        450,
        500,
        560,
        630,
    }


def test_a_compressor_size_or_liquid_cooled_cell_marked_not_applicable():
    for params in (
        {**COMPRESSOR, "rated_kw": 40},
        {**COMPRESSOR, "rated_kw": "1.5", "cooling": "液冷"},
    ):
        assert _grade("air_compressor", {"specific_power": "5"}, params).status == (
            GradeStatus.NO_GRADING
        )


BOILER = {"boiler_kind": "层状燃烧燃煤", "fuel": "烟煤 Ⅱ类"}


@pytest.mark.parametrize(
    ("efficiency", "capacity_tph", "status", "grade"),
    [
        ("85", 10, GradeStatus.GRADED, 1),
        ("83", 10, GradeStatus.GRADED, 2),  # between 82 and 85
        ("80", 20, GradeStatus.GRADED, 3),  # 20 t/h is in the ≤ 20 t/h band
        ("80", Decimal("20.1"), GradeStatus.BELOW_LIMIT, None),  # above 20 t/h: limit 81
        ("83", 30, GradeStatus.GRADED, 2),
    ],
)
def test_a_coal_fired_grate_boiler(efficiency, capacity_tph, status, grade):
    result = _grade("boiler", {"efficiency": efficiency}, {**BOILER, "capacity_tph": capacity_tph})
    assert (result.status, result.grade) == (status, grade)


def test_gas_and_electric_boilers():
    gas = _grade(
        "boiler",
        {"efficiency": "102"},
        {"boiler_kind": "室燃锅炉", "fuel": "天然气 冷凝", "capacity_tph": 4},
    )
    assert (gas.status, gas.grade) == (GradeStatus.GRADED, 2)  # 103 / 101 / 98
    electric = {"boiler_kind": "电加热锅炉", "fuel": "电", "capacity_tph": 2}
    meets = _grade("boiler", {"efficiency": "97.5"}, electric)
    assert (meets.grade, meets.at_least) == (3, True)  # only the 97 % limit exists
    assert _grade("boiler", {"efficiency": "96"}, electric).status == GradeStatus.BELOW_LIMIT


def test_pump_2025_grade_limits_single_stage():
    limits = grade_thresholds(PUMP, 100, 20, 2900, kind="单级单吸")
    assert limits == {1: Decimal("81.6"), 2: Decimal("79.6"), 3: Decimal("74.6")}
    result = pump_formula_grade(PUMP, "80", 100, 20, 2900, kind="单级单吸")
    assert (result.status, result.grade) == (GradeStatus.GRADED, 2)
    low = pump_formula_grade(PUMP, "74.5", 100, 20, 2900, kind="单级单吸")
    assert low.status == GradeStatus.BELOW_LIMIT
    assert (low.standard, low.edition) == ("GB 19762", "2025")


def test_pump_2025_multistage_and_outside_the_flow_bands():
    limits = grade_thresholds(PUMP, 50, 100, 2950, kind="多级", stages=4)
    assert limits == {1: Decimal("73.2"), 2: Decimal("70.2"), 3: Decimal("62.2")}
    # 单级单吸 covers 5–10 000 m³/h: a 3 m³/h pump has no row.
    assert pump_formula_grade(PUMP, "60", 3, 20, 2900, kind="单级单吸").status == (
        GradeStatus.NO_GRADING
    )
