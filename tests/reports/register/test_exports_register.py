"""The list exports' one shape (portal.spreadsheets.tables) and the three exports built on it:
the register (measures and statistics), the results application list, the case list."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from portal.spreadsheets.tables import Column, Table, number, table_workbook
from reports.cases.exports import CASE_COLUMNS
from reports.register.exports import MEASURE_COLUMNS, RESULTS_COLUMNS, STATISTICS_COLUMNS


def test_a_table_workbook_has_a_sheet_per_table_with_headers_rows_and_formats():
    content = table_workbook(
        Table("甲", [Column("名称"), Column("投资", "#,##0.00"), Column("个数")], [
            ["=1+1", number(Decimal("12.5")), 3],
            ["-", None, 4],
        ]),
        Table("乙", [Column("年度", "0")], iter([[2021]])),
    )  # fmt: skip
    first, second = load_workbook(io.BytesIO(content)).worksheets
    assert (first.title, second.title) == ("甲", "乙")
    assert [list(r) for r in first.iter_rows(values_only=True)] == [
        ["名称", "投资", "个数"],
        ["=1+1", 12.5, 3],  # text stays text, never a formula
        ["-", None, 4],
    ]
    assert first["A2"].data_type == "s"
    assert first["B2"].number_format == "#,##0.00"
    assert first["C2"].number_format == "#,##0"  # a whole number without a format
    assert first["A1"].font.b  # the header row, laid out to print
    assert first.page_setup.orientation == "landscape"
    assert [list(r) for r in second.iter_rows(values_only=True)] == [["年度"], [2021]]


@pytest.mark.parametrize(
    ("columns", "count"),
    [(MEASURE_COLUMNS, 16), (STATISTICS_COLUMNS, 11), (RESULTS_COLUMNS, 14), (CASE_COLUMNS, 18)],
)
def test_the_exports_headers_are_translated(columns, count):
    headers = [str(c.header) for c in columns]
    assert len(headers) == count == len(set(headers))  # no two columns read the same
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in headers), headers
