"""Finding a form's table by its header texts and reading its rows, in any layout."""

import io
import re

import pytest

from portal.spreadsheets import SpreadsheetError, read_table
from tests.fixtures.sheets import replace_member, xlsx_bytes

COLUMNS = {
    "seq": ["序号"],
    "name": ["企业名称"],
    "code": ["组织机构代码", "统一社会信用代码"],
    "energy": ["上年度综合能源消费量（吨标准煤）"],
    "remarks": ["备注"],
}
HEADER = ["序号", "企业名称", "组织机构代码", "上年度综合能源消费量（吨标准煤）", "备注"]
MINISTRY = [
    ["附件3"],
    ["2021年度节能诊断服务意向企业名单"],
    ["填报单位（盖章）：山东省工业和信息化厅"],
    HEADER,
    [1, "甲公司", "A1", 100, None],
    [None, None, None, None, None],
    [2, "乙公司", "B2", 200, "园区"],
    [],
    ["注：1. 每家企业只能对应一家服务机构。"],
    ["2. 节能诊断类型包括：重点行业、中小企业。"],
]


def test_ministry_layout_header_row_and_organizer_are_found():
    """Title rows and the 填报单位 line are skipped; the header is the fourth row."""
    table = read_table(xlsx_bytes(MINISTRY), COLUMNS)
    assert table.header_row == 4
    assert table.organizer_text == "山东省工业和信息化厅"


def test_data_rows_skip_blanks_stop_at_notes_and_keep_sheet_numbers():
    """Blank rows are skipped, the notes end the table, row numbers are the sheet's."""
    table = read_table(xlsx_bytes(MINISTRY), COLUMNS)
    assert [(r.number, r.values["name"]) for r in table.rows] == [(5, "甲公司"), (7, "乙公司")]


def test_rows_map_field_keys_to_raw_values():
    """Each row is a dict of field key → the cell's raw value."""
    table = read_table(xlsx_bytes(MINISTRY), COLUMNS)
    assert table.rows[1].values == {
        "seq": 2,
        "name": "乙公司",
        "code": "B2",
        "energy": 200,
        "remarks": "园区",
    }


def test_plain_sheet_with_header_first():
    """A sheet whose first row is the header needs no title rows and has no organizer."""
    table = read_table(xlsx_bytes([HEADER, [1, "甲公司", "A1", 100, None]]), COLUMNS)
    assert table.header_row == 1
    assert table.organizer_text is None
    assert len(table.rows) == 1


def test_columns_in_another_order_and_extra_columns():
    """Columns are found by header text wherever they are; unknown columns are ignored."""
    rows = [
        ["备注", "联系人", "组织机构代码", "企业名称", "序号", "上年度综合能源消费量（吨标准煤）"]
    ]
    rows.append(["园区", "张三", "A1", "甲公司", 1, 100])
    values = read_table(xlsx_bytes(rows), COLUMNS).rows[0].values
    assert values == {"remarks": "园区", "code": "A1", "name": "甲公司", "seq": 1, "energy": 100}


def test_headers_match_across_width_brackets_spaces_and_line_breaks():
    """Half-width brackets, spaces and a wrapped header still match the spec's text."""
    header = [" 序 号 ", "企业\n名称", "组织机构代码", "上年度综合能源消费量 (吨标准煤)", "备注"]
    table = read_table(xlsx_bytes([header, [1, "甲公司", "A1", 100, None]]), COLUMNS)
    assert table.headers["energy"] == "上年度综合能源消费量 (吨标准煤)"
    assert table.rows[0].values["name"] == "甲公司"


def test_alias_header_is_reported_as_written():
    """The header text found (an alias) is what errors will name."""
    header = ["序号", "企业名称", "统一社会信用代码", "上年度综合能源消费量（吨标准煤）", "备注"]
    assert read_table(xlsx_bytes([header]), COLUMNS).headers["code"] == "统一社会信用代码"


def test_missing_required_column_is_a_file_error_naming_it():
    """A header row lacking a required column is refused, naming the column."""
    header = ["序号", "企业名称", "上年度综合能源消费量（吨标准煤）", "备注"]
    with pytest.raises(SpreadsheetError) as info:
        read_table(xlsx_bytes([["附件3"], header]), COLUMNS)
    assert info.value.code == "missing_columns"
    assert "组织机构代码" in str(info.value)


def test_optional_column_may_be_absent():
    """Columns left out of `required` need not be there."""
    header = ["企业名称", "组织机构代码", "上年度综合能源消费量（吨标准煤）"]
    table = read_table(
        xlsx_bytes([header, ["甲公司", "A1", 1]]), COLUMNS, required={"name", "code"}
    )
    assert table.rows[0].values == {"name": "甲公司", "code": "A1", "energy": 1}


def test_sheet_without_any_header_is_a_file_error():
    """A sheet with none of the headers is refused, listing the columns it needs."""
    with pytest.raises(SpreadsheetError) as info:
        read_table(xlsx_bytes([["名单"], ["甲", "乙"]]), COLUMNS)
    assert info.value.code == "no_header"
    assert "企业名称" in str(info.value)


def test_organizer_name_in_the_next_cell():
    """ "填报单位（盖章）：" in one cell and the name in the next is read too."""
    rows = [["附件3"], ["填报单位（盖章）：", None, "河北省工业和信息化厅"], HEADER]
    assert read_table(xlsx_bytes(rows), COLUMNS).organizer_text == "河北省工业和信息化厅"


def test_note_variants_end_the_table():
    """ "注:" and "说明：" (any width) start the notes; later rows are not data."""
    for note in ["注:", "说明：以上数据截至5月", "注 1. 见通知"]:
        rows = [HEADER, [1, "甲公司", "A1", 1, None], [note], [2, "乙公司", "B2", 2, None]]
        assert len(read_table(xlsx_bytes(rows), COLUMNS).rows) == 1


def test_a_name_starting_with_zhu_is_not_a_note():
    """An enterprise called 注塑… in the first column is data, not the notes."""
    rows = [
        ["企业名称", "组织机构代码", "上年度综合能源消费量（吨标准煤）"],
        ["注塑科技有限公司", "A1", 1],
    ]
    table = read_table(xlsx_bytes(rows), COLUMNS, required={"name", "code"})
    assert table.rows[0].values["name"] == "注塑科技有限公司"


def test_form_on_a_later_sheet_is_found():
    """When the active sheet holds no table, the other sheets are searched."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["说明页"])
    workbook.create_sheet("附件3").append(HEADER)
    workbook["附件3"].append([1, "甲公司", "A1", 1, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), COLUMNS)
    assert table.sheet_name == "附件3"
    assert len(table.rows) == 1


def test_wrong_dimension_declared_by_the_writer_does_not_hide_rows():
    """Some writers declare <dimension ref="A1"/>; every row is read regardless."""
    data = xlsx_bytes(MINISTRY)
    import zipfile

    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    sheet = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1"', sheet)
    table = read_table(replace_member(data, "xl/worksheets/sheet1.xml", sheet), COLUMNS)
    assert len(table.rows) == 2


@pytest.mark.parametrize("kind", ["bytes", "path", "fileobj", "upload"])
def test_source_may_be_bytes_a_path_a_file_or_an_upload(kind, tmp_path):
    """Sources may be bytes, a file on disk, a file object or Django's UploadedFile."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = xlsx_bytes(MINISTRY)
    path = tmp_path / "form.xlsx"
    path.write_bytes(data)
    upload = SimpleUploadedFile("附件3.xlsx", data)
    source = {"bytes": data, "path": path, "fileobj": io.BytesIO(data), "upload": upload}[kind]
    assert len(read_table(source, COLUMNS).rows) == 2
