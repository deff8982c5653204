"""The uploaded workbook handed back with its problems marked: each bad cell filled and
commented with the reason(s), and a sheet listing every problem (issue 15, Imports).

The copy is written like every workbook the portal makes (portal.spreadsheets.writer): values
only, text kept text, no formula — a formula's stored value is copied, a formula stored without
one stays empty and its comment says so. Column widths and merged cells are kept so the copy
looks like the file that was uploaded.
"""

import io
import warnings
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from .reader import Source, _opened
from .results import Layout, RowError
from .safety import DEFAULT_LIMITS, Limits, check_xlsx
from .writer import new_workbook

BAD_FILL = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")
BAD_FONT = Font(color="FF9C0006")
PROBLEMS_SHEET = "问题清单"
_AUTHOR = "工业节能诊断服务平台"


def marked_workbook(
    source: Source, layout: Layout, errors: Iterable[RowError], limits: Limits = DEFAULT_LIMITS
) -> bytes:
    """`source` (an xlsx the reader has read) with each error's cell marked, as a new xlsx."""
    errors = list(errors)
    with _opened(source) as fileobj:
        check_xlsx(fileobj, limits)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            uploaded = openpyxl.load_workbook(fileobj, data_only=True, keep_links=False)
    out = new_workbook()
    out.remove(out.active)
    for sheet in uploaded.worksheets:
        copy = out.create_sheet(sheet.title[:31])
        copy_sheet(sheet, copy)
        if sheet.title == layout.sheet_name:
            mark_cells(copy, layout, errors)
            out.active = out.index(copy)
    _problems_sheet(out, errors)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def copy_sheet(sheet: Any, copy: Any) -> None:
    """The values (never formulas), column widths, merged cells and frozen panes of `sheet`."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                copy.cell(row=cell.row, column=cell.column, value=cell.value)
    for letter, dimension in sheet.column_dimensions.items():
        if dimension.width:
            copy.column_dimensions[letter].width = dimension.width
    for merged in sheet.merged_cells.ranges:
        copy.merge_cells(str(merged))
    copy.freeze_panes = sheet.freeze_panes


def mark_cells(copy: Any, layout: Layout, errors: list[RowError]) -> None:
    """Fill and comment each error's cell (the row's first cell when its column is unknown)."""
    reasons: dict[tuple[int, int], list[str]] = defaultdict(list)
    for error in errors:
        if error.sheet_row is None:
            continue
        column = layout.columns.get(error.column, 1)
        prefix = "" if error.column in layout.columns else f"{error.column}："
        reasons[(error.sheet_row, column)].append(prefix + error.reason)
    for (row, column), texts in reasons.items():
        cell = copy.cell(row=row, column=column)
        cell.fill, cell.font = BAD_FILL, BAD_FONT
        text = "\n".join(texts)
        cell.comment = Comment(text, _AUTHOR, width=320, height=max(80, 40 * len(texts)))


def _problems_sheet(out: Any, errors: list[RowError]) -> None:
    sheet = out.create_sheet(PROBLEMS_SHEET)
    sheet.append(["序号（行）", "表格行号", "列", "问题"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for error in errors:
        sheet.append([error.row, error.sheet_row, error.column, error.reason])
    for letter, width in zip("ABCD", (12, 10, 24, 80), strict=True):
        sheet.column_dimensions[letter].width = width
