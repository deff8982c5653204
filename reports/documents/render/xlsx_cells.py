"""Cells for the streaming xlsx writer: one styled template cell per column, reused row by row.

openpyxl's write-only sheet serializes each appended row at once, so a row can be made of the
same template cells every time, with only their values changed. That keeps borders and number
formats on 50,000-row national lists at about the cost of writing plain values: no cell object
and no style lookup per cell. Values are bound here so that text is never stored as a formula.
"""

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

SHANGHAI = ZoneInfo("Asia/Shanghai")
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
# Text starting with these would be a formula (or look like one to Excel and LibreOffice when
# the cell is edited); "#" because "#N/A" and friends would be stored as error values.
RISKY_FIRST = frozenset("=+-@\t\r#")
ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
_PLAIN_TYPES = frozenset((int, float, Decimal, type(None)))
THIN = Side(style="thin")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BODY_FONT = "宋体"
HEADING_FONT = "黑体"


class StreamingSheet(WriteOnlyWorksheet):
    """A write-only sheet whose rows are lists of ready cells (None leaves a cell out)."""

    def _values_to_row(self, values: Sequence[Cell | None], row_idx: int) -> Iterator[Cell]:
        for col_idx, cell in enumerate(values, 1):
            if cell is None:
                continue
            cell.row = row_idx
            cell.column = col_idx
            yield cell


class TemplateCell(Cell):
    """A cell with a fixed style whose style id is looked up once, not at every row."""

    __slots__ = ("_style_id",)

    def seal(self) -> "TemplateCell":
        self._style_id = self.parent.parent._cell_styles.add(self._style)
        return self

    @property
    def style_id(self) -> int:
        return self._style_id


def template(
    sheet: StreamingSheet,
    *,
    size: float = 11,
    bold: bool = False,
    font: str = BODY_FONT,
    horizontal: str = "center",
    border: bool = True,
    wrap: bool = True,
    number_format: str | None = None,
    quote_prefix: bool = False,
) -> TemplateCell:
    cell = TemplateCell(sheet)
    cell.font = Font(name=font, size=size, bold=bold)
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap)
    if border:
        cell.border = GRID
    if number_format:
        cell.number_format = number_format
    if quote_prefix:
        cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    return cell.seal()


def clean_string(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


class ColumnCells:
    """The template cells of one data column: normal, forced-text and date variants."""

    __slots__ = ("date", "normal", "text")

    def __init__(self, sheet: StreamingSheet, *, horizontal: str, number_format: str | None):
        self.normal = template(sheet, horizontal=horizontal, number_format=number_format)
        self.text = template(sheet, horizontal=horizontal, quote_prefix=True)
        self.date = template(sheet, horizontal=horizontal, number_format=DATE_FORMAT)


def bind(columns: Sequence[ColumnCells], values: Sequence[Any]) -> list[Cell]:
    """The cells of one data row: each column's template cell holding its value."""
    row: list[Cell] = []
    for cells, value in zip(columns, values, strict=True):
        kind = type(value)
        if kind is str:
            if value[:1] in RISKY_FIRST and (value[0] != "#" or value in ERROR_CODES):
                row.append(_text(cells.text, value))
                continue
            cell = cells.normal
            try:
                cell.value = value
            except IllegalCharacterError:
                cell.value = clean_string(value)
            row.append(cell)
        elif kind in _PLAIN_TYPES:
            cell = cells.normal
            # NaN and infinity (x - x is not 0) have no spreadsheet form: an empty cell.
            cell.value = None if kind is float and value - value != 0 else value
            row.append(cell)
        else:
            row.append(_special(cells, value))
    return row


def _text(cell: TemplateCell, value: str) -> TemplateCell:
    try:
        cell.value = value
    except IllegalCharacterError:
        cell.value = clean_string(value)
    cell.data_type = "s"  # never "f" (formula) or "e" (error)
    return cell


def _special(cells: ColumnCells, value: Any) -> TemplateCell:
    """Values other than text and numbers: booleans, dates, anything with a str()."""
    if isinstance(value, bool):
        return _text(cells.normal, "是" if value else "否")
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(SHANGHAI).replace(tzinfo=None)
    if isinstance(value, dt.date):
        # Bound directly: letting openpyxl pick a date format would restyle the shared template.
        cells.date._value = value
        cells.date.data_type = "d"
        return cells.date
    # str.__str__ gives a plain str even for str subclasses such as Django's SafeString.
    text = str.__str__(str(value))
    return bind((cells,), (text,))[0]  # type: ignore[return-value]


def display_width(value: Any, number_format: str | None = None) -> float:
    """How wide `value` shows, in Excel character units: CJK and full-width characters count 2."""
    if value is None:
        return 0
    if isinstance(value, str):
        line = max(value.split("\n"), key=len) if "\n" in value else value
        # UTF-8 takes 3 bytes for CJK and 1 for ASCII: (bytes + chars) / 2 gives 2 and 1.
        return (len(line.encode("utf-8")) + len(line)) / 2
    if isinstance(value, bool):
        return 2
    if isinstance(value, int | float | Decimal) and number_format:
        decimals = len(number_format.split(".", 1)[1].rstrip("#")) if "." in number_format else 0
        grouping = "," if "," in number_format else ""
        return len(f"{float(value):{grouping}.{decimals}f}")
    if isinstance(value, dt.date):
        return 11
    return len(str(value))
