"""Explicit unit conversions used when an agency enters a quantity in a multiple of the unit."""

from decimal import Decimal

import pytest

from reports.calculations.errors import IncompatibleUnitError, UnknownUnitError
from reports.calculations.units import convert_quantity, normalise_unit


def test_tonnes_convert_to_kilograms():
    """3.5 t is 3 500 kg."""
    assert convert_quantity(Decimal("3.5"), "t", "kg") == Decimal("3500")


def test_wan_kwh_converts_to_kwh():
    """12 万kWh is 120 000 kWh."""
    assert convert_quantity(Decimal(12), "万kWh", "kWh") == Decimal("120000")


def test_wan_cubic_metres_convert_to_cubic_metres():
    """0.5 万m3 is 5 000 m3."""
    assert convert_quantity(Decimal("0.5"), "万m3", "m3") == Decimal("5000")


def test_gigajoules_convert_to_megajoules():
    """2 GJ is 2 000 MJ, and 1 500 kJ is 1.5 MJ."""
    assert convert_quantity(Decimal(2), "GJ", "MJ") == Decimal("2000")
    assert convert_quantity(Decimal(1500), "kJ", "MJ") == Decimal("1.5")


def test_spreadsheet_spellings_are_recognised():
    """Chinese names, superscripts and case variants map to the canonical codes."""
    assert normalise_unit("万千瓦时") == "万kWh"
    assert normalise_unit(" KWH ") == "kWh"
    assert normalise_unit("万m³") == "万m3"
    assert normalise_unit("吨") == "t"


def test_unknown_unit_is_refused():
    """A unit nobody defined raises an error naming it."""
    with pytest.raises(UnknownUnitError) as caught:
        normalise_unit("桶")
    assert caught.value.params == {"unit": "桶"}


def test_mass_cannot_become_volume():
    """kg → m3 would need a density, so it is refused."""
    with pytest.raises(IncompatibleUnitError):
        convert_quantity(Decimal(1), "kg", "m3")
