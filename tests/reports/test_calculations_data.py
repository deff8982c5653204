"""The package data carries its standard and edition, and interpolation follows the tables."""

from decimal import Decimal

from reports.calculations.energy import load_energy_factors
from reports.calculations.interpolation import interpolate, log10
from reports.calculations.motors import load_motor_table
from reports.calculations.pumps import load_pump_table

D = Decimal


def test_energy_factors_record_standard_and_edition():
    """Every factor is from GB/T 2589-2020; electricity 当量值 is 0.1229 kgce/kWh."""
    factors = load_energy_factors()
    assert {(f.standard, f.edition) for f in factors.values()} == {("GB/T 2589", "2020")}
    assert factors["electricity"].kgce_per_unit == D("0.1229")
    assert factors["electricity"].unit == "kWh"


def test_motor_table_records_standard_and_poles():
    """GB 18613-2020, 2/4/6/8 poles, 0.12 to 1000 kW."""
    table = load_motor_table()
    assert (table.standard, table.edition) == ("GB 18613", "2020")
    assert sorted(table.points) == [2, 4, 6, 8]
    assert table.points[4][0][0] == D("0.12")
    assert table.points[4][-1][0] == D("1000")


def test_pump_table_is_marked_partial():
    """GB 19762-2007 with the verified points only."""
    table = load_pump_table()
    assert (table.standard, table.edition, table.coverage) == ("GB 19762", "2007", "partial")


def test_interpolation_is_linear_between_neighbours():
    """Between (10, 1) and (20, 3): x = 15 → 2; on a point → the point; outside → None."""
    points = ((D(10), D(1)), (D(20), D(3)), (D(40), D(4)))
    assert interpolate(points, D(15)) == D(2)
    assert interpolate(points, D(20)) == D(3)
    assert interpolate(points, D(30)) == D("3.5")
    assert interpolate(points, D(9)) is None
    assert interpolate(points, D(41)) is None


def test_interpolation_on_log_axis():
    """(1, 0) to (100, 2) on log10: x = 10 is halfway → 1."""
    points = ((D(1), D(0)), (D(100), D(2)))
    assert interpolate(points, D(10), transform=log10) == D(1)


def test_single_point_table_matches_only_that_point():
    """A one-point segment answers at its x and nowhere else."""
    points = ((D(800), D(85)),)
    assert interpolate(points, D(800)) == D(85)
    assert interpolate(points, D(801)) is None
