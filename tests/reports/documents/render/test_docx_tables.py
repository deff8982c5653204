"""docx_styles.add_table writes each body row as a copy of one blank row: the XML must be what
python-docx's own objects write cell by cell (styles, alignment, widths, row properties, text
with tabs, breaks, spaces and markup), for any number of rows."""

import io
import zipfile

import pytest
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.shared import Cm

from reports.documents.render.docx_styles import (
    _repeat_header,
    add_table,
    keep_rows_whole,
    new_document,
    set_widths,
)

ROWS = [
    (1, "河北某钢铁有限公司", "91130100MA0AAAAA1X", "石家庄市", "重点行业"),
    (2, "  前后有空格  ", None, "", "中小企业"),
    (3, "A & B <公司>", "tab\there", "line\nbreak", "carriage\rreturn"),
    (4, 3.5, 0, "末尾空格 ", "'引号\""),
]


def _reference(document, header, rows, widths_cm):
    """The table as python-docx's objects write it, one cell at a time."""
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(table)
    values = [list(header), *[["" if v is None else str(v) for v in row] for row in rows]]
    for r, row in enumerate(values):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            paragraph.style = document.styles["TableHead" if r == 0 else "TableText"]
            paragraph.add_run(text)
    for row in table.rows:
        row.height = Cm(0.7)
    keep_rows_whole(table)
    if widths_cm:
        set_widths(table, widths_cm)  # on every row here; add_table sets them on its blank one
    document.add_paragraph("", style="TableText")


def _body_xml(build) -> bytes:
    document = new_document(title="表")
    build(document)
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as docx:
        return docx.read("word/document.xml")


@pytest.mark.parametrize("rows", [ROWS, ROWS[:1], [], ROWS * 30], ids=["4", "1", "0", "120"])
@pytest.mark.parametrize("widths", [(1.0, 3.9, 5.2, 2.9, 2.6), None], ids=["widths", "auto"])
def test_the_copied_rows_are_the_xml_python_docx_writes(rows, widths):
    header = ("序号", "企业名称", "统一社会信用代码", "所在地", "节能诊断类型")
    ours = _body_xml(lambda d: add_table(d, header, rows, widths_cm=widths))
    theirs = _body_xml(lambda d: _reference(d, header, rows, widths))
    assert ours == theirs
    if len(rows) > 1:
        assert "前后有空格".encode() in ours and b"A &amp; B &lt;" in ours
    assert ours.count(b"<w:tr>") + ours.count(b"<w:tr ") == len(rows) + 1
