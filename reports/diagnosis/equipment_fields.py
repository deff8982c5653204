"""What each type of key equipment records to be graded: key parameters and graded values.

One place for the editor's form (the fields shown for a type), the editing service (the named
error of a missing or invalid field) and the API (``params`` and ``metrics`` keys). The choice
values are the cells of the loaded tables (reports/data/grading/*.csv).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.errors import DomainError
from reports.calculations.pumps_2025 import PUMP_KINDS
from reports.choices import EquipmentType


@dataclass(frozen=True)
class ParamField:
    name: str  # key in Equipment.params or Equipment.metrics
    label: Promise
    types: tuple[str, ...]
    store: str = "params"  # or "metrics": a value graded against the table
    choices: tuple[tuple[str, str | Promise], ...] = ()  # empty: a positive number
    required: bool = False  # needed to grade: missing → a named error
    default: str = ""  # taken when the field is left empty (the kind every line had before)


def _same(*values: str) -> tuple[tuple[str, str], ...]:
    return tuple((value, value) for value in values)


T, F, A, B, P = (
    EquipmentType.TRANSFORMER.value,
    EquipmentType.FAN.value,
    EquipmentType.AIR_COMPRESSOR.value,
    EquipmentType.BOILER.value,
    EquipmentType.PUMP.value,
)

# GB 19153-2019's kinds of compressor, as the tables name them: 表1 and 表2.
FIXED_SPEED = "一般用喷油回转（工频）"
VARIABLE_SPEED = "一般用变转速喷油回转"

PARAM_FIELDS: tuple[ParamField, ...] = (
    ParamField(
        "transformer_kind",
        _("Transformer kind"),
        (T,),
        choices=(("油浸式", _("10 kV oil-immersed")), ("干式", _("10 kV dry-type"))),
        required=True,
    ),
    ParamField(
        "core_material",
        _("Core material"),
        (T,),
        choices=_same("电工钢带", "非晶合金"),
        required=True,
    ),
    ParamField(
        "connection_group",
        _("Connection group (oil-immersed)"),
        (T,),
        choices=_same("Dyn11/Yzn11", "Yyn0"),
    ),
    ParamField(
        "insulation_class",
        _("Insulation class (dry-type)"),
        (T,),
        choices=_same("B(100℃)", "F(120℃)", "H(145℃)"),
    ),
    ParamField("no_load_loss", _("No-load loss (kW)"), (T,), store="metrics", required=True),
    ParamField("load_loss", _("Load loss (kW)"), (T,), store="metrics", required=True),
    ParamField(
        "fan_kind",
        _("Fan kind"),
        (F,),
        choices=(
            ("离心", _("Centrifugal")),
            ("轴流", _("Axial")),
            ("外转子", _("External-rotor forward multi-blade")),
        ),
        required=True,
    ),
    ParamField("psi", _("Pressure coefficient ψ"), (F,)),
    ParamField("hub_ratio", _("Hub ratio γ (axial)"), (F,)),
    ParamField("specific_speed", _("Specific speed ns"), (F,), required=True),
    ParamField("machine_number", _("Machine number (No.)"), (F,), required=True),
    ParamField(
        "compressor_kind",
        _("Compressor kind"),
        (A,),
        choices=(
            (FIXED_SPEED, _("Oil-injected rotary, fixed speed (表1)")),
            (VARIABLE_SPEED, _("Oil-injected rotary, variable speed (表2)")),
        ),
        required=True,
        default=FIXED_SPEED,
    ),
    ParamField("discharge_pressure_mpa", _("Rated discharge pressure (MPa)"), (A,), required=True),
    ParamField(
        "cooling",
        _("Cooling"),
        (A,),
        choices=(("风冷", _("Air")), ("液冷", _("Liquid"))),
        required=True,
    ),
    ParamField(
        "specific_power",
        _("Specific power (kW/(m³/min))"),
        (A,),
        store="metrics",
        required=True,
    ),
    ParamField(
        "boiler_kind",
        _("Boiler kind"),
        (B,),
        choices=_same("层状燃烧燃煤", "流化床燃烧燃煤", "生物质锅炉", "室燃锅炉", "电加热锅炉"),
        required=True,
    ),
    ParamField(
        "fuel",
        _("Fuel"),
        (B,),
        choices=_same(
            "烟煤 Ⅰ类",
            "烟煤 Ⅱ类",
            "烟煤 Ⅲ类",
            "贫煤",
            "无烟煤 Ⅱ类",
            "无烟煤 Ⅲ类",
            "褐煤",
            "生物质",
            "天然气 非冷凝",
            "天然气 冷凝",
            "燃油",
            "煤",
            "电",
        ),
        required=True,
    ),
    ParamField("pump_kind", _("Pump kind (GB 19762-2025)"), (P,), choices=_same(*PUMP_KINDS)),
)

# Graded on the row's efficiency column: the value each type needs besides its params.
EFFICIENCY_TYPES = frozenset({F, B, EquipmentType.MOTOR.value, P})
# The rating is the size the tables are looked up by: kVA for transformers, t/h or MW for boilers.
BOILER_UNITS = ("t/h", "MW")


def fields_for(kind: str) -> list[ParamField]:
    return [spec for spec in PARAM_FIELDS if kind in spec.types]


def clean_type_fields(kind: str, params: dict, metrics: dict, values: dict) -> None:
    """Check the type's fields in place: numbers parsed, choices known, required ones present.

    A missing required field is an error only once a value to grade is entered (an inventory
    line without measurements stays "no grading" with the reason).
    """
    for spec in fields_for(kind):
        store = metrics if spec.store == "metrics" else params
        raw = store.get(spec.name)
        if raw in (None, "") and spec.required and len(spec.choices) == 1:
            raw = store[spec.name] = spec.choices[0][0]  # the only kind the table has
        if raw in (None, "") and spec.default:
            raw = store[spec.name] = spec.default
        if raw in (None, ""):
            store.pop(spec.name, None)
            continue
        if spec.choices:
            if str(raw) not in {value for value, _label in spec.choices}:
                raise DomainError(
                    gettext("Choose one of the listed values for %(field)s.")
                    % {"field": spec.label},
                    field=spec.name,
                )
            store[spec.name] = str(raw)
            continue
        try:
            number = Decimal(str(raw))
        except InvalidOperation:
            number = Decimal(-1)
        if not number.is_finite() or number <= 0:
            raise DomainError(
                gettext("%(field)s must be a number greater than zero.") % {"field": spec.label},
                field=spec.name,
            )
        store[spec.name] = str(number)
    if kind == B and values.get("rating_unit") not in BOILER_UNITS:
        raise DomainError(
            gettext("Give a boiler's capacity in t/h (steam) or MW (hot water)."),
            field="rating_unit",
        )
    graded = bool(metrics) or (kind in {F, B} and values.get("efficiency_pct"))
    if not graded:
        return
    for spec in fields_for(kind):
        store = metrics if spec.store == "metrics" else params
        if spec.required and spec.name not in store:
            raise DomainError(
                gettext("Enter %(field)s: it is needed to grade this equipment.")
                % {"field": spec.label},
                field=spec.name,
            )
    if kind in {F, B} and not values.get("efficiency_pct"):
        raise DomainError(
            gettext("Enter the efficiency (%): it is needed to grade this equipment."),
            field="efficiency_pct",
        )
