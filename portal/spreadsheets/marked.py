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
from collections.abc import Iterable, Iterator
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.dimensions import ColumnDimension

from .cells import FormulaWithoutValue
from .reader import Source, _load, _opened, sheet_parser
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
    out = new_workbook()
    out.remove(out.active)
    for title, copy in copied_sheets(source, out, limits):
        if title == layout.sheet_name:
            mark_cells(copy, layout, errors)
            out.active = out.index(copy)
    _problems_sheet(out, errors)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def copied_sheets(
    source: Source, out: Any, limits: Limits = DEFAULT_LIMITS
) -> Iterator[tuple[str, Any]]:
    """Copy each worksheet of `source` into `out`, in order; yields (the uploaded sheet's title,
    its copy) as each is done. See copy_sheet."""
    with _opened(source) as fileobj:
        check_xlsx(fileobj, limits)
        uploaded = _load(fileobj)
        try:
            for sheet in uploaded.worksheets:
                copy = out.create_sheet(sheet.title[:31])
                copy_sheet(sheet, copy)
                yield sheet.title, copy
        finally:
            uploaded.close()


def copy_sheet(sheet: Any, copy: Any) -> None:
    """The values (never formulas), column widths, merged cells and frozen panes of `sheet`, a
    read-only sheet, in one pass of the reader's parser: what openpyxl's full load of the file
    would show (a formula stored without a value is empty), without building its cells first."""
    with sheet._get_source() as source, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about the extensions it drops
        parser = sheet_parser(sheet, source)
        for _row, cells in parser.parse():
            for cell in cells:
                value = cell["value"]
                if value is not None and not isinstance(value, FormulaWithoutValue):
                    copy.cell(row=cell["row"], column=cell["column"], value=value)
    for letter, attributes in parser.column_dimensions.items():
        attributes = {k: v for k, v in attributes.items() if k != "style"}
        width = ColumnDimension(copy, **attributes).width
        if width:
            copy.column_dimensions[letter].width = width
    if parser.merged_cells:
        merged = MultiCellRange([CellRange(r.ref) for r in parser.merged_cells.mergeCell])
        for cell_range in merged.ranges:
            copy.merge_cells(str(cell_range))
    views = getattr(parser, "views", None)
    if views is not None and views.active.pane is not None:
        copy.freeze_panes = views.active.pane.topLeftCell


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
