"""Conversion of energy quantities to standard coal equivalent (GB/T 2589-2020)."""

from decimal import Decimal

import pytest
from django.utils.translation import override

from reports.calculations.energy import (
    FactorSource,
    convert_to_tce,
    electricity_tce,
    energy_factor,
    energy_totals,
)
from reports.calculations.errors import (
    MeasuredValueNotAllowedError,
    NegativeValueError,
    UnknownCarrierError,
)


def _mix():
    return [
        # 100 t = 100 000 kg × 0.7143 kgce/kg = 71 430 kgce = 71.43 tce
        convert_to_tce(energy_factor("raw_coal"), "100", "t"),
        # 10 万m3 = 100 000 m3 × 1.2143 kgce/m3 = 121 430 kgce = 121.43 tce
        convert_to_tce(energy_factor("natural_gas_gasfield"), "10", "万m3"),
        # 500 万kWh = 5 000 000 kWh × 0.1229 = 614 500 kgce = 614.5 tce (等价值: × 0.305 = 1 525 tce)
        convert_to_tce(
            energy_factor("electricity"), "500", "万kWh", primary_kgce_per_kwh=Decimal("0.305")
        ),
        # 2 000 GJ = 2 000 000 MJ × 0.03412 kgce/MJ = 68 240 kgce = 68.24 tce
        convert_to_tce(energy_factor("heat"), "2000", "GJ"),
    ]


def test_default_factor_converts_coal_to_tce():
    """100 t raw coal → 71.43 tce on the default 0.7143 kgce/kg, with the standard cited."""
    result = _mix()[0]
    assert result.tce == Decimal("71.43")
    assert result.factor_source == FactorSource.DEFAULT
    assert not result.measured
    assert (result.standard, result.edition) == ("GB/T 2589", "2020")


def test_measured_heating_value_replaces_default_factor():
    """LHV 23 445.6 kJ/kg → 23 445.6 / 29 307 = 0.8 kgce/kg; 100 t → 80 000 kgce = 80 tce."""
    result = convert_to_tce(
        energy_factor("raw_coal"), "100", "t", measured_lhv_kj_per_unit="23445.6"
    )
    assert result.kgce_per_unit == Decimal("0.8")
    assert result.tce == Decimal("80")
    assert result.measured
    assert result.measured_lhv_kj_per_unit == Decimal("23445.6")


def test_gas_in_wan_cubic_metres_is_converted():
    """10 万m3 gas-field natural gas → 121.43 tce, quantity kept as entered and in m3."""
    result = _mix()[1]
    assert result.tce == Decimal("121.43")
    assert (result.quantity, result.unit) == (Decimal("10"), "万m3")
    assert (result.factor_quantity, result.factor_unit) == (Decimal("100000"), "m3")


def test_electricity_uses_calorific_equivalent_with_primary_beside():
    """500 万kWh → 614.5 tce on 当量值 0.1229; 等价值 0.305 shows 1 525 tce beside it."""
    result = _mix()[2]
    assert result.kgce_per_unit == Decimal("0.1229")
    assert result.tce == Decimal("614.5")
    assert result.primary_tce == Decimal("1525")


def test_heat_in_gigajoules_is_converted():
    """2 000 GJ heat → 68.24 tce."""
    assert _mix()[3].tce == Decimal("68.24")


def test_totals_and_shares_by_carrier():
    """71.43 + 121.43 + 614.5 + 68.24 = 875.6 tce = 0.08756 万tce; electricity 614.5/875.6 = 70.18 %."""
    totals = energy_totals(_mix())
    assert totals.total_tce == Decimal("875.6")
    assert totals.total_wan_tce == Decimal("0.08756")
    assert totals.by_carrier[0].carrier_code == "electricity"
    assert totals.by_carrier[0].share_pct.quantize(Decimal("0.01")) == Decimal("70.18")
    assert sum(item.share_pct for item in totals.by_carrier).quantize(Decimal("0.01")) == 100


def test_totals_never_add_the_primary_value():
    """Totals stay on 当量值; the 等价值 total is 875.6 − 614.5 + 1 525 = 1 786.1 tce, beside it."""
    totals = energy_totals(_mix())
    assert totals.total_tce == Decimal("875.6")
    assert totals.total_tce_primary == Decimal("1786.1")


def test_lines_of_one_carrier_are_summed():
    """Two coal lines of 1 t each → 2 × 0.7143 = 1.4286 tce in one carrier row."""
    coal = energy_factor("raw_coal")
    totals = energy_totals([convert_to_tce(coal, 1, "t"), convert_to_tce(coal, 1000, "kg")])
    assert len(totals.by_carrier) == 1
    assert totals.by_carrier[0].tce == Decimal("1.4286")
    assert totals.total_tce_primary is None


def test_no_lines_give_zero_totals():
    """An empty report totals 0 tce with no carriers."""
    totals = energy_totals([])
    assert totals.total_tce == 0
    assert totals.by_carrier == ()


def test_measured_heating_value_is_refused_for_electricity():
    """Electricity's factor is fixed by the standard, not measured."""
    with pytest.raises(MeasuredValueNotAllowedError):
        convert_to_tce(energy_factor("electricity"), 1, measured_lhv_kj_per_unit=3600)


def test_negative_quantity_is_refused_with_a_readable_message():
    """Consumption cannot be negative, and the message names the field."""
    with pytest.raises(NegativeValueError) as caught:
        convert_to_tce(energy_factor("diesel"), "-1")
    with override("en"):
        assert str(caught.value) == "quantity must not be negative."


def test_unknown_carrier_is_refused():
    """A carrier code that is not in the factor table raises an error naming it."""
    with pytest.raises(UnknownCarrierError):
        energy_factor("moonshine")


def test_electricity_tce_helper_uses_calorific_equivalent():
    """10 000 kWh × 0.1229 / 1000 = 1.229 tce."""
    assert electricity_tce(10_000) == Decimal("1.229")
