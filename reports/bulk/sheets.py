"""The bulk-entry workbook's sheets: one per kind of report row, its columns taken from the
report editor's forms (labels in Chinese, choice lists as their labels).

A column is a form field; the row's cells become the form's data, so a row is checked by
exactly the fields, limits and choices the editor checks (reports.diagnosis.forms,
reports.benchmarking.forms), then by the services that compute the stored row.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import translation

from portal.spreadsheets.cells import FormulaWithoutValue, clean_text, normalize_text
from reports.benchmarking.forms import ProductRowForm, entry_label
from reports.benchmarking.selectors import entries_for_year
from reports.diagnosis.forms import EnergyUseForm, EquipmentForm, MeasureForm
from reports.diagnosis.selectors.reference import energy_factors

CREDIT_CODE = "credit_code"
ENTERPRISE = "enterprise_name"
EQUIPMENT_NAME = "equipment_name"  # a measure's equipment, by its name in the same report
TASKS_SHEET = "任务清单"
YES, NO = "是", "否"
KINDS = ("energy", "equipment", "measure", "product")
TITLES = {
    "energy": "能源消费",
    "equipment": "重点用能设备",
    "measure": "节能措施",
    "product": "主要产品",
}
# Headers clearer on a sheet of their own than the form's labels beside their section title.
_HEADERS = {("equipment", "equipment_type"): "设备类型", ("equipment", "name"): "设备名称"}
# The form fields a sheet leaves out: the measure's equipment is named (EQUIPMENT_NAME), not an id.
_LEFT_OUT = {"measure": {"equipment"}}


@dataclass(frozen=True)
class Column:
    key: str  # the form field's name (or CREDIT_CODE, ENTERPRISE, EQUIPMENT_NAME)
    header: str
    choices: dict[str, str] = field(default_factory=dict)  # label → form value
    boolean: bool = False
    width: int = 14


@dataclass(frozen=True)
class SheetSpec:
    kind: str
    title: str
    columns: tuple[Column, ...]
    marker: str  # a column only this sheet has: the sheet is found by it and 统一社会信用代码

    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def spec(self) -> dict[str, list[str]]:
        return {c.key: [c.header] for c in self.columns}

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


def make_form(kind: str, *, year: int, data=None, entries=None) -> forms.Form:
    """The editor's form of `kind` (unbound for the template, bound to a row's cells)."""
    if kind == "energy":
        return EnergyUseForm(data)
    if kind == "equipment":
        return EquipmentForm(data)
    if kind == "measure":
        return MeasureForm(data, with_equipment=False)
    return ProductRowForm(data, entries=entries_for_year(year) if entries is None else entries)


def _choices(field_: forms.Field) -> dict[str, str]:
    found: dict[str, str] = {}
    for value, label in getattr(field_, "choices", ()):
        if isinstance(label, list | tuple):  # an optgroup
            for inner_value, inner_label in label:
                if inner_value not in ("", None):
                    found.setdefault(str(inner_label), str(inner_value))
        elif value not in ("", None):
            found.setdefault(str(label), str(value))
    return found


def sheet_specs(year: int, entries=None) -> dict[str, SheetSpec]:
    """The four sheets of a campaign year's workbook (headers and lists in Chinese)."""
    entries = entries_for_year(year) if entries is None else entries
    specs: dict[str, SheetSpec] = {}
    with translation.override("zh-hans"):
        for kind in KINDS:
            form = make_form(kind, year=year, entries=entries)
            columns = [
                Column(CREDIT_CODE, "统一社会信用代码", width=22),
                Column(ENTERPRISE, "企业名称（仅供核对）", width=28),
            ]
            for name, form_field in form.fields.items():
                if name in _LEFT_OUT.get(kind, ()):
                    continue
                label = _HEADERS.get((kind, name)) or str(form_field.label)
                if isinstance(form_field, forms.BooleanField):
                    columns.append(Column(name, label, {YES: "on", NO: ""}, boolean=True))
                elif isinstance(form_field, forms.ChoiceField):
                    choices = _choices(form_field)
                    if name == "entry":
                        choices = {entry_label(e): str(e.pk) for e in entries}
                    if name == "carrier_code":  # the name alone: the unit has its own column
                        choices = {f.carrier_zh: code for code, f in energy_factors().items()}
                    columns.append(Column(name, label, choices, width=24))
                else:
                    columns.append(Column(name, label, width=16))
                if kind == "measure" and name == "category":
                    columns.append(Column(EQUIPMENT_NAME, "关联设备（设备名称）", width=20))
            marker = columns[2].key
            specs[kind] = SheetSpec(kind, TITLES[kind], tuple(columns), marker)
    return specs


def cell_value(column: Column, value: Any) -> str:
    """A cell as the form's data: a choice's label as its value, a number as its plain text."""
    if value is None or isinstance(value, FormulaWithoutValue):
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, float):
        text = format(Decimal(repr(value)).normalize(), "f")
    elif isinstance(value, int | Decimal):
        text = format(Decimal(value).normalize(), "f")
    else:
        text = clean_text(value)
    if column.choices or column.boolean:
        wanted = normalize_text(text)
        for label, choice in column.choices.items():
            if wanted in (normalize_text(label), normalize_text(choice)):
                return choice
    return text


def stored_cell(column: Column, value: Any) -> Any:
    """A stored value as the template shows it (a choice as its label)."""
    if column.boolean:
        return YES if value else NO
    if value is None or value == "":
        return None
    if column.choices:
        for label, choice in column.choices.items():
            if choice == str(value):
                return label
        return str(value)
    if isinstance(value, Decimal):
        return float(value)  # a number cell; read back by its shortest text (cell_value)
    return value
