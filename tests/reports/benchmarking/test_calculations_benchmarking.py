"""单位产品能耗 and its level, checked by hand.

Ethylene (GB 30251-2024 表2, kgoe/t: leading 580, advanced 590, limit 640): 85 000 tce for
100 000 t = 85 000 000 kgce / 1.4286 = 59 498 810.02 kgoe → 594.99 kgoe/t, between advanced
and limit; to reach the leading value (594.988 − 580) × 100 000 t = 1 498 810 kgoe × 1.4286 =
2 141 200 kgce = 2 141.2 tce (= 85 000 − 580 × 100 000 × 1.4286 / 1000).
Blast furnace (NDRC 2023, kgce/t: 标杆 361, 基准 435): 9 000 tce for 2 万t = 450 kgce/t,
above the limit; (450 − 435) × 20 000 t = 300 tce to the limit, (450 − 361) × 20 000 = 1 780 tce
to the leading value.
Converter (−30 / −10 kgce/t): −25 tce for 1 000 t = −25 kgce/t, meets the limit; 5 tce to −30.
"""

from decimal import Decimal

import pytest

from reports.calculations.benchmarking import (
    ADVANCED,
    EXCEEDS_LIMIT,
    LEADING,
    MEETS_LIMIT,
    benchmark,
    benchmark_level,
    convert_energy,
    parse_indicator,
    unit_consumption,
)
from reports.calculations.errors import IncompatibleUnitError, NotPositiveError, UnknownUnitError


def test_ethylene_between_advanced_and_limit():
    result = benchmark(
        energy=85000,
        energy_unit_text="tce",
        output=100000,
        output_unit="t",
        indicator="kgoe/t",
        leading=580,
        advanced=590,
        limit=640,
    )
    assert result.value.quantize(Decimal("0.01")) == Decimal("594.99")
    assert result.level == MEETS_LIMIT
    assert result.saving_to_limit_tce == 0
    assert result.saving_to_advanced_tce.quantize(Decimal("0.1")) == Decimal("712.6")
    assert result.saving_to_leading_tce.quantize(Decimal("0.0001")) == Decimal("2141.2000")


def test_blast_furnace_exceeds_limit_with_output_in_wan_tonnes():
    result = benchmark(
        energy=9000,
        energy_unit_text="吨标准煤",
        output=2,
        output_unit="万t",
        indicator="kgce/t",
        leading=361,
        limit=435,
    )
    assert result.value == Decimal(450)
    assert result.level == EXCEEDS_LIMIT
    assert result.saving_to_limit_tce == Decimal(300)
    assert result.saving_to_leading_tce == Decimal(1780)
    assert result.saving_to_advanced_tce is None


def test_negative_indicator_of_a_net_exporting_process():
    result = benchmark(
        energy=-25,
        energy_unit_text="tce",
        output=1000,
        output_unit="t",
        indicator="kgce/t",
        leading=-30,
        limit=-10,
    )
    assert result.value == Decimal(-25)
    assert result.level == MEETS_LIMIT
    assert result.saving_to_leading_tce == Decimal(5)


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (580, LEADING),
        (Decimal("580.01"), ADVANCED),
        (590, ADVANCED),
        (640, MEETS_LIMIT),
        (Decimal("640.01"), EXCEEDS_LIMIT),
    ],
)
def test_levels_at_and_between_the_table_points(value, level):
    assert benchmark_level(value, leading=580, advanced=590, limit=640) == level


def test_a_limit_only_entry():
    assert benchmark_level(380, limit=380) == MEETS_LIMIT
    assert benchmark_level(381, limit=380) == EXCEEDS_LIMIT


def test_electricity_indicator_on_the_equivalent_value():
    # 1 229 tce = 1 229 000 kgce / 0.1229 = 10 000 000 kWh, for 1 000 t.
    value = unit_consumption(
        energy=1229, energy_unit_text="tce", output=1000, output_unit="t", indicator="kWh/t"
    )
    assert value == Decimal(10000)


def test_refining_energy_factor_denominator_is_entered_as_written():
    # 10 000 toe = 10 000 000 kgoe over 1 000 000 t·能量因数 = 10 → above the limit 8.5.
    result = benchmark(
        energy=10000,
        energy_unit_text="toe",
        output=1000000,
        output_unit="t·能量因数",
        indicator="kgoe/(t·能量因数)",
        leading="6.85",
        advanced="7.50",
        limit="8.50",
    )
    assert result.value == Decimal(10)
    assert result.level == EXCEEDS_LIMIT
    with pytest.raises(IncompatibleUnitError):
        unit_consumption(
            energy=1,
            energy_unit_text="toe",
            output=1,
            output_unit="t",
            indicator="kgoe/(t·能量因数)",
        )


def test_conversions_and_refusals():
    assert convert_energy(1, "toe", "kgce") == Decimal("1428.6")
    assert convert_energy(1000, "kgce", "tce") == 1
    assert convert_energy(Decimal("29.3076"), "GJ", "tce").quantize(Decimal("0.001")) == 1
    assert parse_indicator("kgce / t").label == "kgce/t"
    with pytest.raises(UnknownUnitError):
        parse_indicator("%")
    with pytest.raises(UnknownUnitError):
        convert_energy(1, "m3", "tce")
    with pytest.raises(NotPositiveError):
        unit_consumption(
            energy=1, energy_unit_text="tce", output=0, output_unit="t", indicator="kgce/t"
        )
