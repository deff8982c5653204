"""Formula cells: the value the file stores is read; a formula stored without one is named."""

import io
import re
import zipfile

from django.utils import translation

from enterprises.imports import parse_intent_list
from portal.spreadsheets import read_table
from portal.spreadsheets.cells import FormulaWithoutValue
from tests.fixtures.sheets import intent_row, intent_xlsx, replace_member, xlsx_bytes

COLUMNS = {"seq": ["序号"], "name": ["企业名称"], "energy": ["能耗"]}
SHEET = "xl/worksheets/sheet1.xml"


def _sheet_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(SHEET).decode()


def _with_stored_values(data: bytes, values: dict[str, str]) -> bytes:
    """`data` (written by openpyxl, which stores no formula results) with a result stored in
    each formula cell named in `values`, as Excel saves it."""
    xml = _sheet_xml(data)
    for coordinate, value in values.items():
        xml, count = re.subn(
            rf'(<c r="{coordinate}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?',
            rf"\g<1>\g<2><v>{value}</v>",
            xml,
        )
        assert count == 1, coordinate
    return replace_member(data, SHEET, xml.encode())


def test_a_formula_with_a_stored_value_reads_as_that_value():
    """What Excel saves: the formula's last result is read, not the formula."""
    data = xlsx_bytes([["序号", "企业名称", "能耗"], [1, "甲公司", "=100*2"]])
    table = read_table(_with_stored_values(data, {"C2": "200"}), COLUMNS)
    assert table.rows[0].values["energy"] == 200


def test_a_formula_without_a_stored_value_is_not_an_empty_cell():
    """What scripts write (openpyxl here): the cell is marked, with its address."""
    data = xlsx_bytes([["序号", "企业名称", "能耗"], [1, "甲公司", "=100*2"]])
    table = read_table(data, COLUMNS)
    assert table.rows[0].values["energy"] == FormulaWithoutValue("C2")


def test_a_stored_empty_text_result_is_blank():
    """=IF(…,"",…) that Excel computed to "" (t="str", empty <v>) is an empty cell."""
    data = xlsx_bytes([["序号", "企业名称", "能耗"], [1, "甲公司", 5], [None, None, '=""']])
    xml = _sheet_xml(data).replace('<c r="C3">', '<c r="C3" t="str">')
    table = read_table(replace_member(data, SHEET, xml.encode()), COLUMNS)
    assert [r.number for r in table.rows] == [2]


def test_import_reports_the_formula_cell_by_row_column_and_address():
    """The 附件3 row is refused for its formula, not as "required"; other rows are fine."""
    rows = [
        intent_row(1),
        intent_row(2, **{"上年度综合能源消费量（吨标准煤）": "=1000+234"}),
        intent_row(3, **{"企业名称": '="测试"&"公司"'}),
    ]
    with translation.override("zh-hans"):
        result = parse_intent_list(intent_xlsx(rows))
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "上年度综合能源消费量（吨标准煤）"),
        (3, "企业名称"),
    ]
    assert "G6" in result.errors[0].reason and "公式" in result.errors[0].reason
    assert "必填" not in result.errors[0].reason
    assert "B7" in result.errors[1].reason


def test_import_reads_stored_formula_results():
    """The same file saved by Excel (results stored) imports clean, with the results."""
    rows = [intent_row(1, **{"上年度综合能源消费量（吨标准煤）": "=1000+234"})]
    data = _with_stored_values(intent_xlsx(rows), {"G5": "1234"})
    result = parse_intent_list(data)
    assert result.errors == []
    assert result.rows[0].energy_tce == 1234


def test_a_sequence_number_formula_without_value_names_the_row_by_sheet_row():
    """序号 =ROW()-4 without a stored value is no error; the row's problems name its sheet row."""
    rows = [intent_row(1, **{"序号": "=ROW()-4", "所属行业": "炼钢"})]
    result = parse_intent_list(intent_xlsx(rows))
    assert [(e.row, e.column) for e in result.errors] == [(5, "所属行业")]
