"""List exports as xlsx: one header row and one row per item on each sheet, laid out to print.

The shape every list export shares (the register of measures and its statistics, the results
application list, the case library's list): a sheet per table, its column headers (translated
when the workbook is written), its rows, number formats by column, then `lay_out_table` (A4
landscape, one page wide, boxed, wrapped). Cells go through portal.spreadsheets.writer, so text
stays text. A page answers with `portal.web.xlsx_response(table_workbook(...), name)`.

    table_workbook(
        Table(_("Measures"), [Column(_("Campaign"), "0"), Column(_("Measure"))], rows),
        Table(_("Statistics"), columns, other_rows),
    )
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

from .printing import lay_out_table
from .writer import new_workbook


@dataclass(frozen=True)
class Column:
    header: str | Promise
    number_format: str | None = None  # None: "#,##0" for whole numbers, else "#,##0.00"


@dataclass(frozen=True)
class Table:
    title: str | Promise  # the sheet's name
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]  # each as long as `columns`


def number(value: Decimal | float | int | None) -> float | None:
    """An amount as a spreadsheet number (a float), None staying an empty cell."""
    return float(value) if value is not None else None


def table_workbook(*tables: Table) -> bytes:
    """The xlsx of `tables`, one sheet each in order, as bytes."""
    workbook = new_workbook()
    for index, table in enumerate(tables):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = str(table.title)
        sheet.append([str(column.header) for column in table.columns])
        for row in table.rows:
            sheet.append(list(row))
        formats = {
            i: column.number_format
            for i, column in enumerate(table.columns)
            if column.number_format is not None
        }
        lay_out_table(sheet, header_row=1, number_formats=formats)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
