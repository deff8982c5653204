"""The one way the portal writes spreadsheet cells: text stays text, never a formula.

Every xlsx the portal produces (forms, exports, lists, the public download, blank forms, the
audit export) is written through this module; tests/portal/test_spreadsheets_no_formulas.py
renders them all with hostile names and refuses any other workbook writer.

The rule for a string value:
- it is stored as a string cell (data_type "s", an inline string), never as a formula ("f") or
  an error value ("e"), whatever it starts with;
- when it starts with a character a spreadsheet reads as the start of a formula or a control
  (= + - @ tab CR, and the # of an error code), the cell is also styled quotePrefix, so Excel and
  LibreOffice keep it text when someone edits the cell (OWASP's CSV-injection advice);
- the text itself is never changed (no leading apostrophe in the value): a name reads back
  exactly as it was entered, and "-" placeholders or "-2+3" stay what they are. Characters XML
  cannot hold (control characters) are dropped.
Numbers, dates and None are written as such: a negative number is a number, not text.

Two shapes of sheet:
- `new_workbook()` / `SafeSheet` for small styled sheets: every cell, however it is set
  (`append`, `cell(value=)`, `sheet["A1"] = …`), is a SafeCell.
- `new_workbook(write_only=True)` / `StreamingSheet` for national lists: rows of template cells
  bound with `bind` (one styled template cell per column, reused row by row), or plain values,
  which become SafeCells.
"""

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

_ILLEGAL_SUB = ILLEGAL_CHARACTERS_RE.sub
SHANGHAI = ZoneInfo("Asia/Shanghai")
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
# Text starting with these would be a formula (or look like one to Excel and LibreOffice when
# the cell is edited); "#" because "#N/A" and friends would be stored as error values.
RISKY_FIRST = frozenset("=+-@\t\r#")
ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
MAX_TEXT = 32_767  # characters a cell holds
_PLAIN_TYPES = frozenset((int, float, Decimal, type(None)))
THIN = Side(style="thin")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BODY_FONT = "宋体"
HEADING_FONT = "黑体"


def is_risky(text: str) -> bool:
    """Would a spreadsheet read `text` as a formula or an error if it were typed in?"""
    return text[:1] in RISKY_FIRST and (text[0] != "#" or text in ERROR_CODES)


def clean_string(value: str) -> str:
    """`value` as a plain str a cell can hold: control characters dropped, length capped."""
    # str.__str__ gives a plain str even for str subclasses such as Django's SafeString.
    return _ILLEGAL_SUB("", str.__str__(value))[:MAX_TEXT]


class SafeCell(Cell):
    """A cell that stores every string as text (never a formula or an error value)."""

    # openpyxl ships no types, so mypy cannot see Cell's slots (_value, data_type, the style):
    # the slots are declared for the runtime only, and the attributes for mypy.
    if not TYPE_CHECKING:
        __slots__ = ()
    _value: Any

    def _bind_value(self, value: Any) -> None:
        if not isinstance(value, str):
            super()._bind_value(value)
            return
        self._value = clean_string(value)
        self.data_type = "s"
        if is_risky(self._value):
            self._keep_text()

    def _keep_text(self) -> None:
        self.quotePrefix = True  # Excel keeps it text when the cell is edited


def _safe(sheet: Worksheet | WriteOnlyWorksheet, value: Any) -> SafeCell:
    """`value` in a SafeCell; a cell made elsewhere (openpyxl's own Cell) is refused."""
    if isinstance(value, SafeCell):
        return value
    if isinstance(value, Cell):
        raise TypeError("cells come from portal.spreadsheets.writer (SafeCell, template)")
    return SafeCell(sheet, value=value)


class SafeSheet(Worksheet):
    """A normal worksheet whose cells are SafeCells however they are set."""

    def _get_cell(self, row: int, column: int) -> Cell:
        if (row, column) not in self._cells:
            if not 0 < row < 1048577:
                raise ValueError(f"Row numbers must be between 1 and 1048576, not {row}")
            self._add_cell(SafeCell(self, row=row, column=column))
        return self._cells[(row, column)]

    def append(self, iterable: Iterable[Any]) -> None:
        if isinstance(iterable, dict):
            raise TypeError("append a list of values (dicts are not supported here)")
        super().append([_safe(self, value) for value in iterable])


class StreamingSheet(WriteOnlyWorksheet):
    """A write-only sheet: rows of ready cells (`bind`) or of values (None leaves a cell out)."""

    def _values_to_row(self, values: Sequence[Any], row_idx: int) -> Iterator[Cell]:
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            cell = _safe(self, value)
            cell.row = row_idx
            cell.column = col_idx
            yield cell


class SafeWorkbook(Workbook):
    """A workbook whose sheets are SafeSheets (or StreamingSheets when write-only)."""

    def __init__(self, *, write_only: bool = False):
        super().__init__(write_only=write_only)
        if not write_only:
            self._sheets = [SafeSheet(self)]

    def create_sheet(self, title: str | None = None, index: int | None = None):
        if self.read_only:
            raise TypeError("a read-only workbook takes no new sheets")
        sheet_class = StreamingSheet if self.write_only else SafeSheet
        sheet = sheet_class(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)
        return sheet


def new_workbook(*, write_only: bool = False) -> SafeWorkbook:
    """The only way the portal starts an xlsx it writes (see the module docstring)."""
    return SafeWorkbook(write_only=write_only)


class TemplateCell(SafeCell):
    """A cell with a fixed style whose style id is looked up once, not at every row."""

    if not TYPE_CHECKING:
        __slots__ = ("_style_id",)
    _style_id: int

    def seal(self) -> "TemplateCell":
        self._style_id = self.parent.parent._cell_styles.add(self._style)
        return self

    @property
    def style_id(self) -> int:
        return self._style_id

    def _keep_text(self) -> None:
        # The style is sealed: `bind` picks the column's quote-prefixed template for such text.
        pass


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


class ColumnCells:
    """The template cells of one data column: normal, forced-text and date variants."""

    __slots__ = ("date", "normal", "text")

    def __init__(self, sheet: StreamingSheet, *, horizontal: str, number_format: str | None):
        self.normal = template(sheet, horizontal=horizontal, number_format=number_format)
        self.text = template(sheet, horizontal=horizontal, quote_prefix=True)
        self.date = template(sheet, horizontal=horizontal, number_format=DATE_FORMAT)


def bind(columns: Sequence[ColumnCells], values: Sequence[Any]) -> list[Cell]:
    """The cells of one data row: each column's template cell holding its value.

    The streaming hot path (50,000-row national lists): values are bound to the template cells
    directly, by the same rule as SafeCell, without a property call per cell.
    """
    row: list[Cell] = []
    for cells, value in zip(columns, values, strict=True):
        kind = type(value)
        if kind is str:
            text = _ILLEGAL_SUB("", value)[:MAX_TEXT]
            risky = text[:1] in RISKY_FIRST and (text[0] != "#" or text in ERROR_CODES)
            cell = cells.text if risky else cells.normal
            cell._value = text
            cell.data_type = "s"  # never "f" (formula) or "e" (error)
        elif kind in _PLAIN_TYPES:
            cell = cells.normal
            # NaN and infinity (x - x is not 0) have no spreadsheet form: an empty cell.
            cell._value = None if kind is float and value - value != 0 else value
            cell.data_type = "n"
        else:
            cell = _special(cells, value)
        row.append(cell)
    return row


def _special(cells: ColumnCells, value: Any) -> Cell:
    """Values other than text and numbers: booleans, dates, anything with a str()."""
    if isinstance(value, bool):
        return bind((cells,), ("是" if value else "否",))[0]
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(SHANGHAI).replace(tzinfo=None)
    if isinstance(value, dt.date):
        # Bound directly: letting openpyxl pick a date format would restyle the shared template.
        cells.date._value = value
        cells.date.data_type = "d"
        return cells.date
    # str.__str__ gives a plain str even for str subclasses such as Django's SafeString.
    return bind((cells,), (str.__str__(str(value)),))[0]


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
