"""Blank attachment forms in the ministry's layout, for organizers to fill in and import back.

Pure (no database): title rows, the 填报单位 line, the header row with the exact texts the
importers read, and drop-down lists (data validation) on the choice columns of ROWS rows under
it — room for a whole province's list, with no numbered placeholder rows to delete or overwrite.
The notes are on a sheet of their own (填表说明): under the table they would stand in the rows
being filled in (the importers stop reading at a note) or, below 2,000 rows, print 50 empty
pages. The lists live on a hidden sheet (选项), one column each: a list written into the
validation itself is limited to 255 characters, which 所属行业's 41 names exceed.
"""

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from portal.spreadsheets.printing import (
    CODE_WIDTH,
    MIN_WRAP_WIDTH,
    fit_to_page,
    row_height,
    set_up_print,
    wrapped_lines,
)
from portal.spreadsheets.writer import display_width, new_workbook

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_ROW = 4
ROWS = 2000  # rows under the header that carry the drop-downs
LISTS_SHEET = "选项"
NOTES_SHEET = "填表说明"


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
    rows: int = ROWS,
    choices: Mapping[str, Choices] | None = None,
) -> bytes:
    """An xlsx: 附件N, the title, 填报单位, the headers; `choices` maps a header to its
    drop-down list on the `rows` rows under them; the notes on the 填表说明 sheet."""
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
    natural = [_entry_width(header) for header in headers]
    # long headers wrap; a name or a code keeps the room of what is typed under it
    widths = fit_to_page(natural, [_entry_floor(header) for header in headers])
    # A4 landscape one page wide, the header repeated; the title row as tall as its 16 points
    set_up_print(ws, widths, header_rows=(HEADER_ROW, HEADER_ROW))
    ws.row_dimensions[2].height = 28
    ws.row_dimensions[HEADER_ROW].height = max(
        row_height(wrapped_lines(h, w)) + 4 for h, w in zip(headers, widths, strict=True)
    )
    ws.freeze_panes = "A5"
    if notes:
        explained = wb.create_sheet(NOTES_SHEET)
        explained.column_dimensions["A"].width = 100
        for note in notes:
            explained.append([note])
            explained.cell(row=explained.max_row, column=1).alignment = Alignment(wrap_text=True)
    if choices:
        _drop_downs(wb, ws, headers, choices, last_row=HEADER_ROW + rows)
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _entry_width(header: str) -> float:
    """A column wide enough for what is typed under its header: a name (企业名称, 机构名称,
    提供服务的机构) about twelve characters, a code its 18, the rest their header."""
    if _is_name(header):
        return 24.0
    if "代码" in header:
        return CODE_WIDTH
    return max(10.0, min(24.0, display_width(header) + 2))


def _is_name(header: str) -> bool:
    return "名称" in header or header.endswith("机构") or "单位" in header


def _entry_floor(header: str) -> float:
    """The narrowest a column may get when the sheet is fitted to the page: a name keeps its
    width (a name cut to four characters a line takes four lines), a code its 18 characters on
    one line; any other column wraps its header down to MIN_WRAP_WIDTH."""
    if _is_name(header):
        return _entry_width(header)
    if "代码" in header:
        return CODE_WIDTH
    return min(_entry_width(header), MIN_WRAP_WIDTH)


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
