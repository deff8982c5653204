"""Payback, CO₂ reduction and the measure taxonomy."""

from decimal import Decimal

import pytest

from reports.calculations.errors import MissingGridFactorError
from reports.calculations.measures import (
    DEFAULT_CO2_METHOD,
    CO2Method,
    MeasureCategory,
    co2_from_electricity,
    co2_from_tce,
    load_measure_taxonomy,
    measure_co2_reduction,
    simple_payback_years,
)

D = Decimal


def test_simple_payback():
    """50 万元 / 20 万元 per year = 2.5 years."""
    assert simple_payback_years("50", "20") == D("2.5")


def test_payback_without_savings_is_none():
    """No (or negative) annual savings: no payback period."""
    assert simple_payback_years("50", "0") is None
    assert simple_payback_years("50", "-3") is None


def test_co2_from_tce():
    """100 tce × 2.6 tCO₂/tce = 260 t."""
    assert co2_from_tce(100, "2.6") == D("260")


def test_co2_from_electricity():
    """1 000 000 kWh = 1 000 MWh × 0.5703 tCO₂/MWh = 570.3 t."""
    assert co2_from_electricity(1_000_000, "0.5703") == D("570.3")


def test_default_method_applies_the_tce_factor_to_all_savings():
    """Default (campaign) method: 150 tce × 2.6 = 390 t, the kWh only informs."""
    assert DEFAULT_CO2_METHOD == CO2Method.TCE_FACTOR
    result = measure_co2_reduction(tce_saved=150, kwh_saved=400_000, tce_factor="2.6")
    assert result == D("390")


def test_split_method_uses_the_grid_factor_for_electricity():
    """400 000 kWh = 49.16 tce (当量值); 400 MWh × 0.5703 = 228.12 t;
    (150 − 49.16) × 2.6 = 262.184 t; total 490.304 t."""
    result = measure_co2_reduction(
        tce_saved=150,
        kwh_saved=400_000,
        tce_factor="2.6",
        grid_factor="0.5703",
        method=CO2Method.SPLIT,
    )
    assert result == D("490.304")


def test_split_method_needs_the_grid_factor():
    """Without the grid factor the split method cannot be computed."""
    with pytest.raises(MissingGridFactorError):
        measure_co2_reduction(tce_saved=1, tce_factor="2.6", method=CO2Method.SPLIT)


def test_taxonomy_covers_the_key_systems():
    """At least 40 measures over motors, transformers, fans, compressors, pumps, boilers,
    kilns, waste heat, process and management."""
    taxonomy = load_measure_taxonomy()
    assert len(taxonomy) >= 40
    systems = {item.system_code for item in taxonomy}
    assert {"MOT", "ELC", "FAN", "AIR", "PMP", "BLR", "KLN", "WHR", "PRC", "MGT"} <= systems
    assert {item.category for item in taxonomy} == set(MeasureCategory)


def test_taxonomy_codes_are_unique_and_nested():
    """Each code is unique and starts with its subsystem code, which starts with its system code."""
    taxonomy = load_measure_taxonomy()
    assert len({item.code for item in taxonomy}) == len(taxonomy)
    for item in taxonomy:
        assert item.code.startswith(item.subsystem_code + ".")
        assert item.subsystem_code.startswith(item.system_code + ".")


def test_taxonomy_names_are_chinese():
    """Systems, subsystems and measures carry Chinese names."""
    for item in load_measure_taxonomy():
        for name in (item.system_zh, item.subsystem_zh, item.name_zh):
            assert any("\u4e00" <= char <= "\u9fff" for char in name)
