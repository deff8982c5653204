"""The task letter and the 附件4 summary as Word files, read back with python-docx."""

import datetime as dt
import io
from decimal import Decimal

import docx
from docx.oxml.ns import qn

from reports.documents.render.data import (
    CaseEntry,
    CountRow,
    FollowUpResult,
    LetterEnterprise,
    SummaryData,
    TaskLetterData,
)
from reports.documents.render.docx import render_summary_docx, render_task_letter_docx

FREE = "机构须承诺对任务书内的服务内容不收取费用"


def make_letter(**changes) -> TaskLetterData:
    values = {
        "year": 2021,
        "organizer_name": "山东省工业和信息化厅",
        "agency_name": "山东国泰海天节能技术服务有限公司",
        "enterprises": [
            LetterEnterprise(
                "济南华兴恒达化工有限公司", "913705005MH6EG6P6P", "山东省济南市历城区", "中小企业"
            ),
            LetterEnterprise(
                "日照鼎盛华兴铝业有限公司", "91370500URJ9W0653L", "山东省日照市东港区", "重点行业"
            ),
        ],
        "period_start": dt.date(2021, 6, 15),
        "period_end": dt.date(2021, 10, 31),
        "notice_title": "《工业和信息化部办公厅关于组织开展2021年工业节能诊断服务工作的通知》",
        "notice_ref": "工信厅节函〔2021〕121号",
    }
    values.update(changes)
    return TaskLetterData(**values)


def make_summary(**changes) -> SummaryData:
    values = {
        "year": 2021,
        "organizer_name": "山东省工业和信息化厅",
        "counts_by_type": [
            CountRow("重点行业", 80),
            CountRow("中小企业", 100),
            CountRow("重点用能设备", 20),
            CountRow("区域集中式", 20),
            CountRow("跟踪服务", 10),
        ],
        "counts_by_industry": [CountRow("化工", 130), CountRow("钢铁", 100)],
        "problems_found": 812,
        "measures": 1034,
        "expected_savings_tce": 123456.7,
        "investment_wan": 45678.9,
        "overview": "我厅高度重视。\n\n组织18家机构开展诊断。",
        "problems": "部分企业计量器具不足。",
        "next_steps": "推动改造项目落地。",
        "cases": [
            CaseEntry(
                "空压机系统节能改造",
                "济南华兴恒达化工有限公司",
                "山东国泰海天节能技术服务有限公司",
                "更换永磁变频空压机。",
                1200,
                350,
            )
        ],
    }
    values.update(changes)
    return SummaryData(**values)


def read(render, data) -> docx.document.Document:
    out = io.BytesIO()
    render(data, out)
    out.seek(0)
    return docx.Document(out)


def all_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_task_letter_names_both_parties_and_the_year():
    """Title, year, 甲方 (organizer) and 乙方 (agency) are in the letter."""
    text = all_text(read(render_task_letter_docx, make_letter()))
    assert "节能诊断服务任务书" in text
    assert "（2021年度）" in text
    assert "甲方（组织单位）：山东省工业和信息化厅" in text
    assert "乙方（服务机构）：山东国泰海天节能技术服务有限公司" in text
    assert "工信厅节函〔2021〕121号" in text


def test_task_letter_lists_every_enterprise_in_a_table():
    """The enterprise table has 序号, name, credit code, location and type for each."""
    table = read(render_task_letter_docx, make_letter()).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "企业名称", "统一社会信用代码", "所在地", "节能诊断类型"]
    assert rows[2] == [
        "2",
        "日照鼎盛华兴铝业有限公司",
        "91370500URJ9W0653L",
        "山东省日照市东港区",
        "重点行业",
    ]
    assert len(rows) == 3


def test_task_letter_states_the_free_of_charge_commitment_exactly():
    """The notice's sentence on fees appears verbatim."""
    paragraphs = [p.text for p in read(render_task_letter_docx, make_letter()).paragraphs]
    assert any(p.startswith(FREE) for p in paragraphs)


def test_task_letter_has_service_content_and_period():
    """The service content and the service period are stated."""
    text = all_text(read(render_task_letter_docx, make_letter()))
    assert "二、服务内容" in text
    assert "工业企业节能诊断服务指南" in text
    assert "自2021年6月15日起至2021年10月31日止。" in text


def test_task_letter_has_seal_signature_and_date_blocks_for_both_parties():
    """Both parties get a seal line, a signature line and a date line."""
    letter = make_letter(signed_on=dt.date(2021, 6, 10))
    text = all_text(read(render_task_letter_docx, letter))
    assert "甲方（盖章）：" in text
    assert "乙方（盖章）：" in text
    assert text.count("负责人（签字）：") == 2
    assert text.count("日期：2021年6月10日") == 2


def test_unsigned_letter_has_blank_date_lines():
    """Before signing, the date lines are left blank to fill by hand."""
    text = all_text(read(render_task_letter_docx, make_letter()))
    assert text.count("日期：　　　　年　　月　　日") == 2


def test_enterprise_table_header_repeats_on_each_page():
    """A long list keeps its header row on every page."""
    table = read(render_task_letter_docx, make_letter()).tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_documents_use_chinese_fonts_for_east_asian_text():
    """Body text is 仿宋 and headings 黑体 for East Asian characters, with no theme override."""
    document = read(render_task_letter_docx, make_letter())
    body = document.styles["BodyText"].element.rPr.rFonts
    heading = document.styles["SectionHeading"].element.rPr.rFonts
    assert body.get(qn("w:eastAsia")) == "仿宋"
    assert heading.get(qn("w:eastAsia")) == "黑体"
    defaults = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert defaults.get(qn("w:eastAsia")) == "仿宋"
    assert defaults.get(qn("w:eastAsiaTheme")) is None


def test_summary_has_the_five_sections_in_order():
    """附件4 follows the outline: 一 to 五."""
    paragraphs = [p.text for p in read(render_summary_docx, make_summary()).paragraphs]
    headings = [
        "一、工作开展情况",
        "二、工作成效",
        "三、典型做法与优秀案例",
        "四、存在的问题",
        "五、下一步工作与建议",
    ]
    positions = [paragraphs.index(h) for h in headings]
    assert positions == sorted(positions)
    assert paragraphs[0] == "附件4"
    assert "2021年度节能诊断服务工作总结" in paragraphs


def test_summary_tables_hold_counts_by_type_and_industry_with_totals():
    """Counts by type and by industry, with shares and a 合计 row."""
    tables = read(render_summary_docx, make_summary()).tables
    by_type = [[c.text for c in row.cells] for row in tables[0].rows]
    by_industry = [[c.text for c in row.cells] for row in tables[1].rows]
    assert by_type[1] == ["重点行业", "80", "34.8%"]
    assert by_type[-1] == ["合计", "230", "100.0%"]
    assert by_industry[1] == ["化工", "130", "56.5%"]


def test_summary_states_savings_in_ten_thousand_tce_and_investment():
    """Expected savings appear in 万吨标准煤 (123456.7 tce → 12.35) and investment in 万元."""
    document = read(render_summary_docx, make_summary())
    text = all_text(document)
    assert "预计可实现节能量12.35万吨标准煤" in text
    assert "45,678.90万元" in text
    outcomes = {row.cells[0].text: row.cells[1].text for row in document.tables[2].rows}
    assert outcomes["发现问题（项）"] == "812"
    assert outcomes["提出节能改造建议（条）"] == "1,034"


def test_summary_lists_the_cases_and_narrative():
    """Cases and the organizer's paragraphs are in the document, one paragraph per line."""
    paragraphs = [p.text for p in read(render_summary_docx, make_summary()).paragraphs]
    assert "案例1：空压机系统节能改造" in paragraphs
    assert "我厅高度重视。" in paragraphs
    assert "组织18家机构开展诊断。" in paragraphs
    assert "更换永磁变频空压机。" in paragraphs


def test_summary_follow_up_table_only_when_there_is_follow_up():
    """跟踪服务成效 is shown with its realization rate when the campaign has follow-up."""
    without = read(render_summary_docx, make_summary())
    follow_up = FollowUpResult(
        enterprises=40,
        measures=120,
        implemented=60,
        in_progress=30,
        planned=20,
        not_adopted=10,
    )
    with_it = read(render_summary_docx, make_summary(follow_up=follow_up))
    assert "（四）跟踪服务成效" not in all_text(without)
    assert "（四）跟踪服务成效" in all_text(with_it)
    rates = {row.cells[0].text: row.cells[1].text for row in with_it.tables[3].rows}
    assert rates["建议实施率"] == "50.0%"


def test_empty_narrative_reads_none():
    """A section the organizer left empty says 无。 rather than disappearing."""
    paragraphs = [p.text for p in read(render_summary_docx, make_summary(problems="")).paragraphs]
    start = paragraphs.index("四、存在的问题")
    assert paragraphs[start + 1] == "无。"


def footer_fields(document) -> tuple[str, list[str]]:
    """The footer's visible text around its fields, and the field instructions in order."""
    footer = document.sections[0].footer.paragraphs[0]._p
    instructions = [node.text.strip() for node in footer.iter(qn("w:instrText"))]
    pieces = []
    for run in footer.iter(qn("w:r")):
        if run.find(qn("w:instrText")) is not None:
            pieces.append(f"{{{run.find(qn('w:instrText')).text.strip()}}}")
        elif run.find(qn("w:fldChar")) is None:
            pieces.append("".join(t.text or "" for t in run.iter(qn("w:t"))))
    return "".join(pieces), instructions


def test_word_files_number_their_pages_in_the_footer():
    """Task letter and 附件4: "第 X 页 共 Y 页" from PAGE and NUMPAGES fields, as in the PDFs."""
    for render, data in (
        (render_task_letter_docx, make_letter()),
        (render_summary_docx, make_summary()),
    ):
        document = read(render, data)
        text, instructions = footer_fields(document)
        assert instructions == ["PAGE", "NUMPAGES"]
        # each field: begin, instruction, separate, a shown value, end
        assert text == "第 {PAGE}1 页 共 {NUMPAGES}1 页"
        footer = document.sections[0].footer.paragraphs[0]._p
        kinds = [m.get(qn("w:fldCharType")) for m in footer.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"] * 2


def test_letter_table_rows_never_split_across_pages():
    """Every row of the enterprise table and of the signature table moves to the next page
    whole; only the enterprise table's first row repeats as a header."""
    many = [
        LetterEnterprise(
            f"济南华兴恒达{n}号化工新材料科技有限公司",
            "913705005MH6EG6P6P",
            "山东省济南市历城区",
            "重点行业",
        )
        for n in range(60)
    ]
    document = read(render_task_letter_docx, make_letter(enterprises=many))
    enterprises, signatures = document.tables
    for table in (enterprises, signatures):
        for row in table.rows:
            properties = row._tr.trPr
            assert properties is not None and properties.find(qn("w:cantSplit")) is not None
            # schema order: cantSplit before trHeight and tblHeader (Word refuses other orders)
            tags = [child.tag for child in properties]
            assert tags.index(qn("w:cantSplit")) == 0
    headers = [row._tr.trPr.find(qn("w:tblHeader")) is not None for row in enterprises.rows]
    assert headers == [True] + [False] * 60


def test_summary_tables_rows_never_split():
    """附件4's figure tables keep their rows whole too."""
    for table in read(render_summary_docx, make_summary()).tables:
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_summary_word_file_keeps_standard_numbers_together():
    """A no-break space joins "GB" and "17167" in the narrative, so Word neither splits nor
    stretches the number."""
    document = read(
        render_summary_docx, make_summary(overview="按照GB 17167和GB/T 2589-2020要求。")
    )
    assert "按照GB\xa017167和GB/T\xa02589-2020要求。" in [p.text for p in document.paragraphs]


def test_summary_benchmarking_section_states_levels_and_lists_products_over_the_limit():
    """主要产品能效对标情况 in Word says what the PDF says: products by level, the share over
    the limit (1 of 4 graded = 25.0 %) and a table of the product over its limit."""
    benchmarking = {
        "counts": {
            "leading": 1,
            "advanced": 1,
            "meets_limit": 1,
            "exceeds_limit": 1,
            "no_table": 2,
        },
        "total": 6,
        "graded": 4,
        "exceeding": 1,
        "exceeding_pct": Decimal(25),
        "saving_to_limit_tce": Decimal("120.44"),
        "saving_to_leading_tce": Decimal("980.06"),
        "exceeding_rows": [
            {
                "enterprise": "日照鼎盛华兴铝业有限公司",
                "product": "电解铝",
                "value": Decimal("13500.123"),
                "unit": "kWh/t",
                "standard": "GB 21346-2022",
                "saving_to_limit_tce": Decimal("120.44"),
            }
        ],
    }
    without = all_text(read(render_summary_docx, make_summary()))
    assert "主要产品能效对标情况" not in without
    document = read(render_summary_docx, make_summary(benchmarking=benchmarking))
    paragraphs = [p.text for p in document.paragraphs]
    assert "主要产品能效对标情况" in paragraphs
    text = all_text(document)
    assert "共填报主要产品（工序）6个，其中4个" in text
    assert "超过限定值1个（占25.0%）；2个暂无对标标准" in text
    assert "达到限定值尚需节能120.4吨标准煤/年" in text
    table = document.tables[-1]
    assert [c.text for c in table.rows[1].cells] == [
        "日照鼎盛华兴铝业有限公司",
        "电解铝",
        "13500.12 kWh/t",
        "GB 21346-2022",
        "120.4",
    ]


def test_a_long_table_is_filled_row_by_row_with_its_styles(monkeypatch):
    """A 2,000-enterprise task letter's table: every row in order with the table styles, and
    the table's cell layout computed a fixed number of times, not once per cell (python-docx's
    `table.cell(r, c)` lays out the whole table on each call: minutes for such a letter)."""
    from docx.table import Table

    from reports.documents.render.docx_styles import add_table, new_document

    layouts = 0
    original = vars(Table)["_cells"]  # the property itself

    def counted(self):
        nonlocal layouts
        layouts += 1
        return original.fget(self)

    monkeypatch.setattr(Table, "_cells", property(counted))
    document = new_document(title="任务书")
    rows = [(n, f"企业{n}", None) for n in range(1, 301)]
    table = add_table(document, ["序号", "企业名称", "备注"], rows, widths_cm=[1.5, 8, 3])
    assert layouts <= 3  # one per column for the widths, none per cell

    read = docx.Document(_saved(document)).tables[0]
    assert [c.text for c in read.rows[0].cells] == ["序号", "企业名称", "备注"]
    assert [c.text for c in read.rows[300].cells] == ["300", "企业300", ""]
    assert [c.text for c in read.rows[1].cells] == ["1", "企业1", ""]
    assert {c.paragraphs[0].style.name for c in read.rows[0].cells} == {"TableHead"}
    assert {c.paragraphs[0].style.name for r in read.rows[1:] for c in r.cells} == {"TableText"}
    assert len(table.rows) == 301


def _saved(document) -> io.BytesIO:
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return buffer
