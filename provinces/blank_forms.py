"""Blank attachment forms in the ministry's layout, for organizers to fill in and import back.

Pure (no database): title rows, the 填报单位 line, the header row with the exact texts the
importers read, numbered empty rows, drop-down lists on the choice columns and the notes under
the table. The lists live on a hidden sheet (选项), one column each: a list written into the
validation itself is limited to 255 characters, which 所属行业's 41 names exceed.
"""

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from portal.spreadsheets.writer import new_workbook

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_ROW = 4
LISTS_SHEET = "选项"


@dataclass(frozen=True)
class Choices:
    """A drop-down on the column headed `header`.

    `strict`: other values are refused when typed (Excel's "stop"); otherwise Excel warns and
    lets them through, for columns whose importer reads more forms than the list shows (an
    industry's code alone, an agency from the national registry).
    """

    values: Sequence[str]
    strict: bool = True


def blank_form(
    *,
    label: str,
    title: str,
    organizer: str,
    headers: Sequence[str],
    notes: Sequence[str] = (),
    rows: int = 20,
    choices: Mapping[str, Choices] | None = None,
) -> bytes:
    """An xlsx: 附件N, the title, 填报单位, the headers, `rows` numbered rows, the notes;
    `choices` maps a header to its drop-down list."""
    wb = new_workbook()
    ws = wb.active
    ws.title = label
    width = len(headers)
    ws.append([label])
    ws.append([title])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws["A2"].font = Font(size=16, bold=True)
    ws["A2"].alignment = Alignment(horizontal="center")
    ws.append([f"填报单位（盖章）：{organizer}"])
    ws.append(list(headers))
    for cell in ws[HEADER_ROW]:
        cell.font, cell.border = Font(bold=True), _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for n in range(1, rows + 1):
        ws.append([n] + [None] * (width - 1))
        for cell in ws[ws.max_row]:
            cell.border = _BOX
    ws.append([])
    for note in notes:
        ws.append([note])
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(8, min(40, len(header) * 2 + 2))
    ws.freeze_panes = "A5"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if choices:
        _drop_downs(wb, ws, headers, choices, last_row=HEADER_ROW + rows)
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _drop_downs(wb, ws, headers: Sequence[str], choices: Mapping[str, Choices], last_row: int):
    """Each list on the hidden sheet, and a validation on its column's numbered rows."""
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    used = [(h, c) for h, c in choices.items() if h in headers and c.values]
    for number, (header, choice) in enumerate(used, start=1):
        letter = get_column_letter(number)
        lists.cell(row=1, column=number, value=header)
        for row, value in enumerate(choice.values, start=2):
            lists.cell(row=row, column=number, value=value)
        source = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(choice.values) + 1}"
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if choice.strict else "warning",
            errorTitle=header,
            error=f"请从下拉列表中选择{header}。",
            promptTitle=header,
            prompt="请从下拉列表中选择。",
            showInputMessage=True,
        )
        column = get_column_letter(headers.index(header) + 1)
        validation.add(f"{column}{HEADER_ROW + 1}:{column}{last_row}")
        ws.add_data_validation(validation)
