"""The attachment forms as xlsx (reports/documents/render/xlsx.py), read back with openpyxl."""

import datetime as dt
import io
import math
import re
import zipfile

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from portal.spreadsheets import printing
from reports.documents.render import xlsx
from reports.documents.render.layouts import load_default_layouts
from reports.documents.render.xlsx import render_form_xlsx

LAYOUTS = load_default_layouts(2021)
ORGANIZER = "山东省工业和信息化厅"


def intent_row(n: int, **values) -> dict:
    row = {
        "name": f"济南华兴恒达{n}化工有限公司",
        "city": "济南市",
        "county": "历城区",
        "industry": "C26",
        "credit_code": "913705005MH6EG6P6P",
        "energy_tce": 1322.1 + n,
        "diagnosis_type": "重点行业",
        "agency": "山东国泰海天节能技术服务有限公司",
        "sme": "否",
        "remark": None,
        "organizer": ORGANIZER,
    }
    row.update(values)
    return row


def recommendation_row(n: int, **values) -> dict:
    row = {
        "name": f"山东国泰海天{n}节能技术服务有限公司",
        "credit_code": "91370100MA3C4D5E6F",
        "nature": "节能服务公司",
        "location": "山东省济南市",
        "expertise": "化工、建材、电机系统节能诊断",
        "technical_staff": 35,
        "track_record": "2020年完成能源审计42家、节能诊断18家，涉及钢铁、化工、建材行业",
        "planned_enterprises": 20,
        "contact": "王强",
        "contact_title": "总工程师",
        "phone": "0531-86061234",
        "email": "wangqiang@guotaihaitian.com.cn",
        "remark": None,
        "organizer": ORGANIZER,
    }
    row.update(values)
    row.pop("agency", None)
    return row


def plan_row(organizer: str, total: int) -> dict:
    return {
        "organizer": organizer,
        "planned_total": total,
        "planned_key_industry": total - 50,
        "planned_sme": 20,
        "planned_key_equipment": 10,
        "planned_regional": 10,
        "planned_follow_up": 10,
        "agency_count": 8,
        "completion": "2021年10月",
        "contact": "张伟",
        "contact_title": "处长",
        "phone": "0531-86061234",
        "email": "a@b.cn",
    }


def render(form: int, rows, **kwargs):
    out = io.BytesIO()
    kwargs.setdefault("organizer_name", ORGANIZER)
    render_form_xlsx(LAYOUTS[form], year=2021, rows=rows, out=out, **kwargs)
    out.seek(0)
    return out


def sheet_of(data: io.BytesIO):
    return openpyxl.load_workbook(data).active


def test_intent_list_has_ministry_layout_rows():
    """Row 1 附件3, row 2 the year's title, row 3 填报单位, row 4 the header, then the data."""
    ws = sheet_of(render(3, [intent_row(n) for n in range(3)]))
    assert ws["A1"].value == "附件3"
    assert ws["A2"].value == "2021年度节能诊断服务意向企业名单"
    assert ws["A3"].value == "填报单位（盖章）：山东省工业和信息化厅"
    assert [c.value for c in ws[4]] == [c.header for c in LAYOUTS[3].columns]
    assert [ws.cell(row=r, column=1).value for r in (5, 6, 7)] == [1, 2, 3]
    assert ws["B5"].value == "济南华兴恒达0化工有限公司"
    assert "A2:K2" in {str(r) for r in ws.merged_cells.ranges}


def test_notes_follow_a_blank_row_under_the_table():
    """After the last data row: one blank row, then the notes of the layout."""
    ws = sheet_of(render(3, [intent_row(n) for n in range(5)]))
    last_data = 4 + 5
    assert all(c.value is None for c in ws[last_data + 1])
    notes = [ws.cell(row=r, column=1).value for r in range(last_data + 2, ws.max_row + 1)]
    assert notes == list(LAYOUTS[3].notes)


def test_returns_the_number_of_rows_written():
    """The renderer tells how many data rows it wrote."""
    out = io.BytesIO()
    count = render_form_xlsx(
        LAYOUTS[3],
        year=2021,
        organizer_name=ORGANIZER,
        rows=[intent_row(n) for n in range(7)],
        out=out,
    )
    assert count == 7


def test_header_is_frozen_and_repeated_on_printed_pages():
    """Rows above the data are frozen; the header row repeats on every printed page."""
    ws = sheet_of(render(3, [intent_row(1)]))
    assert ws.freeze_panes == "A5"
    assert ws.print_title_rows == "$4:$4"


def test_one_line_rows_have_room_around_their_text():
    """Rows without wrapped text take the sheet's default height, set to a padded line (the
    application's own default put the text on the row's lower border in LibreOffice)."""
    from portal.spreadsheets.printing import row_height

    ws = sheet_of(render(3, [intent_row(1)]))
    assert ws.sheet_format.customHeight
    assert float(ws.sheet_format.defaultRowHeight) == row_height(1)


def test_print_setup_is_a4_landscape_one_page_wide():
    """A4 landscape, fitted to one page wide and as many pages down as needed."""
    ws = sheet_of(render(3, [intent_row(1)]))
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert int(ws.page_setup.fitToWidth) == 1
    assert int(ws.page_setup.fitToHeight) == 0


def test_data_cells_have_borders_and_number_format():
    """Table cells are bordered; the energy column keeps its number format."""
    ws = sheet_of(render(3, [intent_row(1, remark=None)]))
    assert ws["B5"].border.left.style == "thin"
    assert ws["K5"].border.bottom.style == "thin"  # an empty cell of the table too
    assert ws["G5"].number_format == "#,##0.0"
    assert ws["G5"].value == pytest.approx(1323.1)


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "@SUM(A1:A3)",
        "+86 10 6820",
        "-2+3",
        "\tTAB",
        "\rCR",
        "#N/A",
        '=HYPERLINK("http://x","y")',
    ],
)
def test_formula_like_text_is_stored_as_text(text):
    """Text that starts like a formula is written as a string, exactly as given."""
    data = render(3, [intent_row(1, name=text, remark=text)])
    ws = sheet_of(data)
    assert ws["B5"].value == text
    assert ws["B5"].data_type == "s"
    assert ws["K5"].value == text


def test_no_formula_is_stored_anywhere_in_the_file():
    """The sheet XML holds no <f> element, whatever the input text."""
    rows = [
        intent_row(n, name="=1+1", remark="@SUM(A1)", city="=cmd|'/c calc'!A0") for n in range(3)
    ]
    with zipfile.ZipFile(render(3, rows)) as zf:
        sheet_xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert not re.search(r"<(\w+:)?f[ >]", sheet_xml)
    assert "=1+1" in sheet_xml


def test_control_characters_are_dropped_not_fatal():
    """Characters XML cannot hold are removed instead of failing the whole file."""
    ws = sheet_of(render(3, [intent_row(1, remark="园区\x01名称\x1f")]))
    assert ws["K5"].value == "园区名称"


def test_dates_and_booleans_are_written_readably():
    """A date is a date cell; a boolean reads 是/否 as on the ministry's forms."""
    ws = sheet_of(render(3, [intent_row(1, remark=dt.date(2021, 6, 15), sme=True)]))
    assert ws["K5"].value == dt.datetime(2021, 6, 15)
    assert ws["K5"].is_date
    assert ws["J5"].value == "是"


def test_national_list_adds_organizer_column_after_sequence():
    """National merged list: 填报单位 right after 序号, filled from each row's organizer."""
    rows = [intent_row(1), intent_row(2, organizer="河北省工业和信息化厅")]
    ws = sheet_of(render(3, rows, national=True, organizer_name="工业和信息化部节能与综合利用司"))
    assert [ws["A4"].value, ws["B4"].value, ws["C4"].value] == ["序号", "填报单位", "企业名称"]
    assert [ws["B5"].value, ws["B6"].value] == [ORGANIZER, "河北省工业和信息化厅"]


def test_plan_has_two_level_header_with_merged_group():
    """附件1: the type counts under one merged group header; other headers span both rows."""
    ws = sheet_of(render(1, [plan_row(ORGANIZER, 230)]))
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert ws["C4"].value == "其中：按节能诊断类型（家）"
    assert "C4:G4" in merged
    assert "A4:A5" in merged
    assert [ws.cell(row=5, column=c).value for c in range(3, 8)] == [
        "重点行业",
        "中小企业",
        "重点用能设备",
        "区域集中式",
        "跟踪服务",
    ]
    assert ws.freeze_panes == "A6"
    assert ws.print_title_rows == "$4:$5"
    assert ws["B6"].value == 230


def test_national_plan_ends_with_a_total_row():
    """The national 附件1 sums the counts of all organizers in a 合计 row."""
    rows = [plan_row(ORGANIZER, 230), plan_row("河北省工业和信息化厅", 210)]
    ws = sheet_of(render(1, rows, national=True))
    assert ws["A8"].value == "合计"
    assert ws["B8"].value == 440
    assert ws["H8"].value == 16
    assert ws["I8"].value is None  # 计划完成时间 is not summed


def test_column_widths_fit_content_with_cjk_counted_double_and_capped():
    """Chinese text widens a column twice as much as Latin text; no column passes the cap."""
    rows = [intent_row(1, name="中" * 12, credit_code="9" * 18, remark="园" * 200)]
    ws = sheet_of(render(3, rows))
    name_width = ws.column_dimensions["B"].width
    code_width = ws.column_dimensions["F"].width
    assert name_width > 24 > code_width > 18
    assert xlsx.fit_widths(LAYOUTS[3], rows, 1)[10] == LAYOUTS[3].max_width
    # on the sheet the long remark column is narrowed so the page prints legibly
    assert ws.column_dimensions["K"].width < LAYOUTS[3].max_width


def test_progress_is_reported_while_writing(monkeypatch):
    """progress(done, total) is called every few rows and once at the end."""
    monkeypatch.setattr(xlsx, "PROGRESS_EVERY", 4)
    calls = []
    render(3, [intent_row(n) for n in range(10)], progress=lambda d, t: calls.append((d, t)))
    assert calls == [(4, 10), (8, 10), (10, 10)]


def test_rows_may_be_a_generator_longer_than_the_width_sample(monkeypatch):
    """A generator (no len) is written in full, also past the rows used to fit widths."""
    monkeypatch.setattr(xlsx, "WIDTH_SAMPLE_ROWS", 3)
    ws = sheet_of(render(3, (intent_row(n) for n in range(8))))
    assert [ws.cell(row=r, column=1).value for r in range(5, 13)] == list(range(1, 9))
    assert ws["B12"].value == "济南华兴恒达7化工有限公司"


def test_empty_list_still_has_title_header_and_notes():
    """No rows: the form is still complete, with its notes after the blank row."""
    ws = sheet_of(render(3, []))
    assert ws["A4"].value == "序号"
    assert ws["A6"].value == LAYOUTS[3].notes[0]


def test_not_a_number_leaves_the_cell_empty():
    """NaN or infinity (e.g. from a failed division) is written as an empty cell, not garbage."""
    ws = sheet_of(
        render(3, [intent_row(1, energy_tce=float("nan")), intent_row(2, energy_tce=float("inf"))])
    )
    assert ws["G5"].value is None
    assert ws["G6"].value is None


LONG_NAME = "内蒙古鄂尔多斯市准格尔旗大路工业园区华兴恒达煤化工新材料科技股份有限公司第二分公司"
LONG_AGENCY = "中国节能环保集团有限公司所属中节能（北京）节能环保工程技术研究院有限公司"


def widths_of(ws) -> list[float]:
    return [ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)]


@pytest.mark.parametrize(("form", "row"), [(3, intent_row), (2, recommendation_row)])
def test_national_form_prints_one_page_wide_at_nine_points_or_more(form, row):
    """附件2/附件3 national lists with long names: A4 landscape, fit to one page wide, header
    rows repeated, and the columns narrow enough that 11-point text prints at 9 pt or more
    (it printed at 58–67 % before: 6.4–7.4 pt)."""
    rows = [row(n, name=LONG_NAME, agency=LONG_AGENCY, remark=LONG_NAME) for n in range(30)]
    ws = sheet_of(render(form, rows, national=True))
    widths = widths_of(ws)
    assert printing.print_scale(widths) >= 9 / 11
    assert printing.printed_size(widths) >= 9
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$4:$4"
    assert ws.page_margins.left == ws.page_margins.right == printing.SIDE_MARGIN_IN
    # every text cell is at least 11 pt, the notes too (9 pt and more on paper)
    fonts = {cell.font.sz for r in ws.iter_rows(min_row=4) for cell in r if cell.value is not None}
    assert min(fonts) >= 11


def test_a_long_name_row_is_as_high_as_its_wrapped_lines():
    """A name that wraps gets a row high enough for all its lines; a short one keeps one line.
    Computed independently: a Chinese character of 11-point 宋体 is 14.7 px, a column of width
    w is 7w + 5 px, a line 14.5 pt."""
    short = intent_row(1, name="济南化工有限公司", agency="山东节能公司")
    rows = [short, intent_row(2, name=LONG_NAME, agency=LONG_AGENCY)]
    ws = sheet_of(render(3, rows, national=True))
    name_px = 7 * ws.column_dimensions["C"].width + 5  # 序号, 填报单位, 企业名称
    lines = math.ceil(len(LONG_NAME) * 14.7 / (name_px - 5))
    assert lines >= 3
    assert ws.row_dimensions[6].height >= lines * 14.5
    assert ws.row_dimensions[5].height is None  # one line: the default height
    assert ws["C6"].alignment.wrap_text


def test_codes_and_numbers_are_never_narrowed_to_wrap():
    """Credit codes and numbers keep a width that shows them whole on one line; Chinese text
    may wrap down to a few characters."""
    rows = [intent_row(n, name=LONG_NAME, agency=LONG_AGENCY, remark=LONG_NAME) for n in range(5)]
    layout = LAYOUTS[3].with_organizer_column()
    natural = xlsx.fit_widths(layout, rows, 5)
    floors = xlsx.column_floors(layout, rows, natural)
    code, energy = layout.keys.index("credit_code"), layout.keys.index("energy_tce")
    assert floors[code] >= 18 * 1.05 + printing.CELL_PADDING
    assert floors[energy] == natural[energy]
    assert floors[layout.keys.index("name")] == printing.MIN_WRAP_WIDTH
    ws = sheet_of(render(3, rows, national=True))
    code_width = ws.column_dimensions[get_column_letter(code + 1)].width
    assert printing.wrapped_lines("913705005MH6EG6P6P", code_width) == 1
    assert ws.column_dimensions[get_column_letter(energy + 1)].width == natural[energy]


def test_fit_to_page_narrows_the_widest_columns_first():
    """Over the page: the widest columns come down to one cap, never below their floors."""
    widths = [5.0, 40.0, 40.0, 21.0, 30.0, 12.0, 40.0, 40.0]
    floors = [5.0, 8.0, 8.0, 21.0, 8.0, 8.0, 8.0, 19.5]
    fitted = printing.fit_to_page(widths, floors)
    assert printing.print_scale(widths) < printing.MIN_SCALE <= printing.print_scale(fitted)
    assert fitted[0] == 5.0 and fitted[3] == 21.0 and fitted[5] == 12.0
    cap = max(fitted)
    assert fitted[1] == fitted[2] == fitted[6] == fitted[7] == cap < 40
    assert fitted[4] == min(30.0, cap)
    # a page that cannot be reached: every column at its floor
    assert printing.fit_to_page([40.0] * 30, [8.0] * 30) == [8.0] * 30
