"""A Word document set up like a Chinese official document (GB/T 9704 fonts and margins).

East Asian text takes the `w:eastAsia` font of a run, not the Latin one, and the default
python-docx template points East Asian text at a theme font; both are replaced here so that
Word, WPS and LibreOffice show 仿宋/黑体/楷体/宋体 as intended.
"""

from collections.abc import Sequence
from copy import deepcopy

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

LATIN_FONT = "Times New Roman"
BODY = "仿宋"
HEADING = "黑体"
SUBHEADING = "楷体"
TABLE = "宋体"
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# name: (East Asian font, size in points, bold, alignment, first-line indent in characters)
STYLES = {
    "DocLabel": (HEADING, 16, False, WD_ALIGN_PARAGRAPH.LEFT, 0),
    "DocTitle": (HEADING, 22, False, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "DocSubtitle": (SUBHEADING, 16, False, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "SectionHeading": (HEADING, 16, False, WD_ALIGN_PARAGRAPH.LEFT, 2),
    "SubHeading": (SUBHEADING, 16, True, WD_ALIGN_PARAGRAPH.LEFT, 2),
    "BodyText": (BODY, 14, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 2),
    "PlainText": (BODY, 14, False, WD_ALIGN_PARAGRAPH.LEFT, 0),
    "RightText": (BODY, 14, False, WD_ALIGN_PARAGRAPH.RIGHT, 0),
    "TableText": (TABLE, 10.5, False, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "TableHead": (HEADING, 10.5, False, WD_ALIGN_PARAGRAPH.CENTER, 0),
}


def set_fonts(element, east_asian: str, latin: str = LATIN_FONT) -> None:
    """Set the fonts of a style's or run's `w:rPr` element, East Asian included."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _set_defaults(document: DocumentObject) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = r_pr.find(qn("w:rFonts"))
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), BODY)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _add_style(document: DocumentObject, name: str) -> ParagraphStyle:
    east_asian, size, bold, alignment, indent = STYLES[name]
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(size)
    style.font.bold = bold
    set_fonts(style.element, east_asian)
    layout = style.paragraph_format
    layout.alignment = alignment
    layout.first_line_indent = Pt(size * indent) if indent else None
    table = name.startswith("Table")
    heading = name in ("SectionHeading", "SubHeading")
    layout.space_before = Pt(8 if heading else 0)
    layout.space_after = Pt(0 if table else 4)
    layout.line_spacing = 1.0 if table else 1.4
    layout.keep_with_next = heading  # never a heading alone at the foot of a page
    return style


def new_document(*, title: str) -> DocumentObject:
    """An empty A4 document with the styles of STYLES and the official page margins."""
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = "zh-CN"
    _set_defaults(document)
    set_fonts(document.styles["Normal"].element, BODY)
    for name in STYLES:
        _add_style(document, name)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _page_numbers(section.footer.paragraphs[0])
    return document


def _page_numbers(paragraph: Paragraph) -> None:
    """ "第 X 页 共 Y 页" centred in the footer: PAGE and NUMPAGES fields Word fills in."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("第 ", "PAGE"), (" 页 共 ", "NUMPAGES"), (" 页", None)):
        _footer_run(paragraph, text)
        if field:
            _field(paragraph, field)


def _footer_run(paragraph: Paragraph, text: str):
    run = paragraph.add_run(text)
    run.font.size = Pt(10.5)
    set_fonts(run._r, TABLE)
    return run


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A complex field (begin, instruction, separate, shown value, end): Word, WPS and
    LibreOffice update it when the page is laid out; "1" shows until then."""
    for kind in ("begin", "instruction", "separate", "value", "end"):
        run = _footer_run(paragraph, "1" if kind == "value" else "")
        if kind == "instruction":
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        elif kind != "value":
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)


def add(document: DocumentObject, text: str, style: str = "BodyText"):
    return document.add_paragraph(text, style=style)


def add_table(
    document: DocumentObject,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths_cm: Sequence[float] | None = None,
) -> Table:
    """A bordered table whose header row repeats on every page and whose rows never split."""
    texts = [["" if value is None else str(value) for value in row] for row in rows]
    # The header and one blank body row are made through python-docx (styles, alignment, row
    # height, widths); every body row is then a copy of that blank row with its texts put in.
    # Filling each cell through python-docx's objects cost about 1.4 ms a row (a 2,000-
    # enterprise task letter took 3 s of CPU); the copy gives the same XML in a few percent of
    # that. The styles are looked up once: setting a paragraph's style by name searches the
    # styles part on every call.
    table = document.add_table(rows=2 if texts else 1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(table)
    head_style = document.styles["TableHead"].style_id
    text_style = document.styles["TableText"].style_id
    table_rows = list(table.rows)
    for cell, text in zip(table_rows[0].cells, header, strict=True):
        _fill(cell, text, head_style)
    if texts:
        for cell in table_rows[1].cells:
            _fill(cell, "", text_style)
    for row in table_rows:
        row.height = Cm(0.7)  # at least; rows with wrapped text grow
    keep_rows_whole(table)
    if widths_cm:
        set_widths(table, widths_cm)
    if texts:
        blank = table_rows[1]._tr
        blank.getparent().remove(blank)
        _add_rows(table, blank, texts)
    document.add_paragraph("", style="TableText")  # air between a table and what follows
    return table


def set_widths(table: Table, widths_cm: Sequence[float]) -> None:
    """Fixed column widths. Word reads the cells' widths, LibreOffice and WPS the grid: both."""
    table.autofit = False
    for index, width in enumerate(widths_cm):
        table.columns[index].width = Cm(width)
        for cell in table.columns[index].cells:
            cell.width = Cm(width)


def _add_rows(table: Table, blank, texts: list[list[str]]) -> None:
    """A copy of the blank row `blank` per row of `texts`, each cell's run holding its text
    as `Run.text` writes it (a tab or a line break as its own element)."""
    tbl = table._tbl
    run_path = f"./{qn('w:tc')}/{qn('w:p')}/{qn('w:r')}"
    for row in texts:
        tr = deepcopy(blank)
        for r, text in zip(tr.iterfind(run_path), row, strict=True):
            if not text:
                continue
            if "\t" in text or "\n" in text or "\r" in text:
                r.text = text  # CT_R.text: tabs and breaks as elements, as add_run() writes
            else:
                r.add_t(text)
        tbl.append(tr)


def _fill(cell, text: str, style_id: str) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style_id  # the w:pStyle, as `paragraph.style = name` writes it
    paragraph.add_run(text)


def _repeat_header(table: Table) -> None:
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row_properties.append(marker)


def keep_rows_whole(table: Table) -> None:
    """No row of `table` is split across two pages (w:cantSplit): a row moves whole."""
    for row in table.rows:
        row_properties = row._tr.get_or_add_trPr()
        if row_properties.find(qn("w:cantSplit")) is not None:
            continue
        marker = OxmlElement("w:cantSplit")
        marker.set(qn("w:val"), "true")
        # the schema orders a row's properties: cantSplit comes before trHeight and tblHeader
        row_properties.insert_element_before(
            marker, "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden"
        )
