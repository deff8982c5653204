"""Units of physical quantities and their explicit conversions.

Each unit belongs to one dimension and has a factor to that dimension's base unit, so
``t → kg`` is ×1000, ``万kWh → kWh`` is ×10 000, ``万m3 → m3`` is ×10 000 and ``GJ → MJ`` is ×1000.
Conversions across dimensions (kg → m3) are refused: they would need a density.
"""

from dataclasses import dataclass
from decimal import Decimal

from .errors import IncompatibleUnitError, UnknownUnitError


@dataclass(frozen=True)
class Unit:
    code: str
    dimension: str
    to_base: Decimal


_UNITS = (
    Unit("kg", "mass", Decimal(1)),
    Unit("t", "mass", Decimal(1000)),
    Unit("万t", "mass", Decimal(10_000_000)),
    Unit("m3", "volume", Decimal(1)),
    Unit("万m3", "volume", Decimal(10_000)),
    Unit("亿m3", "volume", Decimal(100_000_000)),
    Unit("kWh", "electricity", Decimal(1)),
    Unit("MWh", "electricity", Decimal(1000)),
    Unit("万kWh", "electricity", Decimal(10_000)),
    Unit("亿kWh", "electricity", Decimal(100_000_000)),
    Unit("kJ", "heat", Decimal("0.001")),
    Unit("MJ", "heat", Decimal(1)),
    Unit("GJ", "heat", Decimal(1000)),
)
UNITS = {unit.code: unit for unit in _UNITS}

# Spellings found in enterprise spreadsheets, mapped to the codes above.
_ALIASES = {
    "吨": "t",
    "千克": "kg",
    "公斤": "kg",
    "万吨": "万t",
    "m³": "m3",
    "nm3": "m3",
    "nm³": "m3",
    "立方米": "m3",
    "标准立方米": "m3",
    "万m³": "万m3",
    "万nm3": "万m3",
    "万立方米": "万m3",
    "亿m³": "亿m3",
    "亿立方米": "亿m3",
    "度": "kWh",
    "千瓦时": "kWh",
    "kw·h": "kWh",
    "kw.h": "kWh",
    "万度": "万kWh",
    "万千瓦时": "万kWh",
    "兆瓦时": "MWh",
    "千焦": "kJ",
    "兆焦": "MJ",
    "吉焦": "GJ",
}
_LOOKUP = {code.lower(): code for code in UNITS} | _ALIASES


def normalise_unit(text: str) -> str:
    """The canonical code for a unit as typed (case and spacing ignored)."""
    key = "".join(str(text).split()).lower()
    try:
        return _LOOKUP[key]
    except KeyError:
        raise UnknownUnitError(unit=text) from None


def convert_quantity(quantity: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """``quantity`` in ``from_unit`` expressed in ``to_unit`` (same dimension only)."""
    source = UNITS[normalise_unit(from_unit)]
    target = UNITS[normalise_unit(to_unit)]
    if source.dimension != target.dimension:
        raise IncompatibleUnitError(unit=from_unit, target=to_unit)
    if source == target:
        return quantity
    return quantity * source.to_base / target.to_base
