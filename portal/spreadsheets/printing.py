"""How a list workbook prints: A4 landscape, one page wide, text no smaller than 9 pt on paper.

Excel and LibreOffice shrink a sheet set to "fit to one page wide" by the ratio of the printable
width to the columns' width, so a wide list printed at 60 % turns 11-point text into 6.6 points.
`fit_to_page` narrows the wrapping text columns until the scale keeps the body text legible, and
`wrapped_lines` / `row_height` give each row the height its wrapped text needs (a row without a
height keeps one line and the rest of a long name is cut off or runs over the next row).

Column widths are in Excel's character units: with the workbook's default font (Calibri 11, a
digit 7 px wide at 96 dpi) a column of width w is 7w + 5 pixels; a Chinese character of 11-point
宋体 is 11 pt = 14.7 px wide, 2.1 units (display_width counts it 2), a Latin one about 1.05.
"""

import math
from collections.abc import Sequence
from decimal import Decimal

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from .writer import StreamingSheet, display_width

A4_LANDSCAPE_WIDTH_IN = 297 / 25.4
SIDE_MARGIN_IN = 0.3
BODY_SIZE = 11  # points: the body text of every list (writer.template's default)
MIN_PRINTED_SIZE = 9  # points on paper
MIN_SCALE = MIN_PRINTED_SIZE / BODY_SIZE
DIGIT_PX = 7  # the default font's digit width; a column is DIGIT_PX * width + 5 pixels
CHAR_UNITS = 1.05  # one display_width unit of 11-point text, in column units
CELL_PADDING = 0.6  # column units a cell keeps free around its text
MIN_WRAP_WIDTH = 8.0  # a wrapping column keeps at least three or four Chinese characters
CODE_WIDTH = 18 * 1.05 + 0.6  # an 18-character credit code on one line (longer codes wrap)
# points per line of 11-point text: 宋体 in Excel takes 14.5, the Noto Sans CJK LibreOffice falls
# back to on Linux 16 (rows of 14.5 clipped the last line of a four-line cell)
LINE_HEIGHT = 16.0
ROW_PADDING = 4.0  # points above and below the text of a row


def column_pixels(width: float) -> int:
    return int(DIGIT_PX * width + 5)


def printable_pixels(side_margin_in: float = SIDE_MARGIN_IN) -> float:
    return (A4_LANDSCAPE_WIDTH_IN - 2 * side_margin_in) * 96


def print_scale(widths: Sequence[float], side_margin_in: float = SIDE_MARGIN_IN) -> float:
    """The scale a spreadsheet application prints these columns at when fitting one page wide
    (whole percents, never above 100 %)."""
    total = sum(column_pixels(width) for width in widths)
    return min(100, math.floor(100 * printable_pixels(side_margin_in) / total)) / 100


def printed_size(widths: Sequence[float], size: float = BODY_SIZE) -> float:
    """The size in points that `size`-point text has on paper."""
    return size * print_scale(widths)


def fit_to_page(
    widths: Sequence[float], floors: Sequence[float], min_scale: float = MIN_SCALE
) -> list[float]:
    """`widths` with the widest columns narrowed to one cap (never below their `floors`) until
    the sheet prints at `min_scale` or more; a column whose floor is its width keeps it."""
    if print_scale(widths) >= min_scale:
        return list(widths)

    def capped(cap: float) -> list[float]:
        return [max(min(width, cap), floor) for width, floor in zip(widths, floors, strict=True)]

    low, high = 1.0, max(widths)
    if print_scale(capped(low)) < min_scale:
        return capped(low)  # every column at its floor; the scale is what it is
    for _ in range(30):  # bisect the widest cap that still fits
        middle = (low + high) / 2
        low, high = (middle, high) if print_scale(capped(middle)) >= min_scale else (low, middle)
    return [round(width, 1) for width in capped(math.floor(low * 10) / 10)]


def text_floor(width: float, texts: Sequence[str]) -> float:
    """The narrowest a text column may get: Chinese text or words wrap down to three or four
    characters; a code (credit code, telephone number) up to 18 characters stays whole."""
    if any(not text.isascii() or " " in text for text in texts):
        return min(width, MIN_WRAP_WIDTH)
    return min(width, max(MIN_WRAP_WIDTH, CODE_WIDTH))


def sure_fit(width: float, size: float = BODY_SIZE) -> int:
    """How many characters surely fit one line of `width`, even if every one is Chinese."""
    return int(max(width - CELL_PADDING, 1.0) / (2 * CHAR_UNITS * size / BODY_SIZE))


def wrapped_lines(value: object, width: float, size: float = BODY_SIZE) -> int:
    """How many lines `value` takes in a wrapping column of `width` (explicit breaks too)."""
    if not isinstance(value, str) or not value:
        return 1
    room = max(width - CELL_PADDING, 1.0)
    scale = CHAR_UNITS * size / BODY_SIZE
    if len(value) <= sure_fit(width, size) and "\n" not in value:
        return 1  # no need to measure
    return sum(max(1, math.ceil(display_width(line) * scale / room)) for line in value.split("\n"))


def row_height(lines: int, size: float = BODY_SIZE) -> float:
    return round(lines * LINE_HEIGHT * size / BODY_SIZE + ROW_PADDING, 2)


def set_up_print(
    sheet: Worksheet | StreamingSheet,
    widths: Sequence[float],
    *,
    header_rows: tuple[int, int],
    footer: str = "第 &P 页，共 &N 页",
) -> None:
    """Column widths, frozen and repeated header rows, A4 landscape one page wide, margins and
    a page-number footer that is not shrunk with the sheet."""
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    first, last = header_rows
    sheet.freeze_panes = f"A{last + 1}"
    sheet.print_title_rows = f"{first}:{last}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(
        left=SIDE_MARGIN_IN, right=SIDE_MARGIN_IN, top=0.6, bottom=0.6, header=0.3, footer=0.3
    )
    sheet.oddFooter.center.text = footer
    sheet.oddFooter.center.size = MIN_PRINTED_SIZE
    sheet.HeaderFooter.scaleWithDoc = False  # the footer keeps its 9 points at any scale


def lay_out_table(
    sheet: Worksheet,
    *,
    header_row: int,
    number_formats: dict[int, str] | None = None,
    max_width: float = 40.0,
    footer: str = "第 &P 页，共 &N 页",
) -> list[float]:
    """A small table already written to a normal sheet, made to print like the portal's lists:
    the header row from `header_row` on, bold, centred and wrapped; every cell boxed; text
    columns wrapped with each row as tall as its text; `number_formats` by column index
    (0-based, e.g. "#,##0.0"; whole numbers get "#,##0"); widths fitted to the content and
    then to A4 landscape one page wide at ≥ 9 pt. Returns the widths."""
    from openpyxl.styles import Alignment, Border, Font, Side

    formats = number_formats or {}
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    rows = list(sheet.iter_rows(min_row=header_row))
    count = max((len(row) for row in rows), default=0)
    header = rows[0] if rows else ()
    body = rows[1:]
    texts: list[list[str]] = [[] for _ in range(count)]
    natural = []
    for index in range(count):
        fmt = formats.get(index)
        content = 0.0
        for row in body:
            value = row[index].value if index < len(row) else None
            if isinstance(value, str):
                texts[index].append(value)
            elif (
                isinstance(value, int | float | Decimal)
                and not isinstance(value, bool)
                and fmt is None
            ):
                fmt = "#,##0" if isinstance(value, int) else "#,##0.00"
            content = max(content, display_width(value, fmt or "#,##0.00"))
        formats.setdefault(index, fmt or "")
        title = header[index].value if index < len(header) else None
        # a header wraps onto up to three lines rather than widening a column of numbers
        header_need = min(display_width(title), max(display_width(title) / 3 + 2, 8.0))
        natural.append(round(min(max_width, max(content * 1.05 + 2, header_need, 5.0)), 1))
    floors = [text_floor(w, t) if t else w for w, t in zip(natural, texts, strict=True)]
    widths = fit_to_page(natural, floors)
    set_up_print(sheet, widths, header_rows=(header_row, header_row), footer=footer)
    header_lines = 1
    for index, cell in enumerate(header):
        cell.font, cell.border = Font(bold=True), box
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header_lines = max(header_lines, wrapped_lines(cell.value, widths[index]))
    sheet.row_dimensions[header_row].height = row_height(header_lines) + 4
    for row in body:
        lines = 1
        for index, cell in enumerate(row):
            cell.border = box
            if isinstance(cell.value, str):
                centred = "center" if cell.value == "—" else None  # the dash of "no value"
                cell.alignment = Alignment(horizontal=centred, vertical="center", wrap_text=True)
                lines = max(lines, wrapped_lines(cell.value, widths[index]))
            else:
                cell.alignment = Alignment(horizontal="right", vertical="center")
                if formats.get(index) and not cell.number_format.endswith("%"):
                    cell.number_format = formats[index]
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = row_height(lines)
    return widths
