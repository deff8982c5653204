"""The bulk-entry template: a sheet per kind of row, pre-filled with what the agency's open
reports already hold (a round trip: download, change, import), drop-down lists on the choice
columns (from a hidden 选项 sheet, as the blank 附件 forms have), and the tasks it may fill in
on a 任务清单 sheet."""

import io
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from enterprises.models import DiagnosisTask
from portal.campaigns import campaign_is_open
from portal.scoping import scope
from portal.spreadsheets.writer import new_workbook
from provinces.blank_forms import LISTS_SHEET
from reports.benchmarking.selectors import entries_for_year
from reports.benchmarking.services import PRODUCT_INPUT
from reports.diagnosis.services.access import EDITABLE
from reports.diagnosis.services.editing import row_input
from reports.models import DiagnosisReport

from .sheets import (
    CREDIT_CODE,
    ENTERPRISE,
    EQUIPMENT_NAME,
    KINDS,
    NO,
    TASKS_SHEET,
    YES,
    SheetSpec,
    sheet_specs,
    stored_cell,
)

ROWS = 2000  # rows under the header that carry the drop-downs
_BOX = Border(*(Side(style="thin"),) * 4)
_HEAD_FILL = PatternFill(fill_type="solid", start_color="FFDDEBF7", end_color="FFDDEBF7")


def open_tasks(actor, campaign) -> list[DiagnosisTask]:
    """The agency's tasks of `campaign` whose report it may still change (none once closed)."""
    if not campaign_is_open(campaign):
        return []
    return list(
        scope(DiagnosisTask.objects.filter(campaign=campaign, state__in=EDITABLE), actor)
        .select_related("enterprise")
        .order_by("seq", "pk")
    )


def bulk_template(actor, campaign) -> bytes:
    """The workbook for `actor`'s open tasks of `campaign`, with their stored rows."""
    entries = entries_for_year(campaign.year)
    specs = sheet_specs(campaign.year, entries)
    tasks = open_tasks(actor, campaign)
    reports = {
        r.task_id: r
        for r in DiagnosisReport.objects.filter(task__in=tasks).prefetch_related(
            "energy_uses", "equipment", "measures__equipment", "product_rows"
        )
    }
    wb = new_workbook()
    wb.remove(wb.active)
    sheets = {}
    for kind in KINDS:
        spec = specs[kind]
        ws = wb.create_sheet(spec.title)
        sheets[kind] = ws
        _header(ws, spec)
        for task in tasks:
            report = reports.get(task.pk)
            for values in _stored_rows(kind, report) if report else ():
                ws.append(_line(spec, task, values))
    _tasks_sheet(wb, tasks)
    _drop_downs(wb, sheets, specs, tasks)
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _header(ws, spec: SheetSpec) -> None:
    ws.append(spec.headers())
    for i, column in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font, cell.border, cell.fill = Font(bold=True), _BOX, _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = max(column.width, len(column.header) + 4)
    ws.freeze_panes = "C2"


def _stored_rows(kind: str, report) -> list[dict[str, Any]]:
    if kind == "product":
        return [
            {
                name: getattr(row, f"{name}_id" if name == "entry" else name)
                for name in PRODUCT_INPUT
            }
            for row in report.product_rows.all()
        ]
    related = {"energy": "energy_uses", "equipment": "equipment", "measure": "measures"}[kind]
    rows = []
    for row in getattr(report, related).all():
        values = row_input(kind, row)
        if kind == "equipment":
            values |= {**(values.pop("params") or {}), **(values.pop("metrics") or {})}
        if kind == "measure":
            values[EQUIPMENT_NAME] = row.equipment.name if row.equipment_id else ""
            values.pop("equipment", None)
        rows.append(values)
    return rows


def _line(spec: SheetSpec, task, values: dict[str, Any]) -> list[Any]:
    line = []
    for column in spec.columns:
        if column.key == CREDIT_CODE:
            line.append(task.enterprise.credit_code)
        elif column.key == ENTERPRISE:
            line.append(task.enterprise_name or task.enterprise.name)
        elif column.boolean:
            line.append(YES if values.get(column.key) else NO)
        else:
            line.append(stored_cell(column, values.get(column.key)))
    return line


def _tasks_sheet(wb, tasks) -> None:
    ws = wb.create_sheet(TASKS_SHEET)
    ws.append(["统一社会信用代码", "企业名称", "任务状态"])
    for cell in ws[1]:
        cell.font, cell.border = Font(bold=True), _BOX
    for task in tasks:
        name = task.enterprise_name or task.enterprise.name
        ws.append([task.enterprise.credit_code, name, str(task.get_state_display())])
    for letter, width in zip("ABC", (24, 40, 14), strict=True):
        ws.column_dimensions[letter].width = width


def _drop_downs(wb, sheets, specs: dict[str, SheetSpec], tasks) -> None:
    """Each list once on the hidden 选项 sheet; a validation on each choice column."""
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    sources: dict[tuple[str, ...], str] = {}

    def source(header: str, values: tuple[str, ...]) -> str:
        if values not in sources:
            number = len(sources) + 1
            letter = get_column_letter(number)
            lists.cell(row=1, column=number, value=header)
            for row, value in enumerate(values, start=2):
                lists.cell(row=row, column=number, value=value)
            sources[values] = (
                f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
            )
        return sources[values]

    codes = tuple(task.enterprise.credit_code for task in tasks)
    for kind, ws in sheets.items():
        for i, column in enumerate(specs[kind].columns, start=1):
            if column.key == CREDIT_CODE:
                values = codes
            elif column.boolean:
                values = (YES, NO)
            else:
                values = tuple(column.choices)
            if not values:
                continue
            validation = DataValidation(
                type="list",
                formula1=source(column.header, values),
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop",
                errorTitle=column.header[:32],
                error=f"请从下拉列表中选择{column.header}。"[:255],
                promptTitle=column.header[:32],
                prompt="请从下拉列表中选择。",
                showInputMessage=True,
            )
            letter = get_column_letter(i)
            validation.add(f"{letter}2:{letter}{ROWS + 1}")
            ws.add_data_validation(validation)
