"""Upgrade savings of transformers and air compressors below their limit: the electricity a
unit at grade 2 would not use (the target motors and pumps are upgraded to as well).

Transformer:  kWh/yr = n × [max(0, P0 − P0₂) × h + max(0, Pk − Pk₂) × β² × h]
              (P0 no-load loss, Pk load loss at rated load, β the load factor, h hours a year)
Air compressor: kWh/yr = n × P × LF × h × max(0, 1 − SP₂ / SP)
              (SP the specific power; at grade 2 the same air takes SP₂ / SP of the power)
tce/yr = kWh/yr × 0.1229 / 1000 (electricity on its 当量值).
"""

from decimal import Decimal

from .decimals import Number, non_negative, positive
from .energy import electricity_tce


def transformer_upgrade_kwh(
    *,
    no_load_loss_kw: Number,
    load_loss_kw: Number,
    target_no_load_kw: Number,
    target_load_kw: Number,
    hours_per_year: Number,
    load_factor: Number,
    count: int = 1,
) -> tuple[Decimal, Decimal]:
    """(kWh a year, tce a year) saved by a grade-2 transformer of the same capacity."""
    hours = non_negative(hours_per_year, field="hours per year")
    beta = non_negative(load_factor, field="load factor")
    no_load = max(
        Decimal(0), positive(no_load_loss_kw, field="no-load loss") - Decimal(target_no_load_kw)
    )
    load = max(Decimal(0), positive(load_loss_kw, field="load loss") - Decimal(target_load_kw))
    kwh = count * (no_load * hours + load * beta * beta * hours)
    return kwh, electricity_tce(kwh)


def compressor_upgrade_kwh(
    *,
    rated_kw: Number,
    specific_power: Number,
    target_specific_power: Number,
    hours_per_year: Number,
    load_factor: Number,
    count: int = 1,
) -> tuple[Decimal, Decimal]:
    """(kWh a year, tce a year) saved by a grade-2 compressor delivering the same air."""
    power = positive(rated_kw, field="rated power")
    actual = positive(specific_power, field="specific power")
    target = positive(target_specific_power, field="target specific power")
    share = max(Decimal(0), 1 - target / actual)
    kwh = (
        count
        * power
        * non_negative(load_factor, field="load factor")
        * non_negative(hours_per_year, field="hours per year")
        * share
    )
    return kwh, electricity_tce(kwh)
