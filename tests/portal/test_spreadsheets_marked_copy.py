"""The marked copy looks like the uploaded file: every sheet in order with its values (stored
results of formulas, none for a formula stored without one), column widths, merged cells and
frozen panes; the bad cells filled and commented; the problems listed on their own sheet."""

import datetime as dt
import io
import re
import zipfile

import openpyxl

from portal.spreadsheets.marked import BAD_FILL, PROBLEMS_SHEET, marked_workbook
from portal.spreadsheets.results import Layout, RowError
from tests.fixtures.sheets import replace_member

SHEET = "xl/worksheets/sheet2.xml"


def _upload() -> bytes:
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    notes.append(["填表说明"])
    form = book.create_sheet("附件3")
    form.append(["附件3"])
    form.append(["2021年度节能诊断服务意向企业名单"])
    form.append(["序号", "企业名称", "能耗", "日期", "是否", "备注"])
    form.append([1, "甲公司", 12.5, dt.datetime(2021, 5, 6), True, None])
    form.append([2, "乙公司", "=C4*2", None, False, "  留 空格 "])
    form.append([3, "丙公司", 7, None, None, None])
    form["G6"] = "合并区内的值"  # inside the merged range F6:G7: dropped, as Excel shows it
    form.merge_cells("A1:F1")
    form.merge_cells("F6:G7")
    form.column_dimensions["B"].width = 36
    form.column_dimensions["F"].width = 18.5
    form.freeze_panes = "C4"
    buffer = io.BytesIO()
    book.save(buffer)
    return _with_stored_value(buffer.getvalue())


def _with_stored_value(data: bytes) -> bytes:
    """openpyxl stores no formula results; Excel does: give C5 its value, leave none elsewhere."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read(SHEET).decode()
    xml, count = re.subn(r'(<c r="C5"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?', r"\1\2<v>25</v>", xml)
    assert count == 1
    return replace_member(data, SHEET, xml.encode())


def test_the_marked_copy_keeps_the_uploaded_sheets_as_they_look():
    data = _upload()
    errors = [
        RowError(2, "企业名称", "名称不对", 5),
        RowError(2, "企业名称", "又一个问题", 5),
        RowError(3, "其他", "没有这一列", 6),
    ]

    copy = openpyxl.load_workbook(
        io.BytesIO(marked_workbook(data, Layout("附件3", {"企业名称": 2}), errors))
    )

    assert copy.sheetnames == ["说明", "附件3", PROBLEMS_SHEET]
    assert copy.active.title == "附件3"
    form = copy["附件3"]
    assert [
        list(row) for row in form.iter_rows(min_row=3, max_row=6, max_col=6, values_only=True)
    ] == [
        ["序号", "企业名称", "能耗", "日期", "是否", "备注"],
        [1, "甲公司", 12.5, dt.datetime(2021, 5, 6), True, None],
        [2, "乙公司", 25, None, False, "  留 空格 "],
        [3, "丙公司", 7, None, None, None],
    ]
    assert form["A1"].value == "附件3"
    assert sorted(str(r) for r in form.merged_cells.ranges) == ["A1:F1", "F6:G7"]
    assert form["G6"].value is None
    assert form.column_dimensions["B"].width == 36
    assert form.column_dimensions["F"].width == 18.5
    assert form.freeze_panes == "C4"
    assert not any(c.data_type == "f" for row in form.iter_rows() for c in row)
    assert copy["说明"]["A1"].value == "填表说明"

    assert form["B5"].fill == BAD_FILL
    assert form["B5"].comment.text == "名称不对\n又一个问题"
    assert form["A6"].fill == BAD_FILL
    assert form["A6"].comment.text == "其他：没有这一列"
    assert form["B4"].comment is None
    problems = [list(r) for r in copy[PROBLEMS_SHEET].iter_rows(min_row=2, values_only=True)]
    assert problems == [
        [2, 5, "企业名称", "名称不对"],
        [2, 5, "企业名称", "又一个问题"],
        [3, 6, "其他", "没有这一列"],
    ]
