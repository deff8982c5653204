"""Product energy benchmarking: 单位产品能耗 against a standard's limit, advanced and leading values.

A standard's indicator is "energy per product", e.g. ``kgce/t``, ``kgoe/t`` or ``kWh/t``. The
energy attributed to a product (or process, 工序) may be entered in any energy unit; it is
converted to the indicator's numerator on GB/T 2589-2020's reference values:

    1 tce = 1000 kgce; 1 kgoe = 1.4286 kgce; 1 toe = 1428.6 kgce;
    1 kWh = 0.1229 kgce (当量值); 1 GJ = 1000 / 29.3076 kgce; 1 MJ = 1 / 29.3076 kgce.

The output is converted to the indicator's denominator by mass (kg, t, 万t); a denominator that is
not a mass (``t·能量因数``) must be entered as it is written.

Lower is better for every indicator (a negative value is a net energy export: 转炉工序, 苯酐). A
value at or below the leading value (标杆 / 1级) is *leading*, at or below the advanced value
(2级) *advanced*, at or below the limit (限定值 / 基准 / 3级) *meets the limit*, above it
*exceeds the limit*. The saving needed to reach a level is (value − level) × output, converted
to tce; zero when the level is already reached.
"""

from dataclasses import dataclass
from decimal import Decimal

from .decimals import Number, as_decimal, positive
from .errors import IncompatibleUnitError, UnknownUnitError
from .units import convert_quantity, normalise_unit

STANDARD = "GB/T 2589-2020"

# kgce per unit of each energy unit an indicator or an entry may use.
KGCE_PER_UNIT: dict[str, Decimal] = {
    "kgce": Decimal(1),
    "tce": Decimal(1000),
    "kgoe": Decimal("1.4286"),
    "toe": Decimal("1428.6"),
    "kWh": Decimal("0.1229"),
    "MWh": Decimal("122.9"),
    "万kWh": Decimal(1229),
    "MJ": 1 / Decimal("29.3076"),
    "GJ": 1000 / Decimal("29.3076"),
}
_ENERGY_ALIASES = {
    "千克标准煤": "kgce",
    "kg标准煤": "kgce",
    "吨标准煤": "tce",
    "t标准煤": "tce",
    "千克标准油": "kgoe",
    "kg标准油": "kgoe",
    "吨标准油": "toe",
    "度": "kWh",
    "kW·h": "kWh",
    "kw·h": "kWh",
    "千瓦时": "kWh",
    "万度": "万kWh",
    "吉焦": "GJ",
    "兆焦": "MJ",
}
_ENERGY_LOOKUP = {code.lower(): code for code in KGCE_PER_UNIT} | _ENERGY_ALIASES

LEADING = "leading"
ADVANCED = "advanced"
MEETS_LIMIT = "meets_limit"
EXCEEDS_LIMIT = "exceeds_limit"


def energy_unit(text: str) -> str:
    """The canonical code of an energy unit as typed (kgce, tce, kgoe, toe, kWh, GJ …)."""
    key = "".join(str(text).split()).lower()
    try:
        return _ENERGY_LOOKUP[key]
    except KeyError:
        raise UnknownUnitError(unit=text) from None


def convert_energy(quantity: Number, from_unit: str, to_unit: str) -> Decimal:
    """``quantity`` of energy in ``from_unit`` expressed in ``to_unit`` (GB/T 2589 values)."""
    value = as_decimal(quantity)
    source, target = energy_unit(from_unit), energy_unit(to_unit)
    if source == target:
        return value
    return value * KGCE_PER_UNIT[source] / KGCE_PER_UNIT[target]


@dataclass(frozen=True)
class Indicator:
    """An indicator unit split into energy numerator and product denominator: kgce / t."""

    energy: str
    per: str

    @property
    def label(self) -> str:
        return f"{self.energy}/{self.per}"


def parse_indicator(unit: str) -> Indicator:
    """``kgce/t`` → Indicator("kgce", "t"); ``kgoe/(t·能量因数)`` keeps its denominator."""
    text = "".join(str(unit).split())
    energy, sep, per = text.partition("/")
    if not sep or not per:
        raise UnknownUnitError(unit=unit)
    per = per[1:-1] if per.startswith("(") and per.endswith(")") else per
    return Indicator(energy_unit(energy), per)


def convert_output(quantity: Number, from_unit: str, to_unit: str) -> Decimal:
    """The output in the indicator's denominator: by mass (kg, t, 万t), else as written."""
    value = as_decimal(quantity)
    if "".join(str(from_unit).split()) == "".join(str(to_unit).split()):
        return value
    try:
        return convert_quantity(value, normalise_unit(from_unit), normalise_unit(to_unit))
    except UnknownUnitError:
        raise IncompatibleUnitError(unit=from_unit, target=to_unit) from None


def unit_consumption(
    *, energy: Number, energy_unit_text: str, output: Number, output_unit: str, indicator: str
) -> Decimal:
    """单位产品能耗 in the indicator's unit: converted energy / converted output."""
    parsed = parse_indicator(indicator)
    output_value = positive(convert_output(output, output_unit, parsed.per), field="output")
    return convert_energy(energy, energy_unit_text, parsed.energy) / output_value


@dataclass(frozen=True)
class BenchmarkResult:
    level: str
    value: Decimal
    saving_to_limit_tce: Decimal | None
    saving_to_advanced_tce: Decimal | None
    saving_to_leading_tce: Decimal | None


def _saving_tce(value: Decimal, level: Decimal | None, output: Decimal, energy: str):
    if level is None:
        return None
    excess = max(value - level, Decimal(0)) * output
    return convert_energy(excess, energy, "tce")


def benchmark_level(
    value: Number,
    *,
    limit: Number | None,
    advanced: Number | None = None,
    leading: Number | None = None,
) -> str:
    """Where a unit consumption stands (lower is better); a missing value is skipped."""
    number = as_decimal(value)
    for level, bound in ((LEADING, leading), (ADVANCED, advanced), (MEETS_LIMIT, limit)):
        if bound is not None and number <= as_decimal(bound):
            return level
    if limit is None:  # better than none of the given levels, and no limit to exceed
        return MEETS_LIMIT if advanced is None and leading is None else EXCEEDS_LIMIT
    return EXCEEDS_LIMIT


def benchmark(
    *,
    energy: Number,
    energy_unit_text: str,
    output: Number,
    output_unit: str,
    indicator: str,
    limit: Number | None,
    advanced: Number | None = None,
    leading: Number | None = None,
) -> BenchmarkResult:
    """The product's unit consumption, its level and the saving (tce/yr) to reach each level."""
    parsed = parse_indicator(indicator)
    value = unit_consumption(
        energy=energy,
        energy_unit_text=energy_unit_text,
        output=output,
        output_unit=output_unit,
        indicator=indicator,
    )
    per = convert_output(output, output_unit, parsed.per)

    def bound(number: Number | None) -> Decimal | None:
        return None if number is None else as_decimal(number)

    return BenchmarkResult(
        level=benchmark_level(value, limit=limit, advanced=advanced, leading=leading),
        value=value,
        saving_to_limit_tce=_saving_tce(value, bound(limit), per, parsed.energy),
        saving_to_advanced_tce=_saving_tce(value, bound(advanced), per, parsed.energy),
        saving_to_leading_tce=_saving_tce(value, bound(leading), per, parsed.energy),
    )
