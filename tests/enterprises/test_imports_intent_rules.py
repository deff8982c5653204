"""附件3 field rules: every bad cell becomes a RowError (row 序号, column header, reason)."""

from enterprises.imports import parse_intent_list
from portal.spreadsheets import RowError
from tests.fixtures.sheets import INTENT_HEADERS, intent_row, intent_xlsx, table_rows, xlsx_bytes

ENERGY = INTENT_HEADERS[6]


def _errors(*rows):
    result = parse_intent_list(intent_xlsx(rows))
    return [(e.row, e.column) for e in result.errors]


def test_row_error_prints_as_row_column_reason():
    """str(RowError) is "row N: column: reason", as the import command prints it."""
    assert str(RowError(5, "组织机构代码", "wrong")) == "row 5: 组织机构代码: wrong"


def test_every_error_in_a_row_is_reported():
    """A row with three bad cells gives three errors, in column order, and no clean row."""
    bad = intent_row(4, **{"所属行业": "农业", "组织机构代码": "123", ENERGY: "-5"})
    result = parse_intent_list(intent_xlsx([intent_row(1), bad]))
    assert [(e.row, e.column) for e in result.errors] == [
        (4, "所属行业"),
        (4, "组织机构代码"),
        (4, ENERGY),
    ]
    assert [r.seq for r in result.rows] == [1]


def test_required_cells():
    """Blank required cells are errors; 所在区县 and 备注 may be blank."""
    row = intent_row(1, **{"企业名称": None, "所在地市": " ", "所属行业": None, "所在区县": None})
    assert _errors(row) == [(1, "企业名称"), (1, "所在地市"), (1, "所属行业")]


def test_rows_without_seq_are_named_by_sheet_row():
    """When 序号 is blank the error names the spreadsheet row."""
    data = xlsx_bytes(
        table_rows(
            [intent_row(1), intent_row(2, **{"序号": None, "企业名称": None})], INTENT_HEADERS
        )
    )
    assert [(e.row, e.sheet_row) for e in parse_intent_list(data).errors] == [(3, 3)]


def test_negative_energy_is_refused():
    """Energy consumption cannot be negative."""
    assert _errors(intent_row(1, **{ENERGY: -1})) == [(1, ENERGY)]


def test_energy_that_is_not_a_number_is_refused():
    """Text that is not a number in the energy column is an error there."""
    assert _errors(intent_row(1, **{ENERGY: "约五千吨"})) == [(1, ENERGY)]


def test_unknown_diagnosis_type_is_refused():
    """A type outside the five is an error in 节能诊断类型."""
    assert _errors(intent_row(1, **{"节能诊断类型": "清洁生产审核"})) == [(1, "节能诊断类型")]


def test_regional_diagnosis_needs_the_park_in_remarks():
    """区域集中式 without a park in 备注 is an error in 备注; with one it passes."""
    regional = {"节能诊断类型": "区域集中式", "是否中小企业": "是（小型）"}
    assert _errors(intent_row(1, **regional)) == [(1, "备注")]
    assert _errors(intent_row(1, **regional, 备注="济南经济技术开发区")) == []


def test_sme_diagnosis_needs_an_sme():
    """A 中小企业 diagnosis of an enterprise answered 否 is an error in 是否中小企业."""
    assert _errors(intent_row(1, **{"节能诊断类型": "中小企业", "是否中小企业": "否"})) == [
        (1, "是否中小企业")
    ]


def test_sme_answer_without_class_is_refused():
    """是 without 中型/小型/微型 is an error."""
    assert _errors(intent_row(1, **{"是否中小企业": "是"})) == [(1, "是否中小企业")]


def test_sme_flag_and_class_are_returned():
    """是（微型） gives is_sme and the class key."""
    row = parse_intent_list(intent_xlsx([intent_row(1, **{"是否中小企业": "是（微型）"})])).rows[0]
    assert (row.is_sme, row.sme_class) == (True, "micro")


def test_agency_is_required():
    """Every enterprise needs the agency serving it."""
    assert _errors(intent_row(1, **{"提供服务的机构": None})) == [(1, "提供服务的机构")]


def test_only_one_agency_per_enterprise():
    """Two agencies in one cell (、 or a line break) is an error."""
    for cell in ["甲节能公司、乙节能公司", "甲节能公司\n乙节能公司"]:
        assert _errors(intent_row(1, **{"提供服务的机构": cell})) == [(1, "提供服务的机构")]


def test_duplicate_credit_code_names_the_other_row():
    """The second row with a credit code already listed is an error naming the first row."""
    first = intent_row(3)
    again = intent_row(8, **{"组织机构代码": first["组织机构代码"].lower()})
    result = parse_intent_list(intent_xlsx([first, intent_row(5), again]))
    assert [(e.row, e.column) for e in result.errors] == [(8, "组织机构代码")]
    assert "3" in result.errors[0].reason
    assert [r.seq for r in result.rows] == [3, 5]


def test_the_clean_row_carries_every_field():
    """A clean row holds every normalised value and where it came from."""
    row = parse_intent_list(intent_xlsx([intent_row(1, 备注="节能改造意向强")])).rows[0]
    assert row.sheet_row == 5
    assert (row.city, row.county, row.agency_name) == (
        "济南市",
        "历城区",
        "山东测试节能技术服务有限公司",
    )
    assert (row.diagnosis_type, row.industry_code, row.remarks) == (
        "key_industry",
        "C31",
        "节能改造意向强",
    )
