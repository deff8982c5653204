"""Estimated savings from upgrading equipment.

Motor upgrade (GB 18613-2020): the electricity drawn for the same shaft output falls from
P/η_actual to P/η_target, so

    kWh/yr = P_rated × load factor × hours × count × (1/η_actual − 1/η_target)
    tce/yr = kWh/yr × 0.1229 / 1000   (electricity on its 当量值, GB/T 2589-2020)

with η as fractions. The load factor defaults to 0.75. A target not above the actual
efficiency saves nothing (0), never a negative amount.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .decimals import Number, non_negative, positive
from .energy import electricity_tce
from .motors import MotorTable, motor_min_efficiency

DEFAULT_LOAD_FACTOR = Decimal("0.75")
TARGET_GRADE = 2


@dataclass(frozen=True)
class UpgradeSaving:
    rated_kw: Decimal
    actual_efficiency_pct: Decimal
    target_efficiency_pct: Decimal
    hours_per_year: Decimal
    count: int
    load_factor: Decimal
    kwh_per_year: Decimal
    tce_per_year: Decimal


def motor_upgrade_saving(
    *,
    rated_kw: Number,
    actual_efficiency_pct: Number,
    target_efficiency_pct: Number,
    hours_per_year: Number,
    count: int = 1,
    load_factor: Number = DEFAULT_LOAD_FACTOR,
) -> UpgradeSaving:
    power = positive(rated_kw, field=_("rated power"))
    actual = positive(actual_efficiency_pct, field=_("actual efficiency"))
    target = positive(target_efficiency_pct, field=_("target efficiency"))
    hours = non_negative(hours_per_year, field=_("hours per year"))
    factor = non_negative(load_factor, field=_("load factor"))
    units = int(non_negative(count, field=_("count")))
    kwh = Decimal(0)
    if target > actual:
        kwh = power * factor * hours * units * (100 / actual - 100 / target)
    return UpgradeSaving(
        rated_kw=power,
        actual_efficiency_pct=actual,
        target_efficiency_pct=target,
        hours_per_year=hours,
        count=units,
        load_factor=factor,
        kwh_per_year=kwh,
        tce_per_year=electricity_tce(kwh),
    )


def motor_upgrade_to_grade2(
    *,
    rated_kw: Number,
    poles: int,
    actual_efficiency_pct: Number,
    hours_per_year: Number,
    count: int = 1,
    load_factor: Number = DEFAULT_LOAD_FACTOR,
    table: MotorTable | None = None,
) -> UpgradeSaving | None:
    """Saving from replacing the motor(s) by grade-2 motors; None when the rating has no grading."""
    limits = motor_min_efficiency(rated_kw, poles, table=table)
    if limits is None:
        return None
    return motor_upgrade_saving(
        rated_kw=rated_kw,
        actual_efficiency_pct=actual_efficiency_pct,
        target_efficiency_pct=limits.minimum_pct[TARGET_GRADE],
        hours_per_year=hours_per_year,
        count=count,
        load_factor=load_factor,
    )
