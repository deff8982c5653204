"""The published national list as a spreadsheet, written row by row (openpyxl write-only).

Used for the public download, which needs no login and therefore no document job; when the
documents engineer's PUBLISHED_LIST builder is installed the ministry's export uses that job.
"""

import tempfile

from openpyxl.styles import Font

from portal.spreadsheets.writer import SafeCell, new_workbook

from .choices import TYPE_WORDS
from .models import PublishedList

HEADERS = (
    "序号",
    "企业名称",
    "统一社会信用代码",
    "所在地市",
    "组织单位",
    "提供服务的机构",
    "节能诊断类型",
)
WIDTHS = (6, 40, 22, 12, 28, 36, 14)


def published_list_xlsx(published: PublishedList):
    """A temporary file (deleted when closed) holding the snapshot's entries."""
    labels = TYPE_WORDS
    wb = new_workbook(write_only=True)
    ws = wb.create_sheet(f"{published.campaign.year}年度")
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A3"
    title = SafeCell(ws, value=f"{published.campaign.year}年度工业节能诊断服务企业名单")
    title.font = Font(size=14, bold=True)
    ws.append([title])
    header = []
    for text in HEADERS:
        cell = SafeCell(ws, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    rows = published.entries.order_by("seq").values_list(
        "seq",
        "enterprise_name",
        "credit_code",
        "city",
        "organizer_name",
        "agency_name",
        "diagnosis_type",
    )
    for row in rows.iterator(chunk_size=2000):
        ws.append([*row[:6], labels.get(row[6], row[6])])
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it)
    wb.save(handle)
    handle.seek(0)
    return handle
