"""Importing a bulk-entry workbook: every row checked by the editor's form and service, then
every report's rows of a kind replaced by the file's, or nothing stored at all.

Each sheet holds rows of one kind for any of the agency's tasks, named by 统一社会信用代码. For a
task and a kind, the file's rows replace the stored ones (a kind with no row for a task in the
file is left as it is); rows equal to the stored ones leave them untouched, so importing the
same file twice changes nothing the second time.
"""

import warnings
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import openpyxl
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from enterprises.models import DiagnosisTask
from portal.audit import audit_record
from portal.choices import Role
from portal.errors import DomainError
from portal.imports import read_spreadsheet
from portal.scoping import scope
from portal.spreadsheets import Layout, RowError, SpreadsheetError, Table, read_table
from portal.spreadsheets.cells import FormulaWithoutValue, clean_text, is_blank
from provinces.blank_forms import LISTS_SHEET
from reports.benchmarking.selectors import entries_for_year
from reports.benchmarking.services import product_values
from reports.diagnosis.services.access import editable_report, require_role
from reports.diagnosis.services.editing import row_values
from reports.diagnosis.services.totals import report_totals_refresh
from reports.models import EnergyUse, Equipment, Measure, ProductRow

from .sheets import (
    CREDIT_CODE,
    ENTERPRISE,
    EQUIPMENT_NAME,
    KINDS,
    TASKS_SHEET,
    Column,
    SheetSpec,
    cell_value,
    make_form,
    sheet_specs,
)

MODELS: dict[str, Any] = {
    "energy": EnergyUse,
    "equipment": Equipment,
    "measure": Measure,
    "product": ProductRow,
}
RELATED = {
    "energy": "energy_uses",
    "equipment": "equipment",
    "measure": "measures",
    "product": "product_rows",
}


@dataclass(frozen=True)
class SheetError:
    """One problem: the sheet, its spreadsheet row, the column (header) and why."""

    sheet: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.sheet} row {self.row}: {self.column}: {self.reason}"


@dataclass
class BulkOutcome:
    """What an import did (or, for a check, would do); nothing is stored when errors exist."""

    rows: int = 0  # data rows read
    written: int = 0  # rows stored anew
    replaced: int = 0  # (report, kind) whose rows the file replaced
    unchanged: int = 0  # (report, kind) whose rows already were the file's
    reports: int = 0  # reports changed
    errors: list[SheetError] = field(default_factory=list)
    dry_run: bool = False
    layouts: dict[str, Layout] = field(default_factory=dict)  # sheet → where its table is

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    kind: str
    sheet_row: int
    credit_code: str
    data: dict[str, str]
    equipment_name: str = ""
    bad: set[str] = field(default_factory=set)  # cells already reported (a formula's)


@dataclass
class _Group:
    """A report's rows of one kind in the file, and what storing them means."""

    rows: list[_Row]
    values: list[dict[str, Any]] = field(default_factory=list)


class _Errors:
    def __init__(self, specs: dict[str, SheetSpec], layouts: dict[str, Layout]):
        self.specs = specs
        self.layouts = layouts
        self.found: list[SheetError] = []

    def add(self, kind: str, sheet_row: int, key: str, reason: object) -> None:
        spec = self.specs[kind]
        column = spec.column(key)
        header = column.header if column else spec.column(CREDIT_CODE).header  # type: ignore[union-attr]
        self.found.append(SheetError(spec.title, sheet_row, header, str(reason)))


def bulk_import(*, campaign, file, actor, dry_run: bool = False, request=None) -> BulkOutcome:
    """Check and store a bulk-entry workbook for `actor`'s (an agency's) tasks of `campaign`."""
    require_role(actor, Role.AGENCY)
    entries = entries_for_year(campaign.year)
    specs = sheet_specs(campaign.year, entries)
    rows, layouts, cell_errors = _read(file, specs)
    outcome = BulkOutcome(rows=len(rows), dry_run=dry_run, layouts=layouts)
    errors = _Errors(specs, layouts)
    errors.found.extend(cell_errors)
    with transaction.atomic():
        groups = _check(rows, campaign=campaign, actor=actor, entries=entries, errors=errors)
        outcome.errors = sorted(
            errors.found, key=lambda e: (list(specs).index(_kind_of(specs, e.sheet)), e.row)
        )
        if not outcome.errors and not dry_run:
            _write(groups, outcome, actor=actor, request=request)
        elif not outcome.errors:
            _count(groups, outcome)
        if outcome.errors or dry_run:  # reports opened while checking are not kept
            transaction.set_rollback(True)
    return outcome


def _kind_of(specs: dict[str, SheetSpec], title: str) -> str:
    return next(kind for kind, spec in specs.items() if spec.title == title)


def _read(file, specs: dict[str, SheetSpec]) -> tuple[list[_Row], dict[str, Layout], list]:
    """Each sheet's data rows (a sheet left out of the file is no rows); refused as a whole
    (DomainError) when the file is not a workbook or holds none of the sheets."""
    rows: list[_Row] = []
    layouts: dict[str, Layout] = {}
    found_errors: list[SheetError] = []
    names: list[str] | None = None  # read once a table search has checked the file
    for kind, spec in specs.items():
        table = _table(file, spec)
        if table is None or table.sheet_name in {LISTS_SHEET, TASKS_SHEET}:
            names = _sheet_names(file) if names is None else names
            if spec.title in names:  # the sheet is there but its header row is not
                columns = "、".join(c.header for c in spec.columns if c.key in _found_by(spec))
                raise DomainError(
                    _(
                        "Sheet %(sheet)s: its header row must name the columns %(columns)s. "
                        "Download the template again."
                    )
                    % {"sheet": spec.title, "columns": columns},
                    field="file",
                )
            continue  # a sheet left out: no rows of its kind
        layouts[spec.title] = Layout.of(
            table.sheet_name, spec.spec(), table.headers, table.positions
        )
        for sheet_row in table.rows:
            values = sheet_row.values
            if all(is_blank(v) for k, v in values.items() if k not in {CREDIT_CODE, ENTERPRISE}):
                continue  # a task's line with nothing entered
            row = _Row(kind, sheet_row.number, "", {})
            for column in spec.columns:
                raw = values.get(column.key)
                if isinstance(raw, FormulaWithoutValue):
                    found_errors.append(
                        SheetError(
                            spec.title,
                            sheet_row.number,
                            column.header,
                            _(
                                "Cell %(cell)s holds a formula but the file stores no value for "
                                "it: enter the value itself as text or a number."
                            )
                            % {"cell": raw.coordinate},
                        )
                    )
                    row.bad.add(column.key)
                    continue
                _put(row, column, raw)
            rows.append(row)
    file.seek(0)
    if not layouts:
        raise DomainError(
            _(
                "None of the template's sheets (能源消费, 重点用能设备, 节能措施, 主要产品) was "
                "found in the file: download the template and fill it in."
            ),
            field="file",
        )
    return rows, layouts, found_errors


def _found_by(spec: SheetSpec) -> set[str]:
    """The columns a sheet's table is found by: 统一社会信用代码 and the sheet's own marker."""
    return {CREDIT_CODE, spec.marker}


def _table(file, spec: SheetSpec) -> Table | None:
    """The sheet's table, None when no sheet's header names its columns."""
    file.seek(0)
    try:
        return read_spreadsheet(
            lambda f, limits: read_table(f, spec.spec(), required=_found_by(spec), limits=limits),
            file,
        )
    except DomainError as exc:
        cause = exc.__cause__
        if isinstance(cause, SpreadsheetError) and cause.code in {"missing_columns", "no_header"}:
            return None
        raise


def _sheet_names(file) -> list[str]:
    """The workbook's sheet titles (the file has passed the reader's checks)."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(file, read_only=True, keep_links=False)
        try:
            return list(book.sheetnames)
        finally:
            book.close()
    finally:
        file.seek(0)


def _put(row: _Row, column: Column, raw: Any) -> None:
    if column.key == CREDIT_CODE:
        row.credit_code = clean_text(raw).replace(" ", "").upper()
    elif column.key == EQUIPMENT_NAME:
        row.equipment_name = clean_text(raw)
    elif column.key != ENTERPRISE:
        row.data[column.key] = cell_value(column, raw)


def _check(rows, *, campaign, actor, entries, errors: _Errors) -> dict:
    """Every row through its form and service; the groups to store, by (report, kind)."""
    codes = {row.credit_code for row in rows if row.credit_code}
    tasks = {
        t.enterprise.credit_code: t
        for t in scope(DiagnosisTask.objects.filter(campaign=campaign), actor)
        .filter(enterprise__credit_code__in=codes)
        .select_related("enterprise")
    }
    reports: dict[str, Any] = {}
    refused: dict[str, str] = {}
    groups: dict[tuple[Any, str], _Group] = {}
    for row in rows:
        if not row.credit_code:
            errors.add(row.kind, row.sheet_row, CREDIT_CODE, _("This field is required."))
            continue
        task = tasks.get(row.credit_code)
        if task is None:
            errors.add(
                row.kind,
                row.sheet_row,
                CREDIT_CODE,
                _("None of your tasks of the %(year)s campaign is for this credit code.")
                % {"year": campaign.year},
            )
            continue
        if row.credit_code not in reports and row.credit_code not in refused:
            try:
                reports[row.credit_code] = editable_report(task.pk, actor)
            except Http404:
                refused[row.credit_code] = _(
                    "None of your tasks of the %(year)s campaign is for this credit code."
                ) % {"year": campaign.year}
            except DomainError as exc:
                refused[row.credit_code] = str(exc.message)
        if row.credit_code in refused:
            errors.add(row.kind, row.sheet_row, CREDIT_CODE, refused[row.credit_code])
            continue
        key = (reports[row.credit_code], row.kind)
        groups.setdefault(key, _Group([])).rows.append(row)
    for kind in KINDS:  # equipment before measures: a measure names its report's equipment
        for (report, group_kind), group in groups.items():
            if group_kind != kind:
                continue
            names = _equipment_names(report, groups) if kind == "measure" else None
            for row in group.rows:
                values = _row_values(row, report, names, campaign, entries, errors)
                if values is not None:
                    group.values.append(values)
    return groups


def _equipment_names(report, groups) -> dict[str, int]:
    """How many equipment rows of the report bear each name: the file's when the file gives
    the report's equipment, else the stored ones."""
    group = groups.get((report, "equipment"))
    if group is not None:
        names = [row.data.get("name", "").strip() for row in group.rows]
    else:
        names = list(report.equipment.values_list("name", flat=True))
    counted: dict[str, int] = defaultdict(int)
    for name in names:
        counted[name] += 1
    return counted


def _row_values(row: _Row, report, names, campaign, entries, errors: _Errors):
    """The stored fields of a row, computed as the editor computes them; None if refused."""
    form = make_form(row.kind, year=campaign.year, data=row.data, entries=entries)
    for name, form_field in form.fields.items():  # a blank cell takes what the editor shows
        if form_field.initial is not None and not row.data.get(name):
            row.data[name] = str(form_field.initial)
    if not form.is_valid():
        for name, messages in form.errors.items():
            if name in row.bad:
                continue
            for message in messages:
                errors.add(row.kind, row.sheet_row, name, message)
        return None
    data = dict(form.cleaned_data)
    try:
        if row.kind == "product":
            values = product_values(report, data)
        elif row.kind == "measure":
            values = row_values("measure", report, {**data, "equipment": None})
            values["equipment_name"] = _named_equipment(row, names)
        else:
            values = row_values(row.kind, report, data)
    except DomainError as exc:
        errors.add(row.kind, row.sheet_row, exc.field or CREDIT_CODE, exc.message)
        return None
    return values


def _named_equipment(row: _Row, names: dict[str, int]) -> str:
    name = row.equipment_name
    if not name:
        return ""
    if names.get(name, 0) == 0:
        raise DomainError(
            _("This report has no equipment named “%(name)s”.") % {"name": name},
            field=EQUIPMENT_NAME,
        )
    if names[name] > 1:
        raise DomainError(
            _("Several equipment rows of this report are named “%(name)s”: name them apart.")
            % {"name": name},
            field=EQUIPMENT_NAME,
        )
    return name


def _stored(report, kind: str) -> list:
    related = getattr(report, RELATED[kind])
    if kind == "measure":
        return list(related.select_related("equipment").order_by("id"))
    return list(related.order_by("id"))


def _as_stored(kind: str, row) -> dict[str, Any]:
    values = {}
    for f in type(row)._meta.concrete_fields:
        if f.name in {"id", "report", "created_at", "updated_at"}:
            continue
        values[f.attname] = getattr(row, f.attname)
    if kind == "measure":
        values["equipment_name"] = row.equipment.name if row.equipment_id else ""
    return values


def _same(kind: str, stored: list, wanted: list[dict[str, Any]]) -> bool:
    if len(stored) != len(wanted):
        return False
    for row, values in zip(stored, wanted, strict=True):
        have = _as_stored(kind, row)
        for name, value in _attnames(values).items():
            if name != "equipment_id" and name in have and not _equal(have[name], value):
                return False
    return True


def _attnames(values: dict[str, Any]) -> dict[str, Any]:
    """`values` keyed by column (taxonomy → taxonomy_id, entry → entry_id)."""
    out = {}
    for name, value in values.items():
        if name in {"taxonomy", "entry"}:
            out[f"{name}_id"] = getattr(value, "pk", value)
        else:
            out[name] = value
    return out


def _equal(a, b) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return a is not None and b is not None and Decimal(a) == Decimal(b)
        except (ArithmeticError, TypeError, ValueError):
            return False
    return a == b or (a in (None, "") and b in (None, ""))


def _count(groups, outcome: BulkOutcome) -> None:
    reports = set()
    for (report, kind), group in groups.items():
        if _same(kind, _stored(report, kind), group.values):
            outcome.unchanged += 1
        else:
            outcome.replaced += 1
            outcome.written += len(group.values)
            reports.add(report.pk)
    outcome.reports = len(reports)


def _write(groups, outcome: BulkOutcome, *, actor, request) -> None:
    by_report: dict[Any, dict[str, _Group]] = defaultdict(dict)
    for (report, kind), group in groups.items():
        by_report[report][kind] = group
    for report, kinds in by_report.items():
        changed = [
            kind
            for kind in KINDS
            if kind in kinds and not _same(kind, _stored(report, kind), kinds[kind].values)
        ]
        outcome.unchanged += len(kinds) - len(changed)
        if not changed:
            continue
        links = _equipment_links(report) if "equipment" in changed else {}
        equipment_ids: dict[str, int] = {}
        for kind in changed:
            getattr(report, RELATED[kind]).all().delete()
            for values in kinds[kind].values:
                values = dict(values)
                name = values.pop("equipment_name", None)
                if kind == "measure":
                    values["equipment_id"] = _equipment_id(report, name, equipment_ids)
                row = MODELS[kind].objects.create(report=report, **values)
                if kind == "equipment":
                    equipment_ids[row.name.strip()] = row.pk
            outcome.written += len(kinds[kind].values)
            outcome.replaced += 1
        if "equipment" in changed and "measure" not in changed:
            _relink(report, links, equipment_ids)
        if set(changed) - {"product"}:
            report_totals_refresh(report)
        outcome.reports += 1
        audit_record(
            actor=actor,
            action="report.bulk_entry",
            obj=report,
            organizer=report.task.organizer_id,
            request=request,
            summary=f"{report.task}: "
            + ", ".join(f"{kind} {len(kinds[kind].values)}" for kind in changed),
        )


def _equipment_id(report, name: str | None, created: dict[str, int]) -> int | None:
    if not name:
        return None
    if name in created:
        return created[name]
    return report.equipment.filter(name=name).values_list("pk", flat=True).first()


def _equipment_links(report) -> dict[int, str]:
    """The equipment name each stored measure points at, to point it at the new row."""
    return dict(
        report.measures.filter(equipment__isnull=False).values_list("pk", "equipment__name")
    )


def _relink(report, links: dict[int, str], created: dict[str, int]) -> None:
    for measure_pk, name in links.items():
        Measure.objects.filter(pk=measure_pk).update(equipment_id=created.get(name.strip()))


def error_rows(errors: Iterable[SheetError], sheet: str) -> list[RowError]:
    """The errors of one sheet, as the marked copy's RowErrors."""
    return [RowError(e.row, e.column, e.reason, e.row) for e in errors if e.sheet == sheet]
