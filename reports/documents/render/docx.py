"""Word documents: the task letter (任务书) and the summary (附件4 工作总结).

The same content is printed to PDF by templates/documents/task_letter.html and summary.html;
both read the derived figures from the data objects in `data.py`.
"""

from decimal import Decimal
from typing import IO, Any

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from reports.documents.render.data import (
    ORGANIZER_HEADERS,
    ShareRow,
    SummaryData,
    TaskLetterData,
)
from reports.documents.render.docx_outcomes import add_acceptance_outcomes
from reports.documents.render.docx_styles import add, add_table, keep_rows_whole, new_document
from reports.documents.render.outcomes import AcceptanceOutcomes, outcomes_heading

# What python-docx's Document.save() takes: a path as str, or a binary stream.
Target = str | IO[bytes]


def render_task_letter_docx(letter: TaskLetterData, out: Target) -> None:
    document = new_document(title=f"{letter.year}年度{letter.title}")
    add(document, letter.title, "DocTitle")
    add(document, f"（{letter.year}年度）", "DocSubtitle")
    if letter.letter_number:
        add(document, f"编号：{letter.letter_number}", "RightText")
    add(document, f"甲方（组织单位）：{letter.organizer_name}", "PlainText")
    add(document, f"乙方（服务机构）：{letter.agency_name}", "PlainText")
    if letter.agency_credit_code:
        add(document, f"乙方统一社会信用代码：{letter.agency_credit_code}", "PlainText")
    add(document, letter.basis)

    add(document, "一、服务企业", "SectionHeading")
    add(document, f"乙方为以下{letter.enterprise_count}家企业提供节能诊断服务：")
    rows = [
        (n, e.name, e.credit_code, e.location, e.diagnosis_type)
        for n, e in enumerate(letter.enterprises, 1)
    ]
    header = ("序号", "企业名称", "统一社会信用代码", "所在地", "节能诊断类型")
    add_table(document, header, rows, widths_cm=(1.0, 3.9, 5.2, 2.9, 2.6))

    add(document, "二、服务内容", "SectionHeading")
    for number, text in enumerate(letter.service_content, 1):
        add(document, f"{number}. {text}")
    add(document, "三、服务期限", "SectionHeading")
    add(document, letter.period_text)
    add(document, "四、服务费用", "SectionHeading")
    add(document, f"{letter.free_of_charge}。乙方承诺不以任何名义向上述企业收取节能诊断服务费用。")
    add(document, "五、其他", "SectionHeading")
    closing = add(document, "本任务书一式两份，甲乙双方各执一份，自双方签字盖章之日起生效。")
    closing.paragraph_format.keep_with_next = True
    _signatures(document, letter)
    document.save(out)


def _signatures(document: DocumentObject, letter: TaskLetterData) -> None:
    """甲方 and 乙方 side by side: seal, signature, contact and a date line for each."""
    add(document, "", "PlainText").paragraph_format.keep_with_next = True
    parties = (
        ("甲方（盖章）：", letter.organizer_name, letter.organizer_contact, letter.organizer_phone),
        ("乙方（盖章）：", letter.agency_name, letter.agency_contact, letter.agency_phone),
    )
    table = document.add_table(rows=6, cols=2)
    for column, (seal, name, contact, phone) in enumerate(parties):
        lines = (
            seal,
            name,
            "负责人（签字）：",
            f"联系人：{contact}",
            f"电话：{phone}",
            f"日期：{letter.signed_text}",
        )
        for row, text in enumerate(lines):
            cell = table.cell(row, column)
            cell.width = Cm(7.8)
            paragraph = cell.paragraphs[0]
            paragraph.style = "PlainText"
            paragraph.paragraph_format.space_after = Cm(0.35)
            # keep-with-next through the rows keeps the block on one page with the clause above
            paragraph.paragraph_format.keep_with_next = row < len(lines) - 1
            paragraph.add_run(text)
    keep_rows_whole(table)


def _share_table(document: DocumentObject, first: str, rows: list[ShareRow]) -> None:
    total = sum(row.count for row in rows)
    body = [(row.label, row.count, row.share) for row in rows]
    body.append(("合计", total, "100.0%" if total else "—"))
    add_table(document, (first, "企业数（家）", "占比"), body, widths_cm=(6.0, 4.0, 4.0))


def _pairs_table(document: DocumentObject, rows: list[tuple[str, str]]) -> None:
    table = add_table(document, ("项目", "数量"), rows, widths_cm=(8.0, 6.0))
    for row in table.rows[1:]:
        row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT


def _outcomes(document: DocumentObject, summary: SummaryData) -> None:
    """Section 二: the headline sentence and the figure tables."""
    add(document, summary.headline)
    add(document, "（一）按节能诊断类型统计", "SubHeading")
    _share_table(document, "节能诊断类型", summary.type_rows)
    add(document, "（二）按行业统计", "SubHeading")
    _share_table(document, "所属行业", summary.industry_rows)
    add(document, "（三）发现问题、改造建议及预期效果", "SubHeading")
    _pairs_table(document, summary.outcome_rows)
    if summary.follow_up_rows:
        add(document, "（四）跟踪服务成效", "SubHeading")
        _pairs_table(document, summary.follow_up_rows)
    _benchmarking(document, summary)


def _one_decimal(value: Any) -> str:
    return f"{Decimal(value or 0):.1f}"


def _benchmarking(document: DocumentObject, summary: SummaryData) -> None:
    """主要产品能效对标情况: the same words and table as templates/documents/
    _summary_benchmarking.html (from reports.benchmarking.selectors.benchmarking_summary)."""
    b = summary.benchmarking
    if not b:
        return
    add(document, "主要产品能效对标情况", "SubHeading")
    if not b["total"]:
        add(document, "已验收诊断报告尚未填报主要产品能耗。")
        return
    counts = b["counts"]
    share = "" if b["exceeding_pct"] is None else f"（占{_one_decimal(b['exceeding_pct'])}%）"
    add(
        document,
        f"已验收诊断报告共填报主要产品（工序）{b['total']}个，其中{b['graded']}个与国家能耗限额标准"
        f"或能效标杆/基准水平对标：达到标杆（1级）{counts['leading']}个，"
        f"达到先进值（2级）{counts['advanced']}个，达到限定值（基准）{counts['meets_limit']}个，"
        f"超过限定值{counts['exceeds_limit']}个{share}；{counts['no_table']}个暂无对标标准。"
        f"达到限定值尚需节能{_one_decimal(b['saving_to_limit_tce'])}吨标准煤/年，"
        f"达到标杆水平尚需节能{_one_decimal(b['saving_to_leading_tce'])}吨标准煤/年。",
    )
    if b["exceeding_rows"]:
        add(document, "超过能耗限定值的产品：", "PlainText")
        header = (
            "企业名称",
            "产品（工序）",
            "单位产品能耗",
            "对标标准",
            "达到限定值需节能（吨标准煤/年）",
        )
        rows = [
            (
                row["enterprise"],
                row["product"],
                f"{Decimal(row['value']):.2f} {row['unit']}",
                row["standard"],
                _one_decimal(row["saving_to_limit_tce"]),
            )
            for row in b["exceeding_rows"]
        ]
        add_table(document, header, rows, widths_cm=(4.0, 3.0, 3.0, 3.4, 2.6))


def _practices(document: DocumentObject, summary: SummaryData) -> None:
    """Section 三: the organizer's text, then each excellent case."""
    for text in summary.narrative["practices"]:
        add(document, text)
    for number, case in enumerate(summary.cases, 1):
        add(document, f"案例{number}：{case.title}", "SubHeading")
        add(document, case.details)
        if case.summary:
            add(document, case.summary)
    if not summary.has_practices:
        add(document, "无。")


def _organizer_texts(document: DocumentObject, summary: SummaryData, section: str) -> None:
    """Nationally: each organizer's text of one section under its name, in order."""
    for part in summary.organizer_parts:
        texts = part.narrative[section]
        if texts:
            add(document, part.name, "SubHeading")
            for text in texts:
                add(document, text)


def _organizer_figures(document: DocumentObject, summary: SummaryData) -> None:
    if summary.organizer_parts:
        add(document, summary.organizers_heading, "SubHeading")
        add_table(
            document,
            ORGANIZER_HEADERS,
            summary.organizer_rows,
            widths_cm=(4.6, 2.2, 2.2, 3.2, 2.8),
        )


def render_summary_docx(
    summary: SummaryData, out: Target, outcomes: AcceptanceOutcomes | None = None
) -> None:
    """附件4 with the outline's five sections; figures come from `summary`, not from the text;
    `outcomes` adds 验收情况 (the four acceptance dimensions) to section 二."""
    document = new_document(title=summary.title)
    narrative = summary.narrative
    add(document, summary.label, "DocLabel")
    add(document, summary.title, "DocTitle")
    add(document, f"填报单位：{summary.organizer_name}", "DocSubtitle")
    add(document, "一、工作开展情况", "SectionHeading")
    for text in narrative["overview"]:
        add(document, text)
    _organizer_texts(document, summary, "overview")
    add(document, "二、工作成效", "SectionHeading")
    _outcomes(document, summary)
    if outcomes is not None:
        add_acceptance_outcomes(document, outcomes, outcomes_heading(summary))
    _organizer_figures(document, summary)
    for text in narrative["effectiveness"]:
        add(document, text)
    _organizer_texts(document, summary, "effectiveness")
    add(document, "三、典型做法与优秀案例", "SectionHeading")
    _organizer_texts(document, summary, "practices")
    _practices(document, summary)
    add(document, "四、存在的问题", "SectionHeading")
    for text in narrative["problems"]:
        add(document, text)
    _organizer_texts(document, summary, "problems")
    add(document, "五、下一步工作与建议", "SectionHeading")
    for text in narrative["next_steps"]:
        add(document, text)
    _organizer_texts(document, summary, "next_steps")
    # The organizer's name and the date stay together on the last page.
    add(document, "", "PlainText").paragraph_format.keep_with_next = True
    add(document, summary.organizer_name, "RightText").paragraph_format.keep_with_next = True
    add(document, summary.dated_text, "RightText")
    document.save(out)
