"""portal.uploads: an uploaded PDF must be inert, a Word/Excel zip must be what it declares.

Each hostile file is refused with its own code and a reason that names the field; real
documents (pypdf, WeasyPrint, a scanner's image PDF, a Word file with a chart) pass.
"""

import random
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.utils import translation

from portal.uploads import UploadError, check_upload
from tests.fixtures import pdfs

ALL = {"pdf", "docx", "xlsx", "jpeg", "png"}


def _check(content: bytes, field: str = "evidence", allowed=ALL):
    return check_upload(SimpleUploadedFile("x.pdf", content), allowed=allowed, field=field)


def _refusal(content: bytes, field: str = "evidence", allowed=ALL) -> UploadError:
    with pytest.raises(UploadError) as exc:
        _check(content, field, allowed)
    return exc.value


@pytest.mark.parametrize(
    ("make", "code", "key"),
    [
        (pdfs.js_names_pdf, "pdf_javascript", "/JavaScript"),
        (pdfs.open_action_js_pdf, "pdf_javascript", "/OpenAction → /JS"),
        (pdfs.page_aa_js_pdf, "pdf_javascript", "/JS"),
        (pdfs.launch_pdf, "pdf_launch", "/OpenAction → /Launch"),
        (pdfs.attachment_pdf, "pdf_embedded", "/EmbeddedFile"),
        (pdfs.file_annotation_pdf, "pdf_embedded", "/FileAttachment"),
        (pdfs.xfa_pdf, "pdf_xfa", "/XFA"),
    ],
)
def test_active_pdf_content_is_refused_naming_what_was_found(make, code, key):
    """JavaScript, launch actions, embedded files and XFA: refused, the PDF key in the reason."""
    with translation.override("en"):
        refusal = _refusal(make())
    assert refusal.code == code
    assert refusal.field == "evidence"
    assert str(refusal.message).startswith("Evidence file: ")
    assert f"({key})" in str(refusal.message)


def test_escaped_names_are_found_by_parsing_not_only_by_bytes():
    """/Java#53cript is /JavaScript to a reader: the parser sees it though the bytes do not."""
    content = pdfs.page_aa_js_pdf()
    assert b"/JavaScript" not in content and b"/JS" not in content
    assert _refusal(content).code == "pdf_javascript"


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (pdfs.html_polyglot_pdf, "pdf_html"),
        (pdfs.html_after_eof_pdf, "pdf_trailing_data"),
        (pdfs.html_before_pdf, "pdf_leading_data"),
        (pdfs.truncated_pdf, "pdf_truncated"),
        (lambda: b"%PDF-1.7\n" + random.Random(1).randbytes(5000) + b"\n%%EOF\n", "pdf_unreadable"),
    ],
)
def test_polyglots_truncated_and_unparseable_pdfs_are_refused(make, code):
    """A PDF that is also a web page, cut off, or not a PDF behind its header."""
    assert _refusal(make(), allowed={"pdf"}).code == code


def test_reason_names_the_field_in_chinese():
    """The user reads which upload was refused and why, in zh-hans."""
    with translation.override("zh-hans"):
        message = str(_refusal(pdfs.open_action_js_pdf(), field="scan").message)
    assert message.startswith("任务书签署扫描件：该 PDF 含有 JavaScript 脚本")


def test_too_many_pages_is_refused(monkeypatch):
    """The page cap bounds what a reader (and the check) has to walk."""
    from portal.uploads import pdf

    monkeypatch.setattr(pdf, "DEFAULT_LIMITS", pdf.PdfLimits(max_pages=1))
    assert _refusal(pdfs.scan_pdf(pages=2, size=(50, 50))).code == "pdf_pages"


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (pdfs.zip_bomb_docx, "zip_bomb"),
        (pdfs.traversal_docx, "zip_unsafe_name"),
        (pdfs.nested_zip_docx, "zip_nested"),
        (pdfs.lying_sizes_docx, "zip_sizes"),
        (lambda: pdfs.pdf_inside_docx(pdfs.open_action_js_pdf()), "pdf_javascript"),
        (lambda: pdfs.ooxml("docx", {"word/vbaProject.bin": b"\0" * 64}), "zip_macros"),
    ],
)
def test_hostile_office_zips_are_refused(make, code):
    """Bombs, ../ names, archives inside, sizes that lie, an active PDF inside, macros."""
    assert _refusal(make()).code == code


def test_inner_pdf_reason_says_which_entry():
    with translation.override("en"):
        message = str(_refusal(pdfs.pdf_inside_docx(pdfs.js_names_pdf())).message)
    assert "word/media/attachment.pdf inside the file: the PDF contains JavaScript" in message


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (pdfs.clean_pdf, "pdf"),
        (pdfs.weasyprint_pdf, "pdf"),
        (pdfs.scan_pdf, "pdf"),
        (pdfs.chart_docx, "docx"),
        (lambda: pdfs.pdf_inside_docx(pdfs.clean_pdf()), "docx"),
        (lambda: pdfs.ooxml("xlsx"), "xlsx"),
        (lambda: pdfs.clean_pdf() + b"\r\n\x00\x00  \n", "pdf"),
    ],
)
def test_real_documents_pass(make, kind):
    """pypdf, WeasyPrint (text and an image), a scanner's JPEG pages, a Word chart's data,
    and whitespace or NUL padding after %%EOF as some scanners write."""
    assert _check(make()).kind.name == kind


def test_a_20_mb_scan_is_checked_well_under_a_second(capsys):
    """The cost per upload stays modest: a 20 MB scanned PDF, from a temporary file."""
    content = pdfs.scan_pdf(pages=12, quality=92)
    assert len(content) > 20 * 1024 * 1024
    upload = TemporaryUploadedFile("scan.pdf", "application/pdf", len(content), None)
    upload.write(content)
    start = time.perf_counter()
    checked = check_upload(upload, allowed={"pdf"}, max_bytes=50 * 1024 * 1024, field="scan")
    elapsed = time.perf_counter() - start
    upload.close()
    with capsys.disabled():
        print(f"\n20 MB scan ({len(content) / 2**20:.1f} MiB) checked in {elapsed:.3f} s")
    assert checked.kind.name == "pdf"
    assert elapsed < 1.0
