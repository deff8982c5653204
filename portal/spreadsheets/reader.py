"""Reading a form's table from an uploaded xlsx: checked first, then one streaming pass.

Works for the ministry layout (title rows, a 填报单位 line, the header row, data, notes starting
with 注 under the table) and for a plain sheet whose first row is the header.
"""

import io
import logging
import re
import warnings
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike
from typing import Any, BinaryIO

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from openpyxl import xml as openpyxl_xml
from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import coordinate_to_tuple, get_column_letter
from openpyxl.worksheet._reader import (
    FORMULA_TAG,
    INLINE_STRING,
    SHEET_MAIN_NS,
    VALUE_TAG,
    WorkSheetParser,
)
from openpyxl.xml.constants import SHARED_STRINGS
from openpyxl.xml.functions import iterparse

from .cells import FormulaWithoutValue, normalize_text
from .errors import SpreadsheetError
from .headers import ColumnSpec, HeaderMatcher, organizer_text
from .safety import DEFAULT_LIMITS, Limits, check_xlsx

logger = logging.getLogger(__name__)
Source = str | PathLike[str] | bytes | BinaryIO
HEADER_SCAN_ROWS = 30
# "注：1. …", "注:", "说明：…" — but not an enterprise called 注塑….
_NOTE_RE = re.compile(r"(注|说明)(?:$|[:.、,(\d])")


@dataclass(frozen=True, slots=True)
class SheetRow:
    number: int  # the spreadsheet's own row number, 1-based
    values: dict[str, Any]  # field key → raw cell value (None when empty)


@dataclass
class Table:
    sheet_name: str
    header_row: int
    headers: dict[str, str]  # field key → the header text as written, for the columns found
    positions: dict[str, int]  # field key → its column (0-based), for the columns found
    organizer_text: str | None  # what follows "填报单位（盖章）：" above the header, if present
    rows: list[SheetRow]


def read_table(
    source: Source,
    columns: ColumnSpec,
    *,
    required: Collection[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Table:
    """Check `source` is a safe xlsx, find the table whose header names `columns`, read its rows.

    `required` lists the field keys whose column must be present (default: all of them).
    Blank rows are skipped and reading stops at the notes under the table.
    Raises SpreadsheetError for a file that is refused as a whole.
    """
    _require_defusedxml()
    matcher = HeaderMatcher(columns, set(columns) if required is None else set(required))
    with _opened(source) as fileobj:
        check_xlsx(fileobj, limits)
        workbook = _load(fileobj)
        try:
            for sheet in _sheets(workbook):
                table = _read_sheet(sheet, matcher, limits)
                if table is not None:
                    return table
        except SpreadsheetError:
            raise
        except Exception as exc:  # malformed XML surfaces only while rows are streamed
            logger.info("unreadable workbook", exc_info=True)
            raise _unreadable() from exc
        finally:
            workbook.close()
    raise matcher.failure(HEADER_SCAN_ROWS)


def _read_sheet(sheet: Any, matcher: HeaderMatcher, limits: Limits) -> Table | None:
    rows = _row_values(sheet)
    above: list[Sequence[object]] = []
    for number, values in enumerate(rows, start=1):
        match = matcher.match(values, number)
        if match is not None:
            data = _data_rows(rows, number, list(match.positions.items()), limits)
            return Table(
                sheet.title, number, match.texts, match.positions, organizer_text(above), data
            )
        if number >= HEADER_SCAN_ROWS:
            break
        above.append(values)
    return None


def _data_rows(
    rows: Iterator[tuple[Any, ...]], number: int, positions: list[tuple[str, int]], limits: Limits
) -> list[SheetRow]:
    found: list[SheetRow] = []
    for values in rows:
        number += 1
        if _is_note(values):
            break
        width = len(values)
        record = {key: values[i] if i < width else None for key, i in positions}
        if all(v is None or (v.__class__ is str and not v.strip()) for v in record.values()):
            continue
        if len(found) == limits.max_rows:
            raise SpreadsheetError(
                _("The table has more than %(limit)d rows."),
                code="too_many_rows",
                params={"limit": limits.max_rows},
            )
        found.append(SheetRow(number, record))
    return found


class _StoredValueParser(WorkSheetParser):
    """openpyxl's sheet parser reading stored values (data_only), with two differences: a formula
    cell without a stored value is a FormulaWithoutValue, where openpyxl gives None (empty); and
    the two commonest cells, a shared string and a plain inline string, are read directly
    (openpyxl builds a Text object for every inline string), with the same result."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        data_type = element.get("t")
        if data_type == "s" or data_type == "inlineStr":
            value = _string_value(element, data_type, self.shared_strings)
            if value is not None:
                row, column = self._position(element.get("r"))
                return {"row": row, "column": column, "value": value}
        cell = super().parse_cell(element)
        if (
            cell["value"] is None
            and element.find(FORMULA_TAG) is not None
            # Excel stores an empty text result as t="str" with <v></v>: a blank. openpyxl and
            # other writers put an empty <v></v> (or none) on a formula they did not compute.
            and data_type != "str"
        ):
            cell["value"] = FormulaWithoutValue(f"{get_column_letter(cell['column'])}{cell['row']}")
        return cell

    def _position(self, coordinate: str | None) -> tuple[int, int]:
        """The cell's (row, column), as WorkSheetParser.parse_cell finds them."""
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
            return row, column
        self.col_counter += 1
        return self.row_counter, self.col_counter


def _string_value(element: Any, data_type: str, shared_strings: Sequence[str]) -> str | None:
    """A text cell's value when it has the usual shape; None to leave the cell to openpyxl."""
    if data_type == "s":
        index = element.findtext(VALUE_TAG)
        return shared_strings[int(index)] if index else None
    inline = element.find(INLINE_STRING)
    return None if inline is None else _plain_text(inline)


_TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
_STRING_TAG = f"{{{SHEET_MAIN_NS}}}si"


def _plain_text(element: Any) -> str | None:
    """The text of an <is> or <si> that holds one unformatted <t> (what Excel, WPS and openpyxl
    write for plain text), as openpyxl's Text(...).content reads it; None for any other shape
    (rich-text runs, phonetic guides), which openpyxl's Text then reads."""
    if element.attrib or len(element) != 1 or element[0].tag != _TEXT_TAG:
        return None
    return element[0].text or ""


def _read_string_table(source: BinaryIO) -> list[str]:
    """openpyxl's read_string_table without a Text object per plain string."""
    strings = []
    for _event, element in iterparse(source):
        if element.tag == _STRING_TAG:
            text = _plain_text(element)
            if text is None:
                text = Text.from_tree(element).content
            strings.append(text.replace("x005F_", ""))
            element.clear()
    return strings


def _row_values(sheet: Any) -> Iterator[tuple[Any, ...]]:
    """Every row of a read-only sheet from row 1 as a tuple of values (a missing row is ()).

    The sheet's <dimension> is ignored (some writers declare a wrong one), as openpyxl's
    reset_dimensions() would; the rows come from _StoredValueParser.
    """
    with sheet._get_source() as source:
        parser = sheet_parser(sheet, source)
        expected = 1
        for index, cells in parser.parse():
            for _missing in range(expected, index):
                yield ()
            values: list[Any] = [None] * max((c["column"] for c in cells), default=0)
            for cell in cells:
                values[cell["column"] - 1] = cell["value"]
            yield tuple(values)
            expected = index + 1


def sheet_parser(sheet: Any, source: BinaryIO) -> _StoredValueParser:
    """The parser of a read-only `sheet` whose XML is `source` (sheet._get_source()): its
    parse() yields each row's cells; afterwards it holds the sheet's column widths, merged cells
    and views."""
    workbook = sheet.parent
    return _StoredValueParser(
        source,
        sheet._shared_strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )


def _is_note(values: Sequence[object]) -> bool:
    """Whether the row's first non-empty cell starts the notes (注 / 说明) under the table."""
    for value in values:
        if value is None:
            continue
        if not isinstance(value, str):
            return False
        text = normalize_text(value[:8])
        if text:
            return _NOTE_RE.match(text) is not None
    return False


def _sheets(workbook: Any) -> list[Any]:
    """The active worksheet first: that is where a form is when the workbook has several."""
    sheets = [s for s in workbook.worksheets if hasattr(s, "iter_rows")]
    active = workbook.active
    if active in sheets:
        sheets.remove(active)
        sheets.insert(0, active)
    return sheets


class _WorkbookReader(ExcelReader):
    """openpyxl.load_workbook's reader, with the shared strings read by _read_string_table."""

    def read_strings(self) -> None:
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            with self.archive.open(part.PartName[1:]) as source:
                self.shared_strings = _read_string_table(source)


def _load(fileobj: BinaryIO) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it drops
            reader = _WorkbookReader(fileobj, read_only=True, data_only=True, keep_links=False)
            reader.read()
            return reader.wb
    except Exception as exc:  # openpyxl raises many types for a broken package
        logger.info("unreadable workbook", exc_info=True)
        raise _unreadable() from exc


def _require_defusedxml() -> None:
    """Uploaded XML is untrusted: never parse it without defusedxml (entity expansion, XXE)."""
    if not openpyxl_xml.DEFUSEDXML:
        raise ImproperlyConfigured(
            "openpyxl must parse with defusedxml: install it and leave OPENPYXL_DEFUSEDXML unset."
        )


@contextmanager
def _opened(source: Source) -> Iterator[BinaryIO]:
    if isinstance(source, bytes):
        yield io.BytesIO(source)
    elif isinstance(source, str | PathLike):
        with open(source, "rb") as fileobj:
            yield fileobj
    else:
        yield source


def _unreadable() -> SpreadsheetError:
    return SpreadsheetError(
        _("The workbook is damaged or not a normal Excel file and could not be read."),
        code="unreadable",
    )
