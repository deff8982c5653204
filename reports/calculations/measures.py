"""Energy-saving measures (节能建议): simple payback, CO₂ reduction and the measure taxonomy.

CO₂ reduction has two definitions; the campaign setting chooses, and the portal's default is
``CO2Method.TCE_FACTOR``, because the notice asks for one emission factor per campaign:

* ``TCE_FACTOR``: every tce saved (electricity included, on its 当量值) × the campaign's
  emission factor in tCO₂/tce (for example 2.6);
* ``SPLIT``: the electricity saved × the grid factor in tCO₂/MWh, plus the other tce saved
  (total tce minus the electricity's 当量值 tce, never below 0) × the tCO₂/tce factor.

A measure's tce saving is its total over all carriers; its kWh saving is the electricity part.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .datafiles import data_path, read_csv
from .decimals import Number, as_decimal, non_negative
from .energy import electricity_tce
from .errors import MissingGridFactorError

KWH_PER_MWH = Decimal(1000)


class CO2Method(StrEnum):
    TCE_FACTOR = "tce_factor"
    SPLIT = "split"


DEFAULT_CO2_METHOD = CO2Method.TCE_FACTOR


class MeasureCategory(StrEnum):
    TECHNICAL = "technical"
    MANAGEMENT = "management"


def simple_payback_years(investment_wan: Number, annual_savings_wan: Number) -> Decimal | None:
    """Investment (万元) / annual savings (万元); None when nothing is saved."""
    investment = non_negative(investment_wan, field=_("investment"))
    savings = as_decimal(annual_savings_wan, field=_("annual savings"))
    if savings <= 0:
        return None
    return investment / savings


def co2_from_tce(tce: Number, factor_t_per_tce: Number) -> Decimal:
    return as_decimal(tce, field=_("energy saved (tce)")) * non_negative(
        factor_t_per_tce, field=_("emission factor")
    )


def co2_from_electricity(kwh: Number, grid_factor_t_per_mwh: Number) -> Decimal:
    factor = non_negative(grid_factor_t_per_mwh, field=_("grid emission factor"))
    return as_decimal(kwh, field=_("electricity (kWh)")) / KWH_PER_MWH * factor


def measure_co2_reduction(
    *,
    tce_saved: Number,
    tce_factor: Number,
    kwh_saved: Number = 0,
    grid_factor: Number | None = None,
    method: CO2Method = DEFAULT_CO2_METHOD,
) -> Decimal:
    """tCO₂ per year avoided by a measure, by the campaign's method (see the module text)."""
    if method == CO2Method.TCE_FACTOR:
        return co2_from_tce(tce_saved, tce_factor)
    if grid_factor is None:
        raise MissingGridFactorError()
    other_tce = max(
        as_decimal(tce_saved, field=_("energy saved (tce)")) - electricity_tce(kwh_saved),
        Decimal(0),
    )
    return co2_from_electricity(kwh_saved, grid_factor) + co2_from_tce(other_tce, tce_factor)


@dataclass(frozen=True)
class MeasureType:
    code: str
    system_code: str
    system_zh: str
    subsystem_code: str
    subsystem_zh: str
    name_zh: str
    category: MeasureCategory


@cache
def load_measure_taxonomy(path: Path | None = None) -> tuple[MeasureType, ...]:
    """The starter taxonomy system → subsystem → measure of ``reports/data/measures.csv``."""
    return tuple(
        MeasureType(
            code=row["code"],
            system_code=row["system_code"],
            system_zh=row["system_zh"],
            subsystem_code=row["subsystem_code"],
            subsystem_zh=row["subsystem_zh"],
            name_zh=row["measure_zh"],
            category=MeasureCategory(row["category"]),
        )
        for row in read_csv(path or data_path("measures.csv"))
    )
