"""The published national list as a spreadsheet for the public download (no login, no job).

The file is the ministry's own: the PUBLISHED_LIST builder that the documents app registers
(title, 发布单位 line with the version and date, bordered table, notes, A4 landscape one page
wide with the header repeated) renders it here, in the request. Only when no builder is
registered (the enterprises app alone) a plain list with the same print setup is written.
"""

import shutil
import tempfile
from pathlib import Path
from typing import IO

from django.utils import timezone

from portal.choices import DocumentKind
from portal.jobs.registry import REGISTRY
from portal.models import DocumentJob
from portal.spreadsheets.printing import set_up_print
from portal.spreadsheets.writer import ColumnCells, bind, new_workbook, template

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
WIDTHS = (6.0, 30.0, 21.0, 10.0, 16.0, 30.0, 12.0)
ALIGN = ("center", "left", "center", "center", "center", "left", "center")


def published_list_xlsx(published: PublishedList) -> IO[bytes]:
    """A temporary file (deleted when closed) holding the snapshot's entries."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it)
    builder = REGISTRY.get(DocumentKind.PUBLISHED_LIST)
    if builder is None:
        _write_plain(published, handle)
    else:
        # The job the ministry's export would run, described but not stored: the builder
        # reads its campaign and the snapshot's id.
        job = DocumentJob(
            kind=DocumentKind.PUBLISHED_LIST,
            campaign=published.campaign,
            params={"published_list_id": published.pk},
        )
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "list.xlsx"
            builder.build(job, path, lambda done, total: None)
            with path.open("rb") as written:
                shutil.copyfileobj(written, handle)
    handle.seek(0)
    return handle


def _write_plain(published: PublishedList, out: IO[bytes]) -> None:
    labels = TYPE_WORDS
    workbook = new_workbook(write_only=True)
    sheet = workbook.create_sheet(f"{published.campaign.year}年度")
    set_up_print(sheet, WIDTHS, header_rows=(3, 3))
    title = template(sheet, size=16, bold=True, border=False, wrap=False)
    title.value = f"{published.campaign.year}年度工业节能诊断服务企业名单"
    sheet.append([title])
    sheet.merged_cells.add("A1:G1")
    day = timezone.localtime(published.published_at).date()
    line = template(sheet, horizontal="left", border=False, wrap=False)
    line.value = f"第{published.version}版，{day.year}年{day.month}月{day.day}日发布"
    sheet.append([line])
    header = []
    for text in HEADERS:
        cell = template(sheet, bold=True)
        cell.value = text
        header.append(cell)
    sheet.append(header)
    rows = published.entries.order_by("seq").values_list(
        "seq",
        "enterprise_name",
        "credit_code",
        "city",
        "organizer_name",
        "agency_name",
        "diagnosis_type",
    )
    columns = [ColumnCells(sheet, horizontal=h, number_format=None) for h in ALIGN]
    for row in rows.iterator(chunk_size=2000):
        sheet.append(bind(columns, (*row[:6], labels.get(row[6], row[6]))))
    workbook.save(out)
