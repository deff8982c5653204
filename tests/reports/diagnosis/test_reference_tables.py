"""The standards' tables and the measure taxonomy are loaded as data, with standard and edition."""

from decimal import Decimal

from reports.calculations.motors import load_motor_table, motor_min_efficiency
from reports.calculations.pumps import load_pump_table, pump_efficiency_limits
from reports.choices import TaxonomyLevel
from reports.diagnosis.selectors.reference import (
    GradingTables,
    energy_factors,
    motor_table,
    pump_table,
)
from reports.models import GradingTable, MeasureCategory


def test_motor_table_in_the_database_matches_the_data_file(db):
    """Every GB 18613-2020 point loaded by the migration equals the CSV's, and so do the
    interpolated limits between points (here 100 kW, 4 poles)."""
    row = GradingTable.objects.get(equipment_type="motor", is_current=True)
    assert (row.standard, row.edition, row.format) == ("GB 18613", "2020", "motor")
    assert motor_table(row).points == load_motor_table().points
    from_db = motor_min_efficiency(Decimal(100), 4, table=motor_table(row))
    assert from_db == motor_min_efficiency(Decimal(100), 4)
    assert from_db.interpolated


def test_pump_table_in_the_database_reproduces_annex_a(db):
    """GB 19762-2007 loaded as data gives the worked example: η0 82.9 %, limit 78.9 %."""
    row = GradingTable.objects.get(equipment_type="pump", edition="2007")
    assert (row.standard, row.edition, row.coverage) == ("GB 19762", "2007", "partial")
    evaluation = pump_efficiency_limits(800, 12, 1470, double_suction=True, table=pump_table(row))
    assert evaluation.specific_speed_rounded == Decimal("277.4")
    assert (evaluation.rated_point_efficiency_pct, evaluation.limit_pct) == (
        Decimal("82.9"),
        Decimal("78.9"),
    )
    assert pump_table(row) == load_pump_table()


def test_taxonomy_is_a_three_level_tree_covering_the_equipment(db):
    """Systems → subsystems → measures; every measure has a category and the seven equipment
    types, waste heat, process and management each have a system."""
    systems = set(
        MeasureCategory.objects.filter(level=TaxonomyLevel.SYSTEM).values_list("code", flat=True)
    )
    assert {"MOT", "ELC", "FAN", "AIR", "PMP", "BLR", "KLN", "WHR", "PRC", "MGT"} <= systems
    leaf = MeasureCategory.objects.select_related("parent__parent").get(code="MOT.01.01")
    assert (leaf.parent.code, leaf.parent.parent.code) == ("MOT.01", "MOT")
    assert not MeasureCategory.objects.filter(level=TaxonomyLevel.MEASURE, category="").exists()


def test_grading_tables_for_other_equipment_can_be_added_as_data(db):
    """A GB 19153 table added as data grades air compressors from then on."""
    GradingTable.objects.exclude(format__in=["motor", "pump"]).delete()  # the loaded ones
    GradingTable.objects.create(
        standard="GB 19153",
        edition="2019",
        equipment_type="air_compressor",
        metric="specific_power",
        unit="kW/(m3/min)",
        direction="lower",
        format="thresholds",
        data={
            "grades": [1, 2, 3],
            "rows": [
                {
                    "when": {"rated_kw": {"gt": "90", "le": "110"}},
                    "thresholds": {"1": "5.9", "2": "6.7", "3": "7.5"},
                }
            ],
        },
    )
    tables = GradingTables()
    assert "air_compressor" in tables.types_with_table
    assert tables.thresholds[0].rows[0].thresholds[3] == Decimal("7.5")


def test_energy_factors_skip_the_reference_primary_row(db):
    """Carriers come from GB/T 2589-2020; the 等价值 row is the campaign's setting instead."""
    factors = energy_factors()
    assert factors["electricity"].kgce_per_unit == Decimal("0.12290")
    assert "electricity_primary" not in factors
