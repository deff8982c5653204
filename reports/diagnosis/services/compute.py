"""The computed columns of report rows, from reports.calculations (no database access here).

Each function takes the entered values and the reference tables and returns the fields to store;
a CalculationError becomes a DomainError naming the field, so pages and the API show it.
"""

from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, overload

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.errors import DomainError
from reports.calculations.energy import EnergyFactor, convert_to_tce, electricity_tce
from reports.calculations.equipment_savings import compressor_upgrade_kwh, transformer_upgrade_kwh
from reports.calculations.equipment_tables import MW_PER_TPH
from reports.calculations.errors import (
    CalculationError,
    IncompatibleUnitError,
    MeasuredValueNotAllowedError,
    UnknownUnitError,
)
from reports.calculations.grading import GradeResult, GradeStatus, grade_equipment
from reports.calculations.measures import measure_co2_reduction, simple_payback_years
from reports.calculations.motors import motor_grade
from reports.calculations.pumps import PumpRating, pump_efficiency_limits, pump_rating
from reports.calculations.pumps_2025 import pump_formula_grade, pump_kind
from reports.calculations.savings import motor_upgrade_saving, motor_upgrade_to_grade2
from reports.choices import EquipmentType, FactorSource, Rating
from reports.diagnosis.selectors.reference import GradingTables

FOUR = Decimal("0.0001")


@overload
def q(value: Decimal, step: Decimal = FOUR) -> Decimal: ...
@overload
def q(value: Decimal | None, step: Decimal = FOUR) -> Decimal | None: ...
def q(value: Decimal | None, step: Decimal = FOUR) -> Decimal | None:
    """Round for storage (the columns keep four decimals unless said otherwise)."""
    return None if value is None else value.quantize(step, rounding=ROUND_HALF_UP)


# Which input an error of the energy conversion is about.
ENERGY_ERROR_FIELDS = {
    MeasuredValueNotAllowedError: "measured_lhv",
    UnknownUnitError: "unit",
    IncompatibleUnitError: "unit",
}


def calculated(call: Callable, *, field: str | None = None, fields: Mapping | None = None):
    """Run a calculation; its error becomes a DomainError with the user's message."""
    try:
        return call()
    except CalculationError as error:
        raise DomainError(str(error), field=(fields or {}).get(type(error), field)) from error


def energy_row(
    factor: EnergyFactor, values: Mapping[str, Any], *, primary_factor: Decimal | None
) -> dict[str, Any]:
    """The stored fields of one carrier's line: the factor used, its source and the tce."""
    conversion = calculated(
        lambda: convert_to_tce(
            factor,
            values["quantity"],
            values.get("unit") or factor.unit,
            measured_lhv_kj_per_unit=values.get("measured_lhv"),
            primary_kgce_per_kwh=primary_factor,
        ),
        field="quantity",
        fields=ENERGY_ERROR_FIELDS,
    )
    return {
        "carrier_code": factor.carrier_code,
        "carrier_name": factor.carrier_zh,
        "quantity": conversion.quantity,
        "unit": conversion.unit,
        "measured_lhv": conversion.measured_lhv_kj_per_unit,
        "factor_kgce": q(conversion.kgce_per_unit, Decimal("0.00000001")),
        "factor_unit": conversion.factor_unit,
        "factor_source": FactorSource(conversion.factor_source.value),
        "factor_standard": conversion.standard,
        "factor_edition": conversion.edition,
        "tce": q(conversion.tce),
        "primary_factor": conversion.primary_kgce_per_kwh,
        "primary_tce": q(conversion.primary_tce),
    }


def _result_fields(result: GradeResult) -> dict[str, Any]:
    status = {
        GradeStatus.GRADED: Rating.GRADED,
        GradeStatus.BELOW_LIMIT: Rating.BELOW_LIMIT,
        GradeStatus.NO_GRADING: Rating.NO_GRADING,
        GradeStatus.NO_TABLE: Rating.NO_TABLE,
    }[result.status]
    thresholds = result.thresholds or {}
    limit_grade = max(thresholds) if thresholds else None
    return {
        "rating_status": status,
        "grade": result.grade,
        "grade_at_least": result.at_least,
        "limit_value": thresholds.get(limit_grade) if limit_grade else None,
        "target_value": thresholds.get(2),
        "grading_standard": result.standard,
        "grading_edition": result.edition,
    }


def _motor(values, tables: GradingTables) -> dict[str, Any]:
    if tables.motor is None:
        return {"rating_status": Rating.NO_TABLE}
    if not values.get("efficiency_pct") or not values.get("poles"):
        return {
            "rating_status": Rating.NO_GRADING,
            "grading_standard": tables.motor.standard,
            "grading_edition": tables.motor.edition,
        }
    result = calculated(
        lambda: motor_grade(
            values["efficiency_pct"], values["rating"], values["poles"], table=tables.motor
        )
    )
    fields = _result_fields(result)
    if result.below_limit:
        saving = calculated(
            lambda: motor_upgrade_to_grade2(
                rated_kw=values["rating"],
                poles=values["poles"],
                actual_efficiency_pct=values["efficiency_pct"],
                hours_per_year=values["annual_hours"],
                count=values["count"],
                load_factor=values.get("load_factor") or Decimal("0.75"),
                table=tables.motor,
            )
        )
        if saving is not None:
            fields.update(saving_kwh=q(saving.kwh_per_year), saving_tce=q(saving.tce_per_year))
    return fields


_PUMP_RATING = {
    PumpRating.ENERGY_SAVING: Rating.ENERGY_SAVING,
    PumpRating.MEETS_LIMIT: Rating.MEETS_LIMIT,
    PumpRating.BELOW_LIMIT: Rating.BELOW_LIMIT,
    PumpRating.NO_GRADING: Rating.NO_GRADING,
}


def _pump(values, tables: GradingTables) -> dict[str, Any]:
    needed = ("efficiency_pct", "flow_m3h", "head_m", "speed_rpm")
    if tables.pump is None:
        return {"rating_status": Rating.NO_TABLE}
    base = {"grading_standard": tables.pump.standard, "grading_edition": tables.pump.edition}
    if not all(values.get(name) for name in needed):
        return {"rating_status": Rating.NO_GRADING, **base}
    evaluation = calculated(
        lambda: pump_efficiency_limits(
            values["flow_m3h"],
            values["head_m"],
            values["speed_rpm"],
            double_suction=bool(values.get("double_suction")),
            stages=values.get("stages") or 1,
            table=tables.pump,
        )
    )
    rating = _PUMP_RATING[pump_rating(values["efficiency_pct"], evaluation)]
    fields = {
        "rating_status": rating,
        "limit_value": evaluation.limit_pct,
        "target_value": evaluation.evaluation_pct,
        **base,
    }
    if rating == Rating.BELOW_LIMIT:
        # Same shaft output from a pump at the evaluation value: P × LF × h × n × (1/η − 1/η_t).
        saving = calculated(
            lambda: motor_upgrade_saving(
                rated_kw=values["rating"],
                actual_efficiency_pct=values["efficiency_pct"],
                target_efficiency_pct=evaluation.evaluation_pct,
                hours_per_year=values["annual_hours"],
                count=values["count"],
                load_factor=values.get("load_factor") or Decimal("0.75"),
            )
        )
        fields.update(saving_kwh=q(saving.kwh_per_year), saving_tce=q(saving.tce_per_year))
    return fields


def _pump_2025(values, tables: GradingTables) -> dict[str, Any]:
    table = tables.pump_formula
    if table is None:
        return {"rating_status": Rating.NO_TABLE}
    base = {"grading_standard": table.standard, "grading_edition": table.edition}
    needed = ("efficiency_pct", "flow_m3h", "head_m", "speed_rpm")
    if not all(values.get(name) for name in needed):
        return {"rating_status": Rating.NO_GRADING, **base}
    kind = pump_kind(
        stages=values.get("stages") or 1,
        double_suction=bool(values.get("double_suction")),
        chosen=(values.get("params") or {}).get("pump_kind", ""),
    )
    result = calculated(
        lambda: pump_formula_grade(
            table,
            values["efficiency_pct"],
            values["flow_m3h"],
            values["head_m"],
            values["speed_rpm"],
            kind=kind,
            double_suction=bool(values.get("double_suction")),
            stages=values.get("stages") or 1,
        )
    )
    fields = _result_fields(result)
    if result.below_limit and fields["target_value"] is not None:
        saving = calculated(
            lambda: motor_upgrade_saving(
                rated_kw=values["rating"],
                actual_efficiency_pct=values["efficiency_pct"],
                target_efficiency_pct=fields["target_value"],
                hours_per_year=values["annual_hours"],
                count=values["count"],
                load_factor=values.get("load_factor") or Decimal("0.75"),
            )
        )
        fields.update(saving_kwh=q(saving.kwh_per_year), saving_tce=q(saving.tce_per_year))
    return fields


def _other(values, tables: GradingTables) -> dict[str, Any]:
    metrics = {k: v for k, v in (values.get("metrics") or {}).items() if v not in (None, "")}
    if values.get("efficiency_pct"):
        metrics.setdefault("efficiency", values["efficiency_pct"])
    params = {**size_params(values), **(values.get("params") or {})}
    result = calculated(
        lambda: grade_equipment(tables.thresholds, values["equipment_type"], metrics, params)
    )
    fields = _result_fields(result)
    if result.parts:  # a transformer: the limit and grade 2 of each loss are in the parts
        fields.update(limit_value=None, target_value=None)
    if result.below_limit and values["equipment_type"] in {"fan", "boiler"}:
        fields.update(_efficiency_saving(values, fields["target_value"]))
    if result.below_limit:
        fields.update(_electricity_saving(values, metrics, result))
    fields["_missing"] = [
        part.metric
        for part in (result.parts or (result,))
        if part.status == GradeStatus.NO_GRADING and part.value is None
    ]
    return fields


def size_params(values: Mapping[str, Any]) -> dict[str, Any]:
    """The size each table is looked up by, from the row's rating and its unit."""
    rating = values["rating"]
    kind = values["equipment_type"]
    if kind == EquipmentType.TRANSFORMER:
        return {"capacity_kva": rating}
    if kind == EquipmentType.BOILER:
        if values.get("rating_unit") == "MW":
            return {"capacity_tph": Decimal(rating) / MW_PER_TPH}
        return {"capacity_tph": rating}
    return {"rated_kw": rating}


def _efficiency_saving(values, target: Decimal | None) -> dict[str, Any]:
    """A fan below its limit: the electricity a fan at grade 2 would not use (as for motors).
    A boiler's saving is fuel, not electricity: none is computed here."""
    if values["equipment_type"] != "fan" or target is None:
        return {}
    saving = calculated(
        lambda: motor_upgrade_saving(
            rated_kw=values["rating"],
            actual_efficiency_pct=values["efficiency_pct"],
            target_efficiency_pct=target,
            hours_per_year=values["annual_hours"],
            count=values["count"],
            load_factor=values.get("load_factor") or Decimal("0.75"),
        )
    )
    return {"saving_kwh": q(saving.kwh_per_year), "saving_tce": q(saving.tce_per_year)}


def _electricity_saving(values, metrics, result: GradeResult) -> dict[str, Any]:
    """Transformers and compressors below the limit: the saving of a grade-2 unit."""
    kind = values["equipment_type"]
    hours = values.get("annual_hours") or Decimal(0)
    factor = values.get("load_factor") or Decimal("0.75")
    if kind == EquipmentType.TRANSFORMER:
        targets = {part.metric: part.thresholds[2] for part in result.parts if 2 in part.thresholds}
        if set(targets) != {"no_load_loss", "load_loss"}:
            return {}
        kwh, tce = calculated(
            lambda: transformer_upgrade_kwh(
                no_load_loss_kw=metrics["no_load_loss"],
                load_loss_kw=metrics["load_loss"],
                target_no_load_kw=targets["no_load_loss"],
                target_load_kw=targets["load_loss"],
                hours_per_year=hours,
                load_factor=factor,
                count=values["count"],
            )
        )
    elif kind == EquipmentType.AIR_COMPRESSOR and result.thresholds.get(2) is not None:
        kwh, tce = calculated(
            lambda: compressor_upgrade_kwh(
                rated_kw=values["rating"],
                specific_power=metrics["specific_power"],
                target_specific_power=result.thresholds[2],
                hours_per_year=hours,
                load_factor=factor,
                count=values["count"],
            )
        )
    else:
        return {}
    return {"saving_kwh": q(kwh), "saving_tce": q(tce)}


def _kiln(values, tables: GradingTables) -> dict[str, Any]:
    return {"rating_status": Rating.NO_TABLE}


METRIC_LABELS = {
    "efficiency": _("efficiency (%)"),
    "no_load_loss": _("no-load loss (kW)"),
    "load_loss": _("load loss (kW)"),
    "specific_power": _("specific power"),
}


def grading_note(kind: str, fields: Mapping[str, Any], missing: list[str], tables) -> str:
    """Why a line has no grade (无法分级), and the edition caveat of the campaign's year."""
    status = fields["rating_status"]
    notes = []
    if kind == EquipmentType.KILN:
        notes.append(
            gettext(
                "No national grade table applies to kilns: recorded with the measured efficiency."
            )
        )
    elif status == Rating.NO_TABLE:
        notes.append(gettext("No grading table is loaded for this type of equipment."))
    elif status == Rating.NO_GRADING:
        if missing:
            names = "、".join(str(METRIC_LABELS.get(m, m)) for m in missing)
            notes.append(gettext("Cannot be graded: enter the %(values)s.") % {"values": names})
        elif kind in {EquipmentType.MOTOR, EquipmentType.PUMP} and not _has_inputs(kind, fields):
            notes.append(gettext("Cannot be graded: enter the efficiency and the rated point."))
        else:
            notes.append(
                gettext(
                    "No grading table for this size: %(standard)s-%(edition)s has no row for "
                    "these parameters."
                )
                % {"standard": fields["grading_standard"], "edition": fields["grading_edition"]}
            )
    edition = getattr(tables, "edition_notes", {}).get(kind)
    if edition:
        notes.append(edition)
    return " ".join(notes)[:255]


def _has_inputs(kind: str, fields: Mapping[str, Any]) -> bool:
    return bool(fields.get("_inputs"))


def equipment_grading(values: Mapping[str, Any], tables: GradingTables) -> dict[str, Any]:
    """Grading, limit, flag and (below the limit) the upgrade saving of one equipment line."""
    kind = values["equipment_type"]
    pump = _pump_2025 if tables.pump_formula is not None else _pump
    grader = {EquipmentType.MOTOR: _motor, EquipmentType.PUMP: pump, EquipmentType.KILN: _kiln}.get(
        kind, _other
    )
    fields: dict[str, Any] = {
        "rating_status": Rating.NO_TABLE,
        "grade": None,
        "grade_at_least": False,
        "limit_value": None,
        "target_value": None,
        "grading_standard": "",
        "grading_edition": "",
        "saving_kwh": None,
        "saving_tce": None,
    }
    fields.update(grader(values, tables))
    missing: list[str] = fields.pop("_missing", [])
    fields["_inputs"] = _inputs_given(kind, values)
    fields["below_limit"] = fields["rating_status"] == Rating.BELOW_LIMIT
    fields["grading_note"] = grading_note(kind, fields, missing, tables)
    del fields["_inputs"]
    return fields


def _inputs_given(kind: str, values: Mapping[str, Any]) -> bool:
    needed = (
        ("efficiency_pct", "poles")
        if kind == EquipmentType.MOTOR
        else ("efficiency_pct", "flow_m3h", "head_m", "speed_rpm")
    )
    return all(values.get(name) for name in needed)


def measure_figures(values: Mapping[str, Any], campaign) -> dict[str, Any]:
    """Savings in tce (defaulting to the electricity's 当量值), payback and CO₂ of a measure."""
    kwh = values.get("savings_kwh") or Decimal(0)
    electricity = electricity_tce(kwh)
    tce = values.get("savings_tce")
    if tce is None:
        tce = electricity
    elif tce < q(electricity):
        raise DomainError(_electricity_message(kwh, electricity), field="savings_tce")
    payback = calculated(
        lambda: simple_payback_years(
            values.get("investment_wan") or 0, values.get("savings_wan") or 0
        )
    )
    co2 = calculated(
        lambda: measure_co2_reduction(
            tce_saved=tce,
            tce_factor=campaign.co2_per_tce,
            kwh_saved=kwh,
            grid_factor=campaign.grid_emission_factor,
        )
    )
    return {
        "savings_tce": q(tce),
        "savings_kwh": kwh,
        "payback_years": q(payback, Decimal("0.01")),
        "co2_t": q(co2),
    }


def _electricity_message(kwh: Decimal, tce: Decimal) -> str:
    return gettext(
        "The total savings in tce include the electricity saved: %(kwh)s kWh alone is %(tce)s tce."
    ) % {"kwh": kwh, "tce": q(tce)}
