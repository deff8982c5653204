"""附件3 files as people really make them: other layouts, messy cells, missing columns."""

from decimal import Decimal

import pytest

from enterprises.imports import INTENT_COLUMNS, parse_intent_list
from portal.spreadsheets import SpreadsheetError
from tests.fixtures.sheets import (
    INTENT_HEADERS,
    credit_code,
    intent_row,
    intent_xlsx,
    table_rows,
    xlsx_bytes,
)


def test_plain_sheet_with_header_first_row():
    """A sheet that starts with the header row reads like the ministry layout."""
    data = xlsx_bytes(table_rows([intent_row(1), intent_row(2)], INTENT_HEADERS))
    result = parse_intent_list(data)
    assert result.errors == []
    assert [r.sheet_row for r in result.rows] == [2, 3]
    assert result.organizer_text is None


def test_columns_in_another_order():
    """Columns are matched by header, so their order does not matter."""
    headers = list(reversed(INTENT_HEADERS))
    result = parse_intent_list(intent_xlsx([intent_row(1)], headers))
    assert result.errors == []
    assert result.rows[0].credit_code == credit_code(1)


def test_full_width_lower_case_and_stray_spaces_are_cleaned():
    """Full-width digits, a lower-case code with spaces and spaced names are normalised."""
    code = credit_code(7)
    messy = intent_row(
        7,
        **{
            "序号": "７",
            "企业名称": " 测试 钢铁有限公司\u3000",
            "所属行业": "ｃ３１",
            "组织机构代码": f" {code[:9].lower()} {code[9:].lower()}\u00a0",
            "节能诊断类型": " 重点行业 ",
            "是否中小企业": " 否 ",
        },
    )
    result = parse_intent_list(intent_xlsx([messy]))
    assert result.errors == []
    row = result.rows[0]
    assert (row.seq, row.enterprise_name, row.industry_code) == (7, "测试钢铁有限公司", "C31")
    assert row.credit_code == code


@pytest.mark.parametrize(
    ("cell", "tce"),
    [("1,234.5", "1234.5"), ("1，234.5", "1234.5"), (" 12 345 ", "12345"), ("５０００", "5000")],
)
def test_energy_stored_as_text_with_separators(cell, tce):
    """上年度综合能源消费量 typed as text with thousands separators reads as a number."""
    result = parse_intent_list(intent_xlsx([intent_row(1, **{INTENT_HEADERS[6]: cell})]))
    assert result.rows[0].energy_tce == Decimal(tce)


def test_blank_and_pre_numbered_rows_are_skipped_and_notes_end_the_table():
    """Empty rows, rows with only a 序号, and the notes below produce neither rows nor errors."""
    rows = [intent_row(1), {}, {"序号": 2}, intent_row(3)]
    result = parse_intent_list(intent_xlsx(rows))
    assert result.errors == []
    assert [r.seq for r in result.rows] == [1, 3]


def test_missing_required_column_is_a_file_level_error():
    """A file without the credit-code column is refused as a whole, naming that column."""
    headers = [h for h in INTENT_HEADERS if h != "组织机构代码"]
    with pytest.raises(SpreadsheetError) as info:
        parse_intent_list(intent_xlsx([intent_row(1)], headers))
    assert info.value.code == "missing_columns"
    assert "组织机构代码" in str(info.value)


def test_optional_columns_may_be_left_out():
    """Without 序号, 所在区县 and 备注 the rows are named by sheet row and still read."""
    headers = [h for h in INTENT_HEADERS if h not in ("序号", "所在区县", "备注")]
    result = parse_intent_list(xlsx_bytes(table_rows([intent_row(1)], headers)))
    assert result.errors == []
    assert (result.rows[0].seq, result.rows[0].county, result.rows[0].remarks) == (None, "", "")


def test_unified_credit_code_header_is_accepted_and_named_in_errors():
    """The header 统一社会信用代码 is an alias; errors then name that header."""
    headers = ["统一社会信用代码" if h == "组织机构代码" else h for h in INTENT_HEADERS]
    row = intent_row(1, **{"组织机构代码": "123"})
    rows = [{("统一社会信用代码" if k == "组织机构代码" else k): v for k, v in row.items()}]
    result = parse_intent_list(intent_xlsx(rows, headers))
    assert [e.column for e in result.errors] == ["统一社会信用代码"]


def test_a_later_campaign_supplies_its_own_headers():
    """column_spec replaces the 2021 headers: a renamed column is found by the new text."""
    spec = dict(INTENT_COLUMNS) | {"energy_tce": ("2022年综合能源消费量（吨标准煤）",)}
    headers = [
        "2022年综合能源消费量（吨标准煤）" if h == INTENT_HEADERS[6] else h for h in INTENT_HEADERS
    ]
    row = intent_row(1)
    row["2022年综合能源消费量（吨标准煤）"] = row.pop(INTENT_HEADERS[6])
    result = parse_intent_list(intent_xlsx([row], headers), column_spec=spec)
    assert result.rows[0].energy_tce == Decimal("12345.6")


def test_column_spec_without_a_required_field_is_a_programming_error():
    """A spec that cannot name the credit-code column is rejected before reading."""
    spec = {k: v for k, v in INTENT_COLUMNS.items() if k != "credit_code"}
    with pytest.raises(ValueError, match="credit_code"):
        parse_intent_list(intent_xlsx([intent_row(1)]), column_spec=spec)


def test_industry_as_the_portal_lists_it_is_read_from_a_file():
    """所属行业 written as the portal's drop-down shows it ("C31 黑色金属…") imports as C31."""
    rows = [
        intent_row(1, **{"所属行业": "C31 黑色金属冶炼和压延加工业"}),
        intent_row(2, **{"所属行业": "C26\u3000化学原料和化学制品制造业"}),
        intent_row(3, **{"所属行业": "C3110"}),
    ]
    result = parse_intent_list(intent_xlsx(rows))
    assert result.errors == []
    assert [r.industry_code for r in result.rows] == ["C31", "C26", "C31"]
