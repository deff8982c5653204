"""The agency's writes to a draft report: general fields, the file, and its data rows."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.errors import DomainError
from portal.scoping import get_scoped_or_404
from portal.uploads import REPORT_TYPES, check_upload
from reports.calculations.energy import electricity_tce
from reports.choices import DEFAULT_RATING_UNIT, EquipmentType, MeasureKind
from reports.diagnosis.equipment_fields import clean_type_fields
from reports.diagnosis.selectors.reference import GradingTables, energy_factors, is_electricity
from reports.diagnosis.services.access import audit_report, editable_report
from reports.diagnosis.services.compute import (
    energy_row,
    equipment_grading,
    measure_figures,
    q,
)
from reports.diagnosis.services.totals import report_totals_refresh
from reports.models import DiagnosisReport, EnergyUse, Equipment, Measure, MeasureCategory

REPORT_FIELDS = ("diagnosis_year", "findings")
# Shaft power in kW is what motor and pump grading and savings are computed on.
KW_TYPES = frozenset(
    {EquipmentType.MOTOR, EquipmentType.PUMP, EquipmentType.FAN, EquipmentType.AIR_COMPRESSOR}
)


@transaction.atomic
def report_open(*, task_id: int, actor) -> DiagnosisReport:
    """The agency's draft report of a published (or returned) task, created when missing."""
    return editable_report(task_id, actor)


@transaction.atomic
def report_update(*, task_id: int, actor, data: Mapping[str, Any]) -> DiagnosisReport:
    report = editable_report(task_id, actor)
    changed = [name for name in REPORT_FIELDS if name in data]
    year = data.get("diagnosis_year")
    campaign_year = report.task.campaign.year
    if year is not None and not campaign_year - 3 <= year <= campaign_year:
        raise DomainError(
            _("The diagnosis year must be between %(first)s and %(last)s.")
            % {"first": campaign_year - 3, "last": campaign_year},
            field="diagnosis_year",
        )
    for name in changed:
        value = data[name]
        setattr(report, name, "" if value is None and name == "findings" else value)
    report.save(update_fields=[*changed, "updated_at"])
    return report


@transaction.atomic
def report_upload_file(*, task_id: int, actor, upload, request=None) -> DiagnosisReport:
    """Store the report file (PDF or DOCX by content, size-limited) under a generated name."""
    checked = check_upload(upload, allowed=REPORT_TYPES)
    report = editable_report(task_id, actor)
    old = report.file.name if report.file else ""
    report.file_type = checked.file_type
    report.file_name = checked.name
    report.file_size = checked.size
    report.file_sha256 = checked.sha256
    report.file_uploaded_at = timezone.now()
    report.file.save("upload", upload, save=False)
    report.save(
        update_fields=[
            "file",
            "file_type",
            "file_name",
            "file_size",
            "file_sha256",
            "file_uploaded_at",
            "updated_at",
        ]
    )
    if old:
        storage = report.file.storage
        transaction.on_commit(lambda: storage.delete(old))
    audit_report(
        actor,
        "report.upload",
        report,
        request,
        summary=f"{checked.name} ({checked.file_type}, {checked.size} B)",
    )
    return report


def _energy_values(report: DiagnosisReport, data: Mapping[str, Any]) -> dict[str, Any]:
    factor = energy_factors().get(data.get("carrier_code", ""))
    if factor is None:
        raise DomainError(_("Choose an energy carrier from the list."), field="carrier_code")
    primary = report.task.campaign.electricity_equivalent_factor
    fields = energy_row(
        factor, data, primary_factor=primary if is_electricity(factor.carrier_code) else None
    )
    return {**fields, "note": data.get("note") or ""}


def _audit_row(actor, action: str, report: DiagnosisReport, row, request=None) -> None:
    """Adding and removing a data row are in the audit log, as changing one is."""
    audit_record(
        actor=actor,
        action=action,
        obj=row,
        organizer=report.task.organizer_id,
        request=request,
        summary=f"{report.task} · {row}"[:300],
    )


@transaction.atomic
def energy_use_add(*, task_id: int, actor, data: Mapping[str, Any], request=None) -> EnergyUse:
    """One carrier's consumption, converted with the current GB/T 2589 factor (SPEC §7)."""
    report = editable_report(task_id, actor)
    row = EnergyUse.objects.create(report=report, **_energy_values(report, data))
    report_totals_refresh(report)
    _audit_row(actor, "report.energy_add", report, row, request)
    return row


EQUIPMENT_INPUT = (
    "equipment_type",
    "name",
    "model",
    "rating",
    "rating_unit",
    "count",
    "annual_hours",
    "efficiency_pct",
    "load_factor",
    "poles",
    "flow_m3h",
    "head_m",
    "speed_rpm",
    "stages",
    "double_suction",
    "metrics",
    "params",
)
ENERGY_INPUT = ("carrier_code", "quantity", "unit", "measured_lhv", "note")
MEASURE_INPUT = (
    "taxonomy",
    "category",
    "equipment",
    "title",
    "description",
    "investment_wan",
    "savings_tce",
    "savings_kwh",
    "savings_wan",
)


def _clean_equipment(data: Mapping[str, Any]) -> dict[str, Any]:
    values = {key: data.get(key) for key in EQUIPMENT_INPUT}
    kind = values["equipment_type"]
    if kind not in EquipmentType.values:
        raise DomainError(_("Choose the type of equipment."), field="equipment_type")
    if kind in KW_TYPES:
        values["rating_unit"] = "kW"
    if kind == EquipmentType.TRANSFORMER:
        values["rating_unit"] = "kVA"
    values["rating_unit"] = values["rating_unit"] or DEFAULT_RATING_UNIT.get(kind, "kW")
    values["count"] = values["count"] or 1
    values["stages"] = values["stages"] or 1
    values["annual_hours"] = values["annual_hours"] or 0
    values["model"] = values["model"] or ""
    values["double_suction"] = bool(values["double_suction"])
    values["metrics"] = dict(values["metrics"] or {})
    values["params"] = dict(values["params"] or {})
    return values


def _equipment_values(data: Mapping[str, Any], year: int | None = None) -> dict[str, Any]:
    """The row's fields: the type's own fields checked, then graded with the edition of the
    campaign's year (the current tables when no year is given)."""
    values = _clean_equipment(data)
    clean_type_fields(values["equipment_type"], values["params"], values["metrics"], values)
    values.update(equipment_grading(values, GradingTables(year=year)))
    return values


@transaction.atomic
def equipment_add(*, task_id: int, actor, data: Mapping[str, Any], request=None) -> Equipment:
    """A line of key equipment, graded against the current standard where a table is loaded."""
    report = editable_report(task_id, actor)
    year = report.task.campaign.year
    row = Equipment.objects.create(report=report, **_equipment_values(data, year))
    report_totals_refresh(report)
    _audit_row(actor, "report.equipment_add", report, row, request)
    return row


def _taxonomy(data: Mapping[str, Any]) -> MeasureCategory | None:
    value = data.get("taxonomy")
    if value is None or value == "":
        return None
    if isinstance(value, MeasureCategory):
        return value
    taxonomy = MeasureCategory.objects.filter(pk=value).first()
    if taxonomy is None:
        raise DomainError(_("Choose a measure from the taxonomy."), field="taxonomy")
    return taxonomy


def measure_values(report: DiagnosisReport, data: Mapping[str, Any]) -> dict[str, Any]:
    taxonomy = _taxonomy(data)
    category = data.get("category") or (taxonomy.category if taxonomy else "")
    if category not in MeasureKind.values:
        raise DomainError(
            _("Say whether the measure is technical or management."), field="category"
        )
    equipment_id = getattr(data.get("equipment"), "pk", data.get("equipment"))
    if equipment_id and not report.equipment.filter(pk=equipment_id).exists():
        raise DomainError(_("Choose equipment of this report."), field="equipment")
    title = (data.get("title") or (taxonomy.name if taxonomy else "")).strip()
    if not title:
        raise DomainError(_("Name the measure or choose it from the taxonomy."), field="title")
    amounts = {
        name: data.get(name)
        for name in ("investment_wan", "savings_wan", "savings_kwh", "savings_tce")
    }
    figures = measure_figures(amounts, report.task.campaign)
    return {
        "taxonomy": taxonomy,
        "category": category,
        "equipment_id": equipment_id or None,
        "title": title[:200],
        "description": data.get("description") or "",
        "investment_wan": amounts["investment_wan"] or 0,
        "savings_wan": amounts["savings_wan"] or 0,
        **figures,
    }


@transaction.atomic
def measure_add(*, task_id: int, actor, data: Mapping[str, Any], request=None) -> Measure:
    """A measure with its payback and CO₂ (the campaign's emission factor)."""
    report = editable_report(task_id, actor)
    measure = Measure.objects.create(report=report, **measure_values(report, data))
    report_totals_refresh(report)
    _audit_row(actor, "report.measure_add", report, measure, request)
    return measure


ROW_MODELS: dict[str, type[EnergyUse] | type[Equipment] | type[Measure]] = {
    "energy": EnergyUse,
    "equipment": Equipment,
    "measure": Measure,
}


@transaction.atomic
def report_row_remove(*, kind: str, row_id: int, actor, task_id: int | None = None, request=None):
    """Remove one energy, equipment or measure row of a draft report (of `task_id` if given);
    audited with what the row was."""
    model = ROW_MODELS[kind]
    lookup = {"report__task_id": task_id} if task_id is not None else {}
    row = get_scoped_or_404(model.objects.select_related("report"), actor, pk=row_id, **lookup)
    report = editable_report(row.report.task_id, actor)
    if model.objects.filter(pk=row_id, report=report).delete()[0]:
        _audit_row(actor, f"report.{kind}_remove", report, row, request)
    return report_totals_refresh(report)


# What an edit recomputes from the entered values, as adding the row would.
_ROW_VALUES = {
    "energy": _energy_values,
    "equipment": lambda report, data: _equipment_values(data, report.task.campaign.year),
    "measure": measure_values,
}
# The grading an equipment row may have had: cleared before it is graded again.
_GRADED = (
    "rating_status",
    "grade",
    "grade_at_least",
    "limit_value",
    "target_value",
    "grading_standard",
    "grading_edition",
    "below_limit",
    "saving_kwh",
    "saving_tce",
    "grading_note",
)


def row_values(kind: str, report: DiagnosisReport, data: Mapping[str, Any]) -> dict[str, Any]:
    """The stored fields of a new energy, equipment or measure row of `report` from what was
    entered: checked and computed as adding the row does (the bulk entry's rows too)."""
    return _ROW_VALUES[kind](report, data)


def _recomputed(kind: str, report: DiagnosisReport, data: Mapping[str, Any]) -> dict[str, Any]:
    values = _ROW_VALUES[kind](report, data)
    if kind == "equipment":
        fields = {f.name: f for f in Equipment._meta.concrete_fields if f.name in _GRADED}
        values = {name: fields[name].get_default() for name in _GRADED} | values
    return values


def _changes(row, values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {
        name: (getattr(row, name), value)
        for name, value in values.items()
        if getattr(row, name) != value
    }


@transaction.atomic
def report_row_update(
    *, kind: str, row_id: int, actor, data: Mapping[str, Any], task_id=None, request=None
):
    """Change one energy, equipment or measure row of a draft report: checked and computed as a
    new row is (current factors and grading tables), the totals refreshed, the change audited.
    Fields `data` leaves out keep what was entered."""
    model = ROW_MODELS[kind]
    lookup = {"report__task_id": task_id} if task_id is not None else {}
    found = get_scoped_or_404(model.objects.select_related("report"), actor, pk=row_id, **lookup)
    report = editable_report(found.report.task_id, actor)
    row = model.objects.select_for_update().get(pk=row_id, report=report)
    # What `data` leaves out stays as entered (a PATCH; grading parameters no form shows).
    changes = _changes(row, _recomputed(kind, report, {**row_input(kind, row), **data}))
    for name, (_old, new) in changes.items():
        setattr(row, name, new)
    if changes:
        stamped = ["updated_at"] if hasattr(row, "updated_at") else []
        row.save(update_fields=[*changes, *stamped])
        report_totals_refresh(report)
        audit_record(
            actor=actor,
            action=f"report.{kind}_update",
            obj=row,
            organizer=report.task.organizer_id,
            request=request,
            summary=f"{row}: "
            + "; ".join(f"{name} {old} → {new}" for name, (old, new) in changes.items()),
        )
    return row


def row_input(kind: str, row) -> dict[str, Any]:
    """What was entered for a stored row, as an edit starts from it (a PATCH too): the savings in
    tce left empty when they are only the electricity's 当量值, so a new kWh figure recomputes
    them instead of being refused as more than the tce."""
    names = {"energy": ENERGY_INPUT, "equipment": EQUIPMENT_INPUT, "measure": MEASURE_INPUT}[kind]
    values = {
        name: getattr(row, f"{name}_id" if name in {"taxonomy", "equipment"} else name)
        for name in names
    }
    if kind == "measure" and row.savings_tce == q(electricity_tce(row.savings_kwh or 0)):
        values["savings_tce"] = None
    return values
