"""Text cells in every shape a writer may use are read as openpyxl itself reads them: shared
strings (Excel, WPS) and inline strings (openpyxl and other scripts), plain or rich text, with
phonetic guides, escapes, kept spaces, empty and unusual shapes."""

import io
import zipfile

import openpyxl

from portal.spreadsheets import read_table
from tests.fixtures.sheets import replace_member, xlsx_bytes

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
COLUMNS = {"name": ["企业名称"], "remarks": ["备注"]}
SHARED = [
    "<si><t>企业名称</t></si>",
    "<si><t>备注</t></si>",
    "<si><t>甲公司</t></si>",
    '<si><t xml:space="preserve">  乙 公司 </t></si>',
    "<si><t/></si>",
    "<si><r><t>丙</t></r><r><rPr><b/></rPr><t>公司</t></r></si>",
    "<si><t>丁公司</t><rPh sb='0' eb='1'><t>ding</t></rPh><phoneticPr fontId='1'/></si>",
    "<si><t>a_x005F_x000D_b</t></si>",
    "<si><t>戊</t><r><t>公司</t></r></si>",
]
ROWS = [
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
    '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>',
    '<row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3" t="s"><v>4</v></c></row>',
    '<row r="4"><c r="A4" t="s"><v>6</v></c><c r="B4" t="s"><v>7</v></c></row>',
    '<row r="5"><c r="A5" t="s"><v>8</v></c><c r="B5" s="1" t="s"><v>2</v></c></row>',
    '<row r="6"><c r="A6" t="inlineStr"><is><t>己公司</t></is></c>'
    '<c r="B6" t="inlineStr"><is><t xml:space="preserve"> 园 区 </t></is></c></row>',
    '<row r="7"><c r="A7" t="inlineStr"><is><r><t>庚</t></r><r><t>公司</t></r></is></c>'
    '<c r="B7" t="inlineStr"><is><t/></is></c></row>',
    '<row r="8"><c t="inlineStr"><is><t>辛公司</t><rPh sb="0" eb="1"><t>xin</t></rPh></is></c>'
    '<c t="inlineStr"><is></is></c></row>',
    '<row r="9"><c r="A9" t="s"><v>2</v></c><c r="B9" t="inlineStr"></c></row>',
    '<row r="10"><c r="A10" t="s"><v>2</v></c><c r="B10" t="s"><v></v></c></row>',
]


def _workbook() -> bytes:
    data = xlsx_bytes([["企业名称", "备注"]])
    sheet = (f'<worksheet xmlns="{NS}"><sheetData>{"".join(ROWS)}</sheetData></worksheet>').encode()
    strings = f'<sst xmlns="{NS}" count="{len(SHARED)}">{"".join(SHARED)}</sst>'.encode()
    data = replace_member(data, "xl/worksheets/sheet1.xml", sheet)
    data = replace_member(data, "xl/sharedStrings.xml", strings)
    return _with_shared_strings_part(data)


def _with_shared_strings_part(data: bytes) -> bytes:
    """Declare xl/sharedStrings.xml in the package, as Excel does."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    types = archive.read("[Content_Types].xml").replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = archive.read("xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>",
    )
    data = replace_member(data, "[Content_Types].xml", types)
    return replace_member(data, "xl/_rels/workbook.xml.rels", rels)


def test_text_cells_of_every_shape_read_as_openpyxl_reads_them():
    data = _workbook()
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    expected = [tuple(row) for row in book.active.iter_rows(min_row=2, values_only=True)]
    book.close()
    assert expected[0] == ("甲公司", "  乙 公司 ")
    assert expected[2] == ("丁公司", "a_x000D_b")  # openpyxl drops the phonetics and x005F_

    table = read_table(data, COLUMNS)

    assert [(r.values["name"], r.values["remarks"]) for r in table.rows] == expected
    assert [r.number for r in table.rows] == [2, 3, 4, 5, 6, 7, 8, 9, 10]
