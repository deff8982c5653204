"""The attachment forms (附件1–3) as xlsx files that look like the ministry's own.

Row 1 the attachment label, row 2 the title with the year (merged across), row 3 the 填报单位
line, then the header row(s), the data rows, a blank row and the notes. Column widths are fitted
to the content and then to the page (portal.spreadsheets.printing: A4 landscape, one page wide,
body text at least 9 pt on paper), each row is as high as its wrapped text, the header is frozen
and repeated on every printed page. The sheet is streamed (openpyxl write-only), so a national
list of any length fits in a small, fixed amount of memory.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain, islice
from os import PathLike
from typing import IO, Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.dimensions import RowDimension

from portal.spreadsheets.printing import (
    fit_to_page,
    row_height,
    set_up_print,
    sure_fit,
    text_floor,
    wrapped_lines,
)
from portal.spreadsheets.writer import (
    HEADING_FONT,
    ColumnCells,
    StreamingSheet,
    TemplateCell,
    bind,
    display_width,
    new_workbook,
    template,
)

from .layouts import Column, FormLayout

Row = Mapping[str, Any]
Progress = Callable[[int, int | None], None]
PROGRESS_EVERY = 500
WIDTH_SAMPLE_ROWS = 2000  # widths are fitted to the first rows; a long list is never held twice
HEADER_ROW = 4
NOTE_SIZE = 11  # notes print at 9 pt or more too


def render_form_xlsx(
    layout: FormLayout,
    *,
    year: int,
    organizer_name: str,
    rows: Iterable[Row],
    out: str | PathLike[str] | IO[bytes],
    national: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write one attachment form; returns the number of data rows written.

    `rows` are plain dicts keyed by the layout's column keys (序号 columns are numbered here).
    `national=True` adds a 填报单位 column read from each row's `organizer` key and, when the
    layout has a `total_label`, a total row.
    """
    if national:
        layout = layout.with_organizer_column()
    total = len(rows) if isinstance(rows, Sequence) else None
    remaining = iter(rows)
    head = list(islice(remaining, WIDTH_SAMPLE_ROWS))
    natural = fit_widths(layout, head, total or len(head))
    widths = fit_to_page(natural, column_floors(layout, head, natural))
    wrapping = wrapping_columns(layout)

    workbook = new_workbook(write_only=True)
    sheet = workbook.create_sheet((layout.sheet_name or layout.label)[:31])
    header_rows = 2 if layout.has_groups else 1
    _set_up_page(sheet, layout, widths, header_rows)
    _write_heading(sheet, layout, year=year, organizer_name=organizer_name)
    _write_header(sheet, layout)
    rows_in = chain(head, remaining)
    count, sums = _write_data(sheet, layout, rows_in, (widths, wrapping), total, progress)
    next_row = HEADER_ROW + header_rows + count
    if national and layout.total_label:
        _write_total(sheet, layout, sums)
        next_row += 1
    _write_notes(sheet, layout, widths, next_row)
    workbook.save(out)
    if progress:
        progress(count, count)
    return count


def fit_widths(layout: FormLayout, sample: Sequence[Row], count: int) -> list[float]:
    """Column widths (Excel character units): the widest content or header, capped."""
    widths = []
    for column in layout.columns:
        if column.sequence:
            content = float(len(str(count)))
        else:
            fmt = column.number_format
            content = max((display_width(row.get(column.key), fmt) for row in sample), default=0)
        header = display_width(column.header)
        # long headers wrap: onto two lines, or three above a column of numbers
        lines = 3 if column.number_format and not column.sequence and header > 16 else 2
        header_need = header / lines + 2 if header > 6 else header + 2
        width = max(column.width, header_need, content * 1.05 + 2)
        widths.append(round(min(layout.max_width, width), 1))
    _widen_groups(layout, widths)
    return widths


def wrapping_columns(layout: FormLayout) -> list[bool]:
    """Text columns wrap onto more lines; numbers (and 序号) never do."""
    return [not (column.sequence or column.number_format) for column in layout.columns]


def column_floors(
    layout: FormLayout, sample: Sequence[Row], widths: Sequence[float]
) -> list[float]:
    """How narrow each column may get to fit the page (see printing.text_floor)."""
    floors = []
    for column, width, wraps in zip(layout.columns, widths, wrapping_columns(layout), strict=True):
        texts = [v for v in (row.get(column.key) for row in sample) if isinstance(v, str) and v]
        floors.append(text_floor(width, texts) if wraps else width)
    return floors


def _widen_groups(layout: FormLayout, widths: list[float]) -> None:
    for group in dict.fromkeys(c.group for c in layout.columns if c.group):
        indexes = [i for i, c in enumerate(layout.columns) if c.group == group]
        missing = display_width(group) + 2 - sum(widths[i] for i in indexes)
        for i in indexes if missing > 0 else ():
            widths[i] = round(widths[i] + missing / len(indexes), 1)


def _set_up_page(
    sheet: StreamingSheet, layout: FormLayout, widths: list[float], header_rows: int
) -> None:
    """Everything the write-only sheet writes before its rows, and the print setup."""
    set_up_print(sheet, widths, header_rows=(HEADER_ROW, HEADER_ROW + header_rows - 1))
    # One-line rows get the padding of the wrapped ones instead of the application's tight
    # default (LibreOffice's 12.8 pt put the text on the row's lower border).
    sheet.sheet_format.defaultRowHeight = row_height(1)
    sheet.sheet_format.customHeight = True
    heights = sheet.row_dimensions
    heights[1].height, heights[2].height, heights[3].height = 20, 36, 22
    header_lines = [wrapped_lines(c.header, w) for c, w in zip(layout.columns, widths, strict=True)]
    if header_rows == 1:
        heights[HEADER_ROW].height = row_height(max(header_lines)) + 4
    else:
        grouped = [n for n, c in zip(header_lines, layout.columns, strict=True) if c.group]
        plain = [n for n, c in zip(header_lines, layout.columns, strict=True) if not c.group]
        heights[HEADER_ROW].height = 24
        second = max(row_height(max(grouped)) + 4, row_height(max(plain, default=1)) + 4 - 24)
        heights[HEADER_ROW + 1].height = second


def _write_heading(
    sheet: StreamingSheet, layout: FormLayout, *, year: int, organizer_name: str
) -> None:
    last = get_column_letter(len(layout.columns))
    label = template(sheet, size=14, font=HEADING_FONT, horizontal="left", border=False, wrap=False)
    sheet.append([_copy(label, layout.label)])
    title = template(sheet, size=18, bold=True, border=False, wrap=False)
    sheet.append([_copy(title, layout.title_for(year))])
    sheet.merged_cells.add(f"A2:{last}2")
    line = template(sheet, size=12, horizontal="left", border=False, wrap=False)
    text = layout.organizer_line.format(organizer=organizer_name, year=year)
    sheet.append([_copy(line, text)])


def _copy(proto: TemplateCell, text: str | None = None) -> TemplateCell:
    """A new cell styled like `proto` holding `text`, always as text (never a formula)."""
    cell = TemplateCell(proto.parent, style_array=proto._style)
    cell._style_id = proto.style_id
    if text is not None:
        cell.value = text  # a SafeCell: text, never a formula
    return cell


def _write_header(sheet: StreamingSheet, layout: FormLayout) -> None:
    proto = template(sheet, bold=True)
    columns = layout.columns
    if not layout.has_groups:
        sheet.append([_copy(proto, c.header) for c in columns])
        return
    top, bottom = HEADER_ROW, HEADER_ROW + 1
    first_row, second_row = [], []
    for index, column in enumerate(columns):
        letter = get_column_letter(index + 1)
        starts_group = column.group and (index == 0 or columns[index - 1].group != column.group)
        if not column.group:
            first_row.append(_copy(proto, column.header))
            second_row.append(_copy(proto))
            sheet.merged_cells.add(f"{letter}{top}:{letter}{bottom}")
            continue
        first_row.append(_copy(proto, column.group if starts_group else None))
        second_row.append(_copy(proto, column.header))
        if starts_group:
            end = index + sum(1 for c in columns[index:] if c.group == column.group)
            sheet.merged_cells.add(f"{letter}{top}:{get_column_letter(end)}{top}")
    sheet.append(first_row)
    sheet.append(second_row)


def _data_cells(sheet: StreamingSheet, columns: Sequence[Column]) -> list[ColumnCells]:
    return [ColumnCells(sheet, horizontal=c.align, number_format=c.number_format) for c in columns]


def _write_data(
    sheet: StreamingSheet,
    layout: FormLayout,
    rows: Iterable[Row],
    columns: tuple[list[float], list[bool]],
    total: int | None,
    progress: Progress | None,
) -> tuple[int, list[float]]:
    """The data rows, each as high as its wrapped text; returns how many and the sums of the
    `total` columns."""
    cells = _data_cells(sheet, layout.columns)
    keys = layout.keys
    numbered = [i for i, c in enumerate(layout.columns) if c.sequence]
    summed = [i for i, c in enumerate(layout.columns) if c.total]
    widths, wrapping = columns
    # (column, width, characters that surely fit one line): only longer text is measured
    wrapped = [(i, widths[i], sure_fit(widths[i])) for i, wraps in enumerate(wrapping) if wraps]
    heights = sheet.row_dimensions
    tall: dict[int, RowDimension] = {}
    first = HEADER_ROW + (2 if layout.has_groups else 1)
    sums = [0.0] * len(keys)
    count = 0
    for count, row in enumerate(rows, 1):
        values = [row.get(key) for key in keys]
        for i in numbered:
            values[i] = count
        lines = 1
        for i, width, fits in wrapped:
            value = values[i]
            if type(value) is str and (len(value) > fits or "\n" in value):
                lines = max(lines, wrapped_lines(value, width))
        if lines > 1:  # a one-line row keeps the default height
            number = first + count - 1
            if lines not in tall:  # one height object per line count, shared by the rows
                tall[lines] = RowDimension(sheet, ht=row_height(lines))
            heights[number] = tall[lines]
            sheet.append(bind(cells, values))
            del heights[number]  # written with the row: a long list keeps no heights in memory
        else:
            sheet.append(bind(cells, values))
        for i in summed:
            sums[i] += _number(values[i])
        if progress and count % PROGRESS_EVERY == 0:
            progress(count, total)
    return count, sums


def _number(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def _write_total(sheet: StreamingSheet, layout: FormLayout, sums: list[float]) -> None:
    row = []
    for index, column in enumerate(layout.columns):
        cell = template(
            sheet, bold=True, horizontal=column.align, number_format=column.number_format
        )
        if index == 0:
            cell.value = layout.total_label
        elif column.total:
            total = sums[index]
            cell.value = int(total) if total.is_integer() else total
        row.append(cell)
    sheet.append(row)


def _write_notes(
    sheet: StreamingSheet, layout: FormLayout, widths: list[float], blank_row: int
) -> None:
    """A blank row after the table (row `blank_row`), then one merged row per note."""
    if not layout.notes:
        return
    sheet.append([])
    last = get_column_letter(len(widths))
    proto = template(sheet, size=NOTE_SIZE, horizontal="left", border=False)
    for number, note in enumerate(layout.notes, blank_row + 1):
        sheet.row_dimensions[number].height = row_height(wrapped_lines(note, sum(widths)))
        sheet.append([_copy(proto, note)])
        sheet.merged_cells.add(f"A{number}:{last}{number}")
