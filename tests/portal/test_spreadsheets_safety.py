"""Uploads are refused by content and size before openpyxl parses any XML."""

import io

import openpyxl
import pytest
from django.core.exceptions import ImproperlyConfigured
from openpyxl.reader.excel import ExcelReader

from portal.spreadsheets import Limits, SpreadsheetError, check_xlsx, read_table
from tests.fixtures.sheets import replace_member, xlsx_bytes, zip_bytes

COLUMNS = {"name": ["企业名称"], "code": ["统一社会信用代码"]}
CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Override PartName="/xl/workbook.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail the test if openpyxl is asked to open the file (the reader uses its ExcelReader)."""

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl must not open the file")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    monkeypatch.setattr(ExcelReader, "read", refuse)


def _refusal(data: bytes, limits: Limits | None = None) -> SpreadsheetError:
    with pytest.raises(SpreadsheetError) as info:
        read_table(data, COLUMNS, limits=limits or Limits())
    return info.value


def test_openpyxl_parses_with_defusedxml():
    """defusedxml is installed and openpyxl uses it for every parse."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


def test_reading_without_defusedxml_is_refused(monkeypatch):
    """If openpyxl were not using defusedxml, no upload is parsed at all."""
    from openpyxl import xml

    monkeypatch.setattr(xml, "DEFUSEDXML", False)
    with pytest.raises(ImproperlyConfigured):
        read_table(xlsx_bytes([["企业名称", "统一社会信用代码"]]), COLUMNS)


def test_html_renamed_xlsx_is_refused_before_parsing(no_parsing):
    """An HTML table saved as .xlsx (a common "export") is refused by its content."""
    html = b"<html><body><table><tr><td>\xe4\xbc\x81\xe4\xb8\x9a</td></tr></table></body></html>"
    assert _refusal(html).code == "not_xlsx"


def test_legacy_xls_is_refused_with_advice(no_parsing):
    """An old binary .xls is recognised by its magic number and the user told to resave."""
    assert _refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512).code == "legacy_xls"


def test_zip_bomb_is_refused_before_parsing(no_parsing):
    """A member inflating 1000:1 is refused from the zip directory alone."""
    bomb = zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "xl/worksheets/sheet1.xml": b"\0" * (8 * 1024 * 1024),
        }
    )
    assert len(bomb) < 100_000
    assert _refusal(bomb).code == "zip_bomb"


def test_total_uncompressed_size_is_bounded(no_parsing):
    """Many moderately compressed members still cannot add up past the limit."""
    members = {f"xl/media/{i}.bin": bytes(range(256)) * 64 for i in range(10)}
    data = zip_bytes({"[Content_Types].xml": CONTENT_TYPES, **members})
    assert _refusal(data, Limits(max_uncompressed_bytes=100_000)).code == "zip_bomb"


def test_oversized_shared_strings_are_refused(no_parsing):
    """sharedStrings.xml is loaded whole by openpyxl, so its size has its own limit."""
    strings = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    strings += b"<si><t>" + b"x" * 2000 + b"</t></si></sst>"
    data = replace_member(xlsx_bytes([["企业名称"]]), "xl/sharedStrings.xml", strings)
    assert _refusal(data, Limits(max_shared_strings_bytes=1000)).code == "too_much_text"


def test_file_over_the_byte_limit_is_refused(no_parsing):
    """The upload's own size is checked first."""
    data = xlsx_bytes([["企业名称", "统一社会信用代码"]])
    assert _refusal(data, Limits(max_bytes=1000)).code == "too_large"


def test_zip_that_is_not_a_workbook_is_refused(no_parsing):
    """A zip without the spreadsheet content type (a .docx, a plain archive) is refused."""
    docx_like = zip_bytes({"[Content_Types].xml": b"<Types>wordprocessingml</Types>"})
    plain = zip_bytes({"data.csv": b"a,b"})
    assert _refusal(docx_like).code == "not_xlsx"
    assert _refusal(plain).code == "not_xlsx"


def test_truncated_zip_is_refused(no_parsing):
    """A download cut short is not a workbook."""
    data = xlsx_bytes([["企业名称", "统一社会信用代码"]])
    assert _refusal(data[: len(data) // 2]).code == "not_xlsx"


def test_entity_expansion_in_sheet_xml_is_refused():
    """A sheet declaring XML entities (billion laughs) fails as unreadable, never expands."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    data = replace_member(xlsx_bytes([["企业名称"]]), "xl/worksheets/sheet1.xml", laughs)
    assert _refusal(data).code == "unreadable"


def test_check_leaves_the_file_at_its_start():
    """After the check the upload can be read from the beginning again."""
    fileobj = io.BytesIO(xlsx_bytes([["企业名称"]]))
    fileobj.seek(10)
    check_xlsx(fileobj)
    assert fileobj.tell() == 0


def test_row_count_is_bounded():
    """A table longer than max_rows is refused as a whole."""
    rows = [["企业名称", "统一社会信用代码"]] + [[f"企业{i}", "x"] for i in range(5)]
    assert _refusal(xlsx_bytes(rows), Limits(max_rows=3)).code == "too_many_rows"
