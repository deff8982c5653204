"""Energy in standard coal equivalent (GB/T 2589-2020 《综合能耗计算通则》).

A physical quantity of a carrier times its factor (kgce per unit) gives kgce; /1000 gives tce;
/10 000 tce gives 万吨标准煤. A measured net (low) heating value in kJ per the carrier's unit
replaces the default factor: factor = LHV / 29 307 kgce per unit (1 kgce = 29 307 kJ).
Electricity is counted on its 当量值 (calorific equivalent, 0.1229 kgce/kWh) in every total;
its 等价值 (the year's average coal rate of thermal power, a per-campaign setting such as
0.305 kgce/kWh) is carried beside it for display, never added into the totals.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from .datafiles import data_path, read_csv
from .decimals import Number, as_decimal, non_negative, positive
from .errors import MeasuredValueNotAllowedError, UnknownCarrierError
from .units import UNITS, convert_quantity, normalise_unit

KJ_PER_KGCE = Decimal(29307)
KGCE_PER_TCE = Decimal(1000)
TCE_PER_WAN_TCE = Decimal(10_000)
ELECTRICITY = "electricity"
ELECTRICITY_KGCE_PER_KWH = Decimal("0.1229")  # 当量值, GB/T 2589-2020
# Electricity and heat have no heating value of their own to measure.
_NO_HEATING_VALUE = frozenset({"electricity", "heat"})


class FactorSource(StrEnum):
    DEFAULT = "default"
    MEASURED = "measured"


@dataclass(frozen=True)
class EnergyFactor:
    carrier_code: str
    carrier_zh: str
    unit: str
    kgce_per_unit: Decimal
    basis: str  # equivalent (当量), primary (等价) or working_medium (耗能工质)
    standard: str
    edition: str
    note: str = ""


@dataclass(frozen=True)
class EnergyConversion:
    """One carrier's quantity converted, with the factor that was used and where it came from."""

    carrier_code: str
    carrier_zh: str
    quantity: Decimal
    unit: str
    factor_quantity: Decimal  # the quantity in the factor's unit
    factor_unit: str
    kgce_per_unit: Decimal
    factor_source: FactorSource
    measured_lhv_kj_per_unit: Decimal | None
    standard: str
    edition: str
    kgce: Decimal
    tce: Decimal
    primary_kgce_per_kwh: Decimal | None = None  # electricity 等价值, shown beside
    primary_tce: Decimal | None = None

    @property
    def measured(self) -> bool:
        return self.factor_source == FactorSource.MEASURED


@cache
def load_energy_factors(path: Path | None = None) -> Mapping[str, EnergyFactor]:
    """The factors of ``reports/data/energy_factors.csv`` (or ``path``) by carrier code."""
    rows = read_csv(path or data_path("energy_factors.csv"))
    # Read-only: the cached mapping is shared by every caller.
    return MappingProxyType(
        {
            row["carrier_code"]: EnergyFactor(
                carrier_code=row["carrier_code"],
                carrier_zh=row["carrier_zh"],
                unit=normalise_unit(row["unit"]),
                kgce_per_unit=as_decimal(row["kgce_per_unit"], field="kgce_per_unit"),
                basis=row["basis"],
                standard=row["standard"],
                edition=row["edition"],
                note=row["note"],
            )
            for row in rows
        }
    )


def energy_factor(carrier_code: str) -> EnergyFactor:
    try:
        return load_energy_factors()[carrier_code]
    except KeyError:
        raise UnknownCarrierError(carrier=carrier_code) from None


def convert_to_tce(
    factor: EnergyFactor,
    quantity: Number,
    unit: str | None = None,
    *,
    measured_lhv_kj_per_unit: Number | None = None,
    primary_kgce_per_kwh: Number | None = None,
) -> EnergyConversion:
    """Convert ``quantity`` (in ``unit``, default the factor's unit) of a carrier to kgce and tce.

    ``measured_lhv_kj_per_unit`` is a measured net heating value in kJ per the factor's unit
    (kJ/kg, kJ/m3); it is refused for electricity and heat, whose factors are fixed.
    ``primary_kgce_per_kwh`` is the campaign's 等价值 for electricity, shown beside its tce.
    """
    amount = non_negative(quantity, field=_("quantity"))
    entered_unit = normalise_unit(unit) if unit else factor.unit
    factor_quantity = convert_quantity(amount, entered_unit, factor.unit)
    kgce_per_unit, source, lhv = _factor_for(factor, measured_lhv_kj_per_unit)
    kgce = factor_quantity * kgce_per_unit
    primary_factor, primary_tce = _primary(factor, factor_quantity, primary_kgce_per_kwh)
    return EnergyConversion(
        carrier_code=factor.carrier_code,
        carrier_zh=factor.carrier_zh,
        quantity=amount,
        unit=entered_unit,
        factor_quantity=factor_quantity,
        factor_unit=factor.unit,
        kgce_per_unit=kgce_per_unit,
        factor_source=source,
        measured_lhv_kj_per_unit=lhv,
        standard=factor.standard,
        edition=factor.edition,
        kgce=kgce,
        tce=kgce / KGCE_PER_TCE,
        primary_kgce_per_kwh=primary_factor,
        primary_tce=primary_tce,
    )


def _factor_for(
    factor: EnergyFactor, measured_lhv: Number | None
) -> tuple[Decimal, FactorSource, Decimal | None]:
    if measured_lhv is None:
        return factor.kgce_per_unit, FactorSource.DEFAULT, None
    if UNITS[factor.unit].dimension in _NO_HEATING_VALUE:
        raise MeasuredValueNotAllowedError(carrier=factor.carrier_zh)
    lhv = positive(measured_lhv, field=_("measured heating value"))
    return lhv / KJ_PER_KGCE, FactorSource.MEASURED, lhv


def _primary(
    factor: EnergyFactor, kwh: Decimal, primary_kgce_per_kwh: Number | None
) -> tuple[Decimal | None, Decimal | None]:
    if factor.carrier_code != ELECTRICITY or primary_kgce_per_kwh is None:
        return None, None
    primary = positive(primary_kgce_per_kwh, field=_("electricity primary factor"))
    return primary, kwh * primary / KGCE_PER_TCE


def electricity_tce(kwh: Number) -> Decimal:
    """tce of ``kwh`` on the 当量值 0.1229 kgce/kWh (the basis of every saving in tce)."""
    return as_decimal(kwh, field=_("electricity (kWh)")) * ELECTRICITY_KGCE_PER_KWH / KGCE_PER_TCE


@dataclass(frozen=True)
class CarrierTotal:
    carrier_code: str
    carrier_zh: str
    tce: Decimal
    share_pct: Decimal


@dataclass(frozen=True)
class EnergyTotals:
    total_tce: Decimal
    total_wan_tce: Decimal  # 万吨标准煤
    by_carrier: tuple[CarrierTotal, ...]  # largest first
    # The same total with electricity on its 等价值; None when no 等价值 was given.
    total_tce_primary: Decimal | None


def energy_totals(conversions: Iterable[EnergyConversion]) -> EnergyTotals:
    """Totals and shares by carrier; electricity counts on 当量值."""
    items = list(conversions)
    by_code: dict[str, list[EnergyConversion]] = {}
    for item in items:
        by_code.setdefault(item.carrier_code, []).append(item)
    total = sum((item.tce for item in items), Decimal(0))
    carriers = [_carrier_total(group, total) for group in by_code.values()]
    carriers.sort(key=lambda carrier: (-carrier.tce, carrier.carrier_code))
    has_primary = any(item.primary_tce is not None for item in items)
    primary = sum(
        (item.primary_tce if item.primary_tce is not None else item.tce for item in items),
        Decimal(0),
    )
    return EnergyTotals(
        total_tce=total,
        total_wan_tce=total / TCE_PER_WAN_TCE,
        by_carrier=tuple(carriers),
        total_tce_primary=primary if has_primary else None,
    )


def _carrier_total(group: list[EnergyConversion], total: Decimal) -> CarrierTotal:
    tce = sum((item.tce for item in group), Decimal(0))
    share = tce * 100 / total if total else Decimal(0)
    return CarrierTotal(group[0].carrier_code, group[0].carrier_zh, tce, share)
