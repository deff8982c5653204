"""附件4 验收情况 in Word: the four dimensions (reports/documents/render/outcomes.py)."""

from docx.document import Document as DocumentObject

from reports.documents.render.docx_styles import add, add_table
from reports.documents.render.outcomes import (
    AGENCIES_TITLE,
    AGENCY_HEADERS,
    QUANTITY_HEADERS,
    AcceptanceOutcomes,
    agency_rows,
    dimension_rows,
    quantity_rows,
)


def add_acceptance_outcomes(
    document: DocumentObject, outcomes: AcceptanceOutcomes, heading: str
) -> None:
    add(document, heading, "SubHeading")
    add(document, "1. 诊断数量")
    add_table(
        document, QUANTITY_HEADERS, quantity_rows(outcomes), widths_cm=(4.0, 2.5, 2.5, 2.5, 2.5)
    )
    for number, (title, rows) in enumerate(dimension_rows(outcomes), 2):
        add(document, f"{number}. {title}")
        add_table(document, ("项目", "数量"), rows, widths_cm=(8.0, 6.0))
        if title == "完成质量" and outcomes.return_reasons:
            add(document, "退回原因：" + outcomes.return_reasons_text)
        if title == "企业反馈" and outcomes.comments:
            add(document, "企业意见：" + outcomes.comments_text)
    if outcomes.agencies:
        add(document, f"{len(dimension_rows(outcomes)) + 2}. {AGENCIES_TITLE}")
        add_table(document, AGENCY_HEADERS, agency_rows(outcomes), widths_cm=(8.0, 3.0, 3.0))
