"""附件2 field rules and layouts: every bad cell becomes a RowError."""

import pytest

from agencies.imports import parse_agency_list
from portal.spreadsheets import SpreadsheetError
from tests.fixtures.sheets import AGENCY_HEADERS, agency_row, agency_xlsx, table_rows, xlsx_bytes


def _errors(*rows):
    return [(e.row, e.column) for e in parse_agency_list(agency_xlsx(rows)).errors]


def test_clean_rows_read_in_order():
    """Clean rows come back with their values normalised."""
    result = parse_agency_list(agency_xlsx([agency_row(1), agency_row(2, 专职技术人员数="1,200")]))
    assert result.errors == []
    assert [(r.seq, r.technical_staff) for r in result.rows] == [(1, 25), (2, 1200)]


def test_plain_sheet_with_columns_in_another_order():
    """A header-first sheet with reordered columns reads the same."""
    headers = list(reversed(AGENCY_HEADERS))
    result = parse_agency_list(xlsx_bytes(table_rows([agency_row(1)], headers)))
    assert result.errors == []
    assert result.rows[0].email == "contact1@example.cn"


def test_required_cells():
    """Name, code, nature, location, counts, contact, phone and e-mail are required."""
    row = agency_row(1, 机构名称=None, 联系人=" ", 邮箱=None)
    assert _errors(row) == [(1, "机构名称"), (1, "联系人"), (1, "邮箱")]


def test_optional_cells_may_be_blank():
    """擅长行业, 业绩, 职务 and 备注 may be left blank."""
    optional = {"擅长行业/诊断领域": None, "近年节能诊断/能源审计业绩": None, "职务": None}
    assert _errors(agency_row(1, **optional)) == []


def test_bad_credit_code_is_refused():
    """The GB 32100 check applies to agencies too."""
    assert _errors(agency_row(1, 统一社会信用代码="91370100EGUJ65RG1X")) == [
        (1, "统一社会信用代码")
    ]


@pytest.mark.parametrize("value", [-3, "2.5", "很多"])
def test_counts_must_be_non_negative_whole_numbers(value):
    """Staff and planned-enterprise counts are whole numbers, never negative."""
    row = agency_row(1, 专职技术人员数=value, 拟服务企业数量=value)
    assert _errors(row) == [(1, "专职技术人员数"), (1, "拟服务企业数量")]


@pytest.mark.parametrize("email", ["contact@", "联系人邮箱", "a@b"])
def test_email_format_is_checked(email):
    """A malformed e-mail address is an error in 邮箱."""
    assert _errors(agency_row(1, 邮箱=email)) == [(1, "邮箱")]


def test_full_width_at_sign_and_spaces_in_email_are_cleaned():
    """A full-width ＠ and stray spaces are typing slips, not errors."""
    result = parse_agency_list(agency_xlsx([agency_row(1, 邮箱=" zhang＠example.cn ")]))
    assert result.rows[0].email == "zhang@example.cn"


def test_duplicate_credit_code_names_the_other_row():
    """The same agency listed twice is an error on the second row naming the first."""
    first = agency_row(1)
    result = parse_agency_list(
        agency_xlsx([first, agency_row(2, 统一社会信用代码=first["统一社会信用代码"])])
    )
    assert [(e.row, e.column) for e in result.errors] == [(2, "统一社会信用代码")]
    assert "1" in result.errors[0].reason


def test_missing_required_column_is_a_file_level_error():
    """A file without the 邮箱 column is refused as a whole, naming it."""
    headers = [h for h in AGENCY_HEADERS if h != "邮箱"]
    with pytest.raises(SpreadsheetError) as info:
        parse_agency_list(agency_xlsx([agency_row(1)], headers))
    assert "邮箱" in str(info.value)


def test_phone_number_cells_read_as_digits():
    """A phone typed into a number cell reads as its digits, not 13800000000.0."""
    result = parse_agency_list(agency_xlsx([agency_row(1, 电话=13800000000)]))
    assert result.rows[0].phone == "13800000000"
