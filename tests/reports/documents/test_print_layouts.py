"""The small workbooks (register, statistics, blank forms) print like the portal's lists: A4
landscape one page wide at ≥ 9 pt, header repeated, boxed cells, rows as tall as their text and
numbers with thousands separators (each was once split across pages, cut off or unformatted when
opened in LibreOffice; docs/documents.md "Looked at with LibreOffice")."""

import io

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from portal.spreadsheets.printing import (
    CODE_WIDTH,
    MIN_SCALE,
    MIN_WRAP_WIDTH,
    lay_out_table,
    print_scale,
    row_height,
)
from portal.spreadsheets.writer import new_workbook
from provinces.blank_forms import blank_form

LONG_NAME = "中国石油和化学工业联合会节能技术服务有限公司第二分公司"


def _table():
    book = new_workbook()
    sheet = book.active
    header = ["年度", "企业", "节能建议", "投资（万元）", "节电量（千瓦时/年）", "收益率"]
    header += [f"指标{i}（吨标准煤/年）" for i in range(10)]
    sheet.append(header)
    sheet.append(
        [2021, LONG_NAME, "淘汰低效电动机，更换为2级及以上能效的高效电动机", 1234.5, 29307974, 0.5]
    )
    sheet.append([2021, "短名", "—", None, 12, None])
    return book, sheet


def test_table_prints_one_page_wide_at_nine_points():
    _book, sheet = _table()
    widths = lay_out_table(sheet, header_row=1, number_formats={0: "0", 3: "#,##0.00"})
    assert print_scale(widths) >= MIN_SCALE
    setup = sheet.page_setup
    assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
    assert sheet.print_title_rows == "$1:$1"
    assert "&P" in sheet.oddFooter.center.text


def test_table_rows_are_as_tall_as_their_wrapped_text():
    _book, sheet = _table()
    lay_out_table(sheet, header_row=1)
    assert sheet.row_dimensions[2].height >= row_height(2)  # the long name wraps
    assert sheet.row_dimensions[3].height is None  # one line keeps the default
    assert sheet.row_dimensions[1].height >= row_height(2)  # long headers wrap too
    assert sheet["B2"].alignment.wrap_text
    assert sheet["B2"].border.left.style == "thin"
    assert sheet["C3"].alignment.horizontal == "center"  # "—" (no value) is centred


def test_table_numbers_have_separators_and_the_given_formats():
    _book, sheet = _table()
    lay_out_table(sheet, header_row=1, number_formats={0: "0", 3: "#,##0.00"})
    assert sheet["A2"].number_format == "0"  # a year is not 2,021
    assert sheet["D2"].number_format == "#,##0.00"
    assert sheet["E2"].number_format == "#,##0"  # whole numbers by default
    assert sheet["F2"].number_format == "#,##0.00"


def test_blank_form_prints_one_page_wide_with_a_title_row_tall_enough():
    headers = ["序号", "企业名称", "所在地市", "所在区县", "所属行业", "组织机构代码"]
    headers += [
        "上年度综合能源消费量（吨标准煤）",
        "节能诊断类型",
        "提供服务的机构",
        "是否中小企业",
        "备注",
    ]
    content = blank_form(
        label="附件3",
        title="2021年度节能诊断服务意向企业名单",
        organizer="河北省工业和信息化厅",
        headers=headers,
    )
    sheet = load_workbook(io.BytesIO(content)).active
    widths = [sheet.column_dimensions[chr(ord("A") + i)].width for i in range(len(headers))]
    assert print_scale(widths) >= MIN_SCALE
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.row_dimensions[2].height >= 16 * 1.5  # 16-point title, not clipped
    assert sheet.row_dimensions[4].height >= row_height(2)  # the long header wraps


def test_blank_form_2_keeps_the_name_and_code_columns_when_fitted_to_the_page():
    """附件2 has fourteen columns: fitting them to one page wide narrows the wrapping ones, but
    the agency's name keeps its 24 units and the credit code its 18 characters on one line."""
    from agencies.imports import AGENCY_COLUMNS

    headers = [aliases[0] for aliases in AGENCY_COLUMNS.values()]
    content = blank_form(
        label="附件2", title="2026年度节能诊断服务机构推荐名单", organizer="河北省", headers=headers
    )
    sheet = load_workbook(io.BytesIO(content)).active
    widths = {
        header: sheet.column_dimensions[get_column_letter(i)].width
        for i, header in enumerate(headers, 1)
    }
    assert widths["机构名称"] == 24.0
    assert widths["统一社会信用代码"] >= round(CODE_WIDTH, 1)  # widths are kept to 0.1
    assert print_scale(list(widths.values())) >= MIN_SCALE
    assert min(widths.values()) >= MIN_WRAP_WIDTH
    assert widths["擅长行业/诊断领域"] < 19  # the wrapping columns gave up the room


def test_return_reasons_and_comments_are_given_once_each_with_their_count():
    from reports.documents.render.outcomes import AcceptanceOutcomes

    outcomes = AcceptanceOutcomes(
        quantity=(),
        accepted=3,
        accepted_first_time=0,
        returns=4,
        return_reasons=[
            "请补充实测数据。",
            "单位错误",
            "请补充实测数据。",
            "请补充实测数据；",
            " ",
        ],
        reports_submitted=3,
        data_warnings_explained=0,
        list_warnings_explained=0,
        feedback_count=0,
        rating_average=None,
        comments=["建议切实可行。", "建议切实可行。", "服务及时"],
    )
    assert outcomes.return_reasons_text == "请补充实测数据（3次）；单位错误。"
    assert outcomes.comments_text == "建议切实可行（2家）；服务及时。"


@pytest.mark.django_db
def test_statistics_export_prints_fitted_with_each_figure_in_its_format(
    ministry_user, campaign, hebei, django_capture_on_commit_callbacks
):
    from tests.factories import TaskFactory
    from tests.reports.dashboard.test_exports_national import _export

    TaskFactory.create_batch(2, campaign=campaign, organizer=hebei, accepted=True)
    _, book = _export(ministry_user, campaign, django_capture_on_commit_callbacks, "statistics")
    sheet = book["按组织单位"]
    header = [cell.value for cell in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == "河北省")
    formats = {header[i]: cell.number_format for i, cell in enumerate(row)}
    assert formats["计划数"] == "#,##0"
    assert formats["验收率"] == "0.0%"
    assert formats["预计年节能量（吨标准煤）"] == "#,##0.0"
    assert formats["预计年节约资金（万元）"] == "#,##0.00"
    assert formats["预计年减排二氧化碳（吨）"] == "#,##0.0"
    assert formats["预计投资（万元）"] == "#,##0.00"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$2:$2"
