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
LINE_HEIGHT = 14.5  # points per line of 11-point text
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
